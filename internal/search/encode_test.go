package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"folio/internal/chunked"
)

// marshal is encoding/json's encoding of v without HTML escaping, as the
// index was written before its JSON was written by hand.
func marshal(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// metaJSON is a metadata block as the client reads it.
type metaJSON struct {
	Pages    [][3]string `json:"p"`
	Sections [][4]any    `json:"s"`
}

var metaDocs = []Doc{{URL: "a/"}, {URL: "p/", Title: "T <&> \"q\"", Label: "Blog"}, {}}

func TestEncodeIsEncodingJSON(t *testing.T) {
	var list []byte
	for _, n := range []uint32{1, 300, 70000, 31, 32} {
		list = appendPacked(list, n)
	}
	if got := unpack(string(list)); !slices.Equal(got, []uint32{1, 300, 70000, 31, 32}) {
		t.Errorf("unpack(appendPacked) = %v", got)
	}
	var slabs chunked.Slabs
	parts := []struct {
		part jsonPart
		json any
	}{
		{shard{Words: []string{"a", "b\"c", "ü"}, Lists: []int{0, -1, 1}, Postings: listsOf(&slabs, list, []byte("E")), slabs: &slabs},
			shardJSON{Words: []string{"a", "b\"c", "ü"}, Lists: []int{0, -1, 1}, Postings: []string{string(list), "E"}}},
		{shard{}, shardJSON{}},
		{metaBlockOf(metaDocs, metaText{1, "x", "", "text\u2028\x01\t…\xff"}, metaText{1, "", "H", ""}, metaText{2, "", "", ""}),
			metaJSON{Pages: [][3]string{{"p/", "T <&> \"q\"", "Blog"}, {"", "", ""}}, Sections: [][4]any{{0, "x", "", "text\u2028\x01\t…\xff"}, {0, "", "H", ""}, {1, "", "", ""}}}},
		{&metaBlock{}, metaJSON{Pages: [][3]string{}, Sections: [][4]any{}}},
	}
	for _, p := range parts {
		if p.json == nil {
			p.json = p.part
		}
		if got, want := p.part.appendJSON(nil), marshal(t, p.json); !bytes.Equal(got, want) {
			t.Errorf("%#v:\n got %s\nwant %s", p.part, got, want)
		}
	}
}

// listsOf are lists of bytes in slabs.
func listsOf(slabs *chunked.Slabs, bs ...[]byte) []*chunked.List {
	lists := make([]*chunked.List, len(bs))
	for i, b := range bs {
		lists[i] = new(chunked.List)
		lists[i].Put(slabs, b)
	}
	return lists
}

// metaText is a section's metadata for metaBlockOf.
type metaText struct {
	doc                      int
	anchor, heading, excerpt string
}

func metaBlockOf(docs []Doc, secs ...metaText) *metaBlock {
	m := &metaBlock{docs: docs}
	for _, s := range secs {
		m.add(s.doc, []byte(s.anchor), []byte(s.heading), []byte(s.excerpt))
	}
	return m
}
