package editions

import (
	"errors"
	"testing"

	"folio/internal/content"
	"folio/internal/shelf"
)

// A page's print rendering is read from the shelf each time the layout
// asks for it; a shelf that cannot give it back is a problem naming the
// page, not an empty chapter.
func TestPrintHTMLReadsTheShelf(t *testing.T) {
	s := shelf.New("folio-print-test-*")
	k := &Kept{shelf: s, print: shelf.NewKeyed[*content.Page](s)}
	p := &content.Page{File: "content/book/one.md"}
	packOnto([]byte("<p>One.</p>"), func(html packed) { k.print.PutCopy(p, html) })
	h := PrintHTML{page: p, kept: k}
	for range 2 {
		if got, err := h.Read(); err != nil || got != "<p>One.</p>" {
			t.Fatalf("Read() = %q, %v", got, err)
		}
	}
	if got, err := (PrintHTML{page: &content.Page{File: "content/book/empty.md"}, kept: k}).Read(); got != "" || err != nil {
		t.Errorf("a page without a rendering (an empty body) reads %q, %v", got, err)
	}
	k.Close()
	_, err := h.Read()
	var ce *content.Error
	if !errors.As(err, &ce) || ce.File != p.File {
		t.Errorf("Read() from a closed shelf failed with %v, want a problem of %s", err, p.File)
	}
}
