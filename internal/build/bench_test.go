package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"folio/internal/config"
	"folio/internal/corpus"
	"folio/internal/output"
)

var corpora sync.Map // pages → folder, generated once per test binary

// corpusDir generates (once) a synthetic site of the given size.
func corpusDir(b *testing.B, pages int) string {
	if dir, ok := corpora.Load(pages); ok {
		return dir.(string)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("folio-bench-%d", pages))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		_ = os.RemoveAll(dir)
		if err := corpus.Generate(dir, corpus.Spec{Pages: pages, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	corpora.Store(pages, dir)
	return dir
}

// benchmarkBuild builds the corpus of the given size, with the changes of
// adjust made to its configuration.
func benchmarkBuild(b *testing.B, pages int, adjust ...func(*config.Config)) {
	dir := corpusDir(b, pages)
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		cfg, err := Configure(fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range adjust {
			f(&cfg)
		}
		w, _ := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
		if _, err := Run(fsys, cfg, Options{}, w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild1000 is a full build of a generated 1,000-page site (300
// chapters, 700 posts) into memory, minified.
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, 1000) }

// BenchmarkBuild10000 is the same at 10,000 pages.
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }
