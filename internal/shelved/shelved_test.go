package shelved

import (
	"fmt"
	"strings"
	"testing"

	"folio/internal/content"
	"folio/internal/search"
)

// TestAnalyses loads a clean build's search analyses off their shelf,
// twice, from a full batch on the shelf's file and from the last batch,
// and reports, with the page, one that does not come back (a shelf that
// cannot be read), and bytes that do not unpack.
func TestAnalyses(t *testing.T) {
	d := search.NewDict()
	html := func(i int) string {
		var b strings.Builder
		for j := range 5 {
			fmt.Fprintf(&b, `<h2 id="s%d-%d">Intro %d</h2><p>%s</p>`, i, j, i, strings.Repeat("coaching practice ", 20+j+i%7))
		}
		return b.String()
	}
	cases := []struct {
		name, err string
		damaged   bool
		closed    bool // the shelf, before the index is written
	}{
		{"back", "", false, false},
		{"damaged", "damaged", true, false},
		{"shelf closed", "content/page-7.md", false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := NewAnalyses()
			defer a.Close()
			const n = 400 // two batches and some
			pages := make([]*content.Page, n)
			for i := range pages {
				pages[i] = &content.Page{File: fmt.Sprintf("content/page-%d.md", i)}
				a.Put(pages[i], d, html(i))
			}
			if len(a.batches) < 2 {
				t.Fatalf("%d batches on the shelf's file, want at least 2", len(a.batches))
			}
			if c.damaged {
				a.put(pages[7], []byte{0xff, 1}, search.MetaSum{})
			}
			if c.closed {
				a.Close()
			}
			for _, i := range []int{7, 0, n - 1, n / 2} {
				want := search.AnalyzeHTML(search.NewDict(), html(i))
				doc := a.Doc(pages[i])
				if c.err == "" && doc.MetaSum != want.MetaSum() {
					t.Errorf("page %d: MetaSum %x, want the Body's %x", i, doc.MetaSum, want.MetaSum())
				}
				for range 2 {
					body, err := load(doc)
					switch {
					case c.err == "" && err != nil:
						t.Fatal(err)
					case c.err != "" && i == 7 && (err == nil || !strings.Contains(err.Error(), c.err)):
						t.Fatalf("error %v, want one naming %s", err, c.err)
					case c.err == "" && !sameSections(body, want):
						t.Errorf("page %d loaded %+v, want %+v", i, body, want)
					}
				}
			}
		})
	}
	var none *Analyses
	empty := NewAnalyses()
	defer empty.Close()
	if none.Doc(&content.Page{}).Load != nil || empty.Doc(&content.Page{}).Load != nil {
		t.Error("a loader for a page with no analysis")
	}
}

// load reads a Doc's packed analysis and unpacks it.
func load(doc search.Doc) (*search.Body, error) {
	p, err := doc.Load(nil)
	if err != nil {
		return nil, err
	}
	return p.Body()
}

// sameSections reports whether two analyses have the same sections, their
// terms aside: the words are numbered by different dictionaries.
func sameSections(a, b *search.Body) bool {
	if len(a.Sections) != len(b.Sections) {
		return false
	}
	for i, s := range a.Sections {
		o := b.Sections[i]
		if s.Anchor != o.Anchor || s.Heading != o.Heading || s.Excerpt != o.Excerpt || len(s.Terms) != len(o.Terms) {
			return false
		}
	}
	return true
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
