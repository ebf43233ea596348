package output

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// A file above streamAbove, minified into a new build folder, goes from
// the minifier into its file: the same bytes as a minified Write into
// memory, counted the same.
func TestLargeFileMinifiedIntoItsFile(t *testing.T) {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A book</title>\n</head>\n<body>\n")
	for i := 0; page.Len() <= streamAbove; i++ {
		fmt.Fprintf(&page, "<article class=\"print-chapter\" id=\"c%d\">\n  <h1>  Chapter %d  </h1>\n<p>Some   text, <em>kept</em> .</p>\n</article>\n", i, i)
	}
	page.WriteString("</body>\n</html>\n")
	mem, m := NewMemory(nil, Options{Minify: true})
	if err := mem.Write("book/print/index.html", "content/book/_index.md", []byte(page.String())); err != nil {
		t.Fatal(err)
	}
	want := m.Files()["book/print/index.html"]
	final := filepath.Join(t.TempDir(), "public")
	w, d, err := NewDir(final, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("book/print/index.html", "content/book/_index.md", []byte(page.String())); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(final, "book", "print", "index.html")); got != string(want) || len(got) >= page.Len() {
		t.Errorf("streamed file (%d bytes) differs from the minified Write (%d bytes) of %d bytes", len(got), len(want), page.Len())
	}
	if w.Files() != 1 || w.Bytes() != int64(len(want)) {
		t.Errorf("counted %d files, %d bytes; want 1 and %d", w.Files(), w.Bytes(), len(want))
	}
}
