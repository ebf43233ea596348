package search

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// rankingDocs are the ranking fixture's pages as a clean build gives them:
// each analysis packed, with its MetaSum, and a Load that unpacks it.
func rankingDocs(d *Dict, packed bool) []Doc {
	var docs []Doc
	for _, p := range rankingSite {
		doc := Doc{URL: p.url, Title: p.title, Label: "Book"}
		if packed {
			data, sum := AppendPackedHTML(nil, d, p.html)
			doc.MetaSum, doc.Load = sum, func(dst []byte) (Packed, error) { return append(dst, data...), nil }
		} else {
			doc.Body = AnalyzeHTML(d, p.html)
		}
		docs = append(docs, doc)
	}
	return docs
}

// TestWriteHandsFiles checks that an index written through Options.Write
// (packed analyses, as a clean build's) is file for file the index kept
// in memory from the analyses themselves (as a preview's), each file
// handed over once and listed without its data.
func TestWriteHandsFiles(t *testing.T) {
	opts := Options{Language: "en", ShardBytes: 40, BlockSize: 2}
	d := NewDict()
	want, err := Write(d, rankingDocs(d, false), opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	handed := map[string][]byte{}
	opts.Write = func(f File) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := handed[f.Path]; ok {
			t.Errorf("%s handed over twice", f.Path)
		}
		handed[f.Path] = bytes.Clone(f.Data) // valid during the call only
	}
	got, err := Write(d, rankingDocs(d, true), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got.Bytes != want.Bytes || len(got.Files) != len(want.Files) || len(handed) != len(want.Files) {
		t.Fatalf("%d files of %d bytes listed, %d handed over; want %d of %d", len(got.Files), got.Bytes, len(handed), len(want.Files), want.Bytes)
	}
	for i, f := range want.Files {
		if got.Files[i].Path != f.Path || got.Files[i].Data != nil {
			t.Errorf("file %d listed as %s with %d bytes, want %s without its data", i, got.Files[i].Path, len(got.Files[i].Data), f.Path)
		}
		if string(handed[f.Path]) != string(f.Data) {
			t.Errorf("%s handed over differs from the index kept in memory", f.Path)
		}
	}
}

// TestMetaNames checks that the metadata blocks' names change with what
// they say (an excerpt, a title, the size of a block), and not with the
// words of a section alone.
func TestMetaNames(t *testing.T) {
	name := func(change func([]Doc), opts Options) string {
		d := NewDict()
		docs := rankingDocs(d, false)
		change(docs)
		idx, err := Write(d, docs, opts)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(idx.Files, func(f File) bool { return strings.HasPrefix(f.Path, Dir+"m.") })
		return idx.Files[i].Path
	}
	same := func([]Doc) {}
	base := name(same, Options{})
	for _, c := range []struct {
		what   string
		change func([]Doc)
		opts   Options
		differ bool
	}{
		{"nothing", same, Options{}, false},
		{"an excerpt", func(docs []Doc) { docs[3].Body.Sections[0].Excerpt += " more" }, Options{}, true},
		{"a title", func(docs []Doc) { docs[0].Title = "Hearing" }, Options{}, true},
		{"the block size", same, Options{BlockSize: 3}, true},
		{"a section's words", func(docs []Doc) { docs[3].Body.Sections[0].Terms = nil }, Options{}, false},
	} {
		if got := name(c.change, c.opts); (got != base) != c.differ {
			t.Errorf("changing %s: blocks named %s, before %s", c.what, got, base)
		}
	}
}

// TestWriteWantsMetaSum: a Doc with Load and no MetaSum is a caller's
// mistake, which Write reports by a panic naming the page.
func TestWriteWantsMetaSum(t *testing.T) {
	d := NewDict()
	docs := rankingDocs(d, true)
	docs[2].MetaSum = MetaSum{}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), docs[2].URL) {
			t.Errorf("recovered %v, want a panic naming %s", r, docs[2].URL)
		}
	}()
	Write(d, docs, Options{})
}
