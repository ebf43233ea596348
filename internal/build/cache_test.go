package build

import (
	"strings"
	"testing"

	"folio/internal/content"
	"folio/internal/search"
	"folio/internal/shelf"
)

// TestUnshelveSearch takes a clean build's search analyses back off their
// shelf, and reports, with the page, one that does not come back: a shelf
// that cannot be read, or bytes that do not unpack.
func TestUnshelveSearch(t *testing.T) {
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
			s := shelf.New("folio-search-test-*")
			k := shelf.NewKeyed[*content.Page](s)
			defer k.Close()
			k.Put(page, c.packed)
			if c.closed {
				s.Close()
			}
			bodies, err := unshelveSearch(k)
			switch {
			case c.err == "" && err != nil:
				t.Fatal(err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Fatalf("error %v, want one naming %s", err, c.err)
			case c.err == "" && len(bodies[page].Sections) != len(want.Sections):
				t.Errorf("unshelved %+v, want %+v", bodies[page], want)
			}
		})
	}
}
