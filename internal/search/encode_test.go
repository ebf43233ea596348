package search

import (
	"bytes"
	"encoding/json"
	"testing"
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

func TestEncodeIsEncodingJSON(t *testing.T) {
	parts := []jsonPart{
		shard{Words: []string{"a", "b\"c", "ü"}, Lists: []int{0, -1, 1}, Postings: [][]uint32{{1, 2, 3}, {4}}},
		shard{},
		metaBlock{{"p/#x", "T <&> \"q\"", "", "Blog", "text\u2028\x01\t…\xff"}, {"", "", "", "", ""}},
		metaBlock{},
	}
	for _, p := range parts {
		if got, want := p.appendJSON(nil), marshal(t, p); !bytes.Equal(got, want) {
			t.Errorf("%#v:\n got %s\nwant %s", p, got, want)
		}
	}
}

// FuzzJSONString holds appendJSONString to encoding/json.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\s/", "\x00\x1f\b\f\n\r\t\x7f", "é…’\u2028\u2029", "\xff\xfe a\xc3", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendJSONString(nil, s), marshal(t, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}
