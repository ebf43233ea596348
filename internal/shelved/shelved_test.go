package shelved

import (
	"reflect"
	"strings"
	"testing"

	"folio/internal/content"
	"folio/internal/search"
)

// TestAnalyses loads a clean build's search analyses off their shelf,
// twice, as the index does, and reports, with the page, one that does not
// come back: a shelf that cannot be read, or bytes that do not unpack.
func TestAnalyses(t *testing.T) {
	d := search.NewDict()
	page := &content.Page{File: "content/guide/intro.md"}
	want := search.Analyze(d, []search.Section{{Heading: "Intro", Text: "coaching practice"}})
	cases := []struct {
		name, err string
		packed    []byte
		closed    bool // the shelf's file, before the index is written
	}{
		{"back", "", want.Pack(), false},
		{"damaged", "content/guide/intro.md", []byte{0xff, 1}, false},
		{"shelf closed", "content/guide/intro.md", want.Pack(), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := NewAnalyses()
			defer a.Close()
			a.k.Put(page, c.packed)
			if c.closed {
				a.Close()
			}
			load := a.Loader(page)
			for range 2 {
				body, err := load()
				switch {
				case c.err == "" && err != nil:
					t.Fatal(err)
				case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
					t.Fatalf("error %v, want one naming %s", err, c.err)
				case c.err == "" && !reflect.DeepEqual(body, want):
					t.Errorf("loaded %+v, want %+v", body, want)
				}
			}
		})
	}
	var none *Analyses
	empty := NewAnalyses()
	defer empty.Close()
	if none.Loader(&content.Page{}) != nil || empty.Loader(&content.Page{}) != nil {
		t.Error("a loader for a page with no analysis")
	}
}

// TestSources shelves a page's Markdown and gives it back once, and
// reports, with the page, Markdown that does not come back.
func TestSources(t *testing.T) {
	md := []byte(strings.Repeat("# Intro\n\nSome *coaching* practice.\n\n", 40))
	cases := []struct {
		name, err string
		closed    bool
	}{
		{"back", "", false},
		{"shelf closed", "content/guide/intro.md", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := &content.Page{File: "content/guide/intro.md"}
			s := NewSources()
			defer s.Close()
			s.Put(page, md)
			if c.closed {
				s.Close()
			}
			err := s.Restore(page)
			switch {
			case c.err == "" && err != nil:
				t.Fatal(err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Fatalf("error %v, want one naming %s", err, c.err)
			case c.err == "" && string(content.BodyOf(page)) != string(md):
				t.Errorf("restored %d bytes, want the %d shelved", len(content.BodyOf(page)), len(md))
			}
		})
	}
	var none *Sources
	if err := none.Restore(&content.Page{}); err != nil {
		t.Errorf("no shelf: %v", err)
	}
}
