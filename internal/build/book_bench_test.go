package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/corpus"
	"folio/internal/output"
)

// book300 generates (once per test binary run) a site holding a book of
// 300 chapters in 15 parts and nothing else.
func book300(b *testing.B) string {
	dir := filepath.Join(os.TempDir(), "folio-bench-book-300")
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		_ = os.RemoveAll(dir)
		if err := corpus.Generate(dir, corpus.Spec{Chapters: 300, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkBook300 is a full build of a 300-chapter book into memory,
// minified, print edition included. It reports the size of a chapter page
// (the largest) and of the print edition.
func BenchmarkBook300(b *testing.B) {
	fsys := os.DirFS(book300(b))
	b.ReportAllocs()
	var files map[string][]byte
	for b.Loop() {
		files = book300Files(b, fsys)
	}
	largest, total, n := 0, 0, 0
	for rel, data := range files {
		// book/<part>/<chapter>/index.html: a chapter page with its sidebar.
		if strings.HasPrefix(rel, "book/") && strings.Count(rel, "/") == 3 {
			largest, total, n = max(largest, len(data)), total+len(data), n+1
		}
	}
	b.ReportMetric(float64(largest), "max-chapter-bytes")
	b.ReportMetric(float64(total/max(n, 1)), "mean-chapter-bytes")
	b.ReportMetric(float64(len(files[book300Print])), "print-bytes")
}

// book300Print is the print edition of the 300-chapter book.
const book300Print = "book/print/index.html"

// book300Files is a full build of the site of fsys into memory, minified:
// the files it wrote.
func book300Files(b *testing.B, fsys fs.FS) map[string][]byte {
	cfg, err := Configure(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	if _, err := Run(fsys, cfg, Options{}, w); err != nil {
		b.Fatal(err)
	}
	return mem.Files()
}

// BenchmarkPrint300 is the print edition of the 300-chapter book alone:
// once the page stage has converted the chapters and kept their print
// renderings (editions.Kept), which is done once, rendering the one page,
// reading each chapter's rendering back as the layout reaches it, and
// minifying it. It fails unless what it rendered is the print edition a
// whole build of the book writes, byte for byte: a setup that lost the
// renderings (as a whole build's end lets them go) would render the
// book's titles alone, and measure almost nothing.
func BenchmarkPrint300(b *testing.B) {
	fsys := os.DirFS(book300(b))
	whole := book300Files(b, fsys)[book300Print]
	bl := pagesInMemory(b, fsys)
	site, cfg := bl.site, bl.cfg
	b.ReportAllocs()
	var mem *output.Memory
	for b.Loop() {
		bl.w, mem = output.NewMemory(nil, output.Options{Minify: cfg.Minify})
		bl.renderPrint(site.Books[0])
	}
	if err := bl.stageErr(); err != nil {
		b.Fatal(err)
	}
	got := mem.Files()[book300Print]
	if !bytes.Equal(got, whole) {
		b.Fatalf("rendered a print edition of %d bytes; a whole build of the book writes %d", len(got), len(whole))
	}
	b.ReportMetric(float64(len(got)), "print-bytes")
}
