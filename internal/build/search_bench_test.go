package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/buildtest"
	"folio/internal/config"
	"folio/internal/markdown"
	"folio/internal/search"
)

// BenchmarkBuild1000NoSearch is BenchmarkBuild1000 with search: false, so
// that the two (allocations, or the share of search in a CPU profile) show
// what the index adds to a build.
func BenchmarkBuild1000NoSearch(b *testing.B) {
	benchmarkBuild(b, 1000, func(c *config.Config) { c.Search = false })
}

// searchBodies converts the Markdown of the 1,000-page corpus once, for
// BenchmarkSearchIndex1000.
func searchBodies(b *testing.B) [][]byte {
	dir := buildtest.CorpusDir(b, 1000)
	md := markdown.New(markdown.Options{})
	var bodies [][]byte
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := md.Convert(src, markdown.Env{})
		if err != nil {
			return err
		}
		bodies = append(bodies, doc.HTML)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return bodies
}

// BenchmarkSearchIndex1000 is the search index's work alone over the
// converted pages of the 1,000-page corpus: analysing each page's body,
// then writing the index. Its CPU profile shows where the index's share
// of BenchmarkBuild1000 goes.
func BenchmarkSearchIndex1000(b *testing.B) {
	bodies := searchBodies(b)
	b.ReportAllocs()
	for b.Loop() {
		d := search.NewDict()
		docs := make([]search.Doc, len(bodies))
		for i, body := range bodies {
			docs[i] = search.Doc{URL: fmt.Sprintf("p%d/", i), Title: "Page", Body: search.AnalyzeHTML(d, string(body))}
		}
		idx, err := search.Write(d, docs, search.Options{Language: "en"})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(idx.Bytes), "index-bytes")
		b.ReportMetric(float64(idx.Words), "words")
		b.ReportMetric(float64(idx.Sections), "sections")
	}
}

// BenchmarkSearchAnalyze1000 is the page stage's share of the index: each
// converted page of the 1,000-page corpus analysed and packed
// (search.AppendPackedHTML), as a clean build does. Its processor time
// (user-s/op) is steadier than its wall time on a shared machine. The
// pages are strings before it starts, as a build's are: converting each
// page every time was 9.3 of its 9.9 MB a run.
func BenchmarkSearchAnalyze1000(b *testing.B) {
	bodies := searchBodies(b)
	html := make([]string, len(bodies))
	for i, body := range bodies {
		html[i] = string(body)
	}
	b.ReportAllocs()
	var buf []byte
	var cpu cpuClock
	for b.Loop() {
		d := search.NewDict()
		cpu.time(func() {
			for _, body := range html {
				buf, _ = search.AppendPackedHTML(buf[:0], d, body)
			}
		})
	}
	cpu.report(b)
}

// BenchmarkSearchWrite1000 is the index written from the packed analyses
// of the 1,000-page corpus, each unpacked as Write asks (a clean build's
// search.Doc.Load), the files handed over and dropped. Its processor
// time (user-s/op, sys-s/op) counts the index's goroutines, the shards'
// on all cores.
func BenchmarkSearchWrite1000(b *testing.B) {
	bodies := searchBodies(b)
	d := search.NewDict()
	docs := make([]search.Doc, len(bodies))
	for i, body := range bodies {
		packed, sum := search.AppendPackedHTML(nil, d, string(body))
		load := func(dst []byte) (search.Packed, error) { return append(dst, packed...), nil }
		docs[i] = search.Doc{URL: fmt.Sprintf("p%d/", i), Title: "Page", MetaSum: sum, Load: load}
	}
	b.ReportAllocs()
	var cpu cpuClock
	for b.Loop() {
		cpu.time(func() {
			if _, err := search.Write(d, docs, search.Options{Language: "en", Release: true, Write: func(search.File) {}}); err != nil {
				b.Fatal(err)
			}
		})
	}
	cpu.report(b)
}
