package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/epubcheck"
)

// TestPublicBookRawHTML builds four chapters of a public book written for another
// tool (The Rust Programming Language, for mdBook; testdata/publicbook/
// README.md says what was taken and changed) with the default raw-HTML
// policy: it builds without an error, warns of exactly the raw HTML the
// policy removes (warnings.txt), resolves every image its raw HTML names,
// and a crawl of the output finds every img, src, srcset and href target.
// Without -short epubcheck finds nothing at all in the EPUB, its usage
// report included, and the Nu Html Checker no error and no warning in any
// page, stylesheet or SVG of the site.
func TestPublicBookRawHTML(t *testing.T) {
	t.Parallel() // its validators run beside the other slow tests
	dir := filepath.Join("testdata", "publicbook")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: dir, Output: out, Now: fixtureNow})
	if err != nil {
		t.Fatalf("the public book does not build:\n%v", err)
	}
	goldenWarnings(t, dir, res.Warnings)

	pages := []string{"book/index.html", "book/print/index.html"}
	figures := 0
	for _, ch := range []string{"ch03-02-data-types", "ch04-01-what-is-ownership", "ch15-01-box", "appendix-02-operators"} {
		page := filepath.Join("book", ch, "index.html")
		pages = append(pages, page)
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		figures += strings.Count(string(data), `src="/book/img/trpl`)
	}
	if figures != 7 {
		t.Errorf("the chapter pages show %d of the book's 7 figures", figures)
	}

	crawlFindsEveryTarget(t, out, 100)
	if testing.Short() {
		return
	}

	epub, err := os.ReadFile(filepath.Join(out, "book", "the-rust-programming-language-four-chapters.epub"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(epubcheck.File(t, epub, "EPUB/chapter-02.xhtml")), `src="images/book/img/trpl04-0`); n != 5 {
		t.Errorf("the EPUB's chapter 2 holds %d of its 5 figures", n)
	}
	epubcheck.RequireValid(t, epub)

	// Every page, stylesheet and SVG of the site, warnings included.
	validate(t, vnuJar(t), out)
}
