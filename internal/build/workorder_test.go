package build

import (
	"testing"

	"folio/internal/content"
)

// TestWorkOrder: a series' feed is written, and the absolute HTML of its
// posts freed, once its posts and its own page are converted, so the work
// order puts them side by side; a series page left to the end held every
// series' entries until then. A book's pages come last.
func TestWorkOrder(t *testing.T) {
	page := func(name string) *content.Page { return &content.Page{File: name} }
	a1, a2, b1, about, aPage := page("a1"), page("a2"), page("b1"), page("about"), page("series/a")
	ch1, ch2, part := page("book/ch1"), page("book/ch2"), page("book/part")
	ch1.Kind, ch2.Kind, part.Kind = content.KindChapter, content.KindChapter, content.KindPart
	site := &content.Site{
		Pages: []*content.Page{ch1, about, part, b1, ch2, a2, aPage, a1},
		Series: []*content.Series{
			{Name: "A", Page: aPage, Posts: []*content.Post{{Page: a1}, {Page: a2}}},
			{Name: "B", Posts: []*content.Post{{Page: b1}}},
		},
	}
	var got []string
	for _, p := range workOrder(site) {
		got = append(got, p.File)
	}
	// Then the book's pages, whose print and EPUB renderings are kept
	// until the end stages, last.
	want := []string{"series/a", "a1", "a2", "b1", "about", "book/ch1", "book/part", "book/ch2"}
	if len(got) != len(want) {
		t.Fatalf("work order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("work order %v, want %v", got, want)
		}
	}
}
