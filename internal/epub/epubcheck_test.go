package epub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/epubcheck"
)

// TestEpubcheckSmallBook validates the small book plus the golden chapter
// fixture, which holds the markup most likely to break validity.
func TestEpubcheckSmallBook(t *testing.T) {
	t.Parallel()
	torture, err := os.ReadFile(filepath.Join("testdata", "chapter.html"))
	if err != nil {
		t.Fatal(err)
	}
	b := smallBook(t)
	b.Chapters = append(b.Chapters, Chapter{FileName: "chapter-03.xhtml", Title: "Markup", Source: "testdata/chapter.html", Linear: true, Body: torture})
	b.Resources = append(b.Resources, Resource{Href: "images/chart.png", Data: encodePNG(t, 4)})
	b.Nav = append(b.Nav, NavItem{Title: "Markup", Href: "chapter-03.xhtml"})
	r := epubcheck.RequireValid(t, writeBook(t, b))
	t.Log(r.Summary())
}

// TestEpubcheckGeneratedBook validates a 100-chapter book in ten parts with
// images, footnotes, tables and links between chapters.
func TestEpubcheckGeneratedBook(t *testing.T) {
	t.Parallel()
	b := generatedBook(t, 100)
	epub := writeBook(t, b)
	if got := strings.Count(string(epubcheck.File(t, epub, "EPUB/package.opf")), "<itemref "); got != 100 {
		t.Fatalf("spine has %d chapters, want 100", got)
	}
	r := epubcheck.RequireValid(t, epub)
	t.Logf("%d chapters, %d images, %d bytes: %s", len(b.Chapters), len(b.Resources), len(epub), r.Summary())
}

// TestEpubcheckDetectsInvalidBooks guards the checker itself: a file with
// a broken chapter must be reported, or a passing run proves nothing.
func TestEpubcheckDetectsInvalidBooks(t *testing.T) {
	t.Parallel()
	epub := writeBook(t, smallBook(t))
	dir := t.TempDir()
	epubcheck.Unpack(t, epub, dir)
	broken := filepath.Join(dir, "EPUB", "chapter-01.xhtml")
	if err := os.WriteFile(broken, []byte("<html><p>not xhtml</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := epubcheck.Run(t, dir)
	if r.Count("ERROR")+r.Count("FATAL") == 0 {
		t.Fatalf("epubcheck accepted a broken chapter; output:\n%s", r.Output)
	}
}
