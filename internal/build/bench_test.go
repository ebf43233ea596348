package build

import (
	"os"
	"testing"

	"folio/internal/buildtest"
	"folio/internal/config"
	"folio/internal/output"
)

// benchmarkBuild builds the corpus of the given size, with the changes of
// adjust made to its configuration.
func benchmarkBuild(b *testing.B, pages int, adjust ...func(*config.Config)) {
	dir := buildtest.CorpusDir(b, pages)
	fsys := os.DirFS(dir)
	var cpu cpuClock
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
		cpu.time(func() {
			if _, err := Run(fsys, cfg, Options{}, w); err != nil {
				b.Fatal(err)
			}
		})
	}
	cpu.report(b)
}

// BenchmarkBuild1000 is a full build of a generated 1,000-page site (300
// chapters, 700 posts) into memory, minified.
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, 1000) }

// BenchmarkBuild10000 is the same at 10,000 pages.
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }
