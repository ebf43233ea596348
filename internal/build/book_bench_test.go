package build

import (
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
		cfg, err := Configure(fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
		if _, err := Run(fsys, cfg, Options{}, w); err != nil {
			b.Fatal(err)
		}
		files = mem.Files()
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
	b.ReportMetric(float64(len(files["book/print/index.html"])), "print-bytes")
}

// BenchmarkPrint300 is the print edition of the 300-chapter book alone:
// converting every chapter again with its id prefix and in-page links,
// rendering the one page and minifying it.
func BenchmarkPrint300(b *testing.B) {
	bl := builtInMemory(b, os.DirFS(book300(b)))
	site, cfg := bl.site, bl.cfg
	b.ReportAllocs()
	var mem *output.Memory
	for b.Loop() {
		bl.w, mem = output.NewMemory(nil, output.Options{Minify: cfg.Minify})
		bl.renderPrint(site.Books[0])
	}
	if err := bl.probs.Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(mem.Files()["book/print/index.html"])), "print-bytes")
}
