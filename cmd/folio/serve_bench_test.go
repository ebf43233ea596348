package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/corpus"
)

// The serve benchmarks time what the author waits for, on generated sites
// served by the real folio serve (watcher, session, HTTP server):
//
//	go test ./cmd/folio -run '^$' -bench Serve -benchtime 1x
//
// Each edit adds a sentence to a chapter and is timed from the moment the
// file is written to the first GET of the chapter that returns the new
// text. The client waits for the server's change event instead of polling.
// Before the next edit it waits for the print edition and EPUB, which every
// chapter edit redoes after the pages are out (complete-ms).

// benchCorpus generates (once per machine) a site of the given size.
func benchCorpus(b *testing.B, pages int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("folio-bench-%d", pages))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		_ = os.RemoveAll(dir)
		if err := corpus.Generate(dir, corpus.Spec{Pages: pages, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	copyDir := b.TempDir()
	if err := os.CopyFS(copyDir, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	return copyDir
}

// benchChapter picks the chapter the benchmarks edit in a generated site
// (the first file of the book's first part, by name) and returns its source,
// relative to dir, and its page.
func benchChapter(b testing.TB, dir string) (file, page string) {
	parts, err := filepath.Glob(filepath.Join(dir, "content", "book", "part-*"))
	if err != nil || len(parts) == 0 {
		b.Fatalf("no part in the book of %s", dir)
	}
	slices.Sort(parts)
	chapters, _ := filepath.Glob(filepath.Join(parts[0], "*.md"))
	slices.Sort(chapters)
	for _, c := range chapters {
		if filepath.Base(c) == "_index.md" {
			continue
		}
		part, name := filepath.Base(parts[0]), strings.TrimSuffix(filepath.Base(c), ".md")
		return filepath.Join("content", "book", part, name+".md"), "/book/" + part + "/" + name + "/"
	}
	b.Fatalf("no chapter in %s", parts[0])
	return "", ""
}

const benchEdits = 20

func benchmarkServeEdit(b *testing.B, pages int, rename bool) {
	dir := benchCorpus(b, pages)
	chapterFile, chapterPage := benchChapter(b, dir)
	r := startServe(b, serveFlags{source: dir, bind: "127.0.0.1"})
	r.get("/book/print/") // held until the first build's print edition and EPUB are done
	ev := r.events(chapterPage)
	ev.waitFor(b, "hello", "")
	file := filepath.Join(dir, chapterFile)
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var page, complete []time.Duration
	misses, n := 0, 0
	for b.Loop() {
		for range benchEdits {
			n++
			marker := fmt.Sprintf("Benchmark edit number %d.", n)
			edited := []byte(strings.Replace(string(src), "\n## ", "\n"+marker+"\n\n## ", 1))
			start := time.Now()
			if rename {
				saveLikeVim(b, file, edited)
			} else if err := os.WriteFile(file, edited, 0o644); err != nil {
				b.Fatal(err)
			}
			took, ok := servedAfter(b, r, ev, chapterPage, marker, start)
			if !ok {
				misses++
				continue
			}
			page = append(page, took)
			ev.waitFor(b, "change", "/book/print/") // the book's print edition and EPUB are done
			complete = append(complete, time.Since(start))
		}
	}
	report(b, "", page)
	report(b, "complete-", complete)
	b.ReportMetric(float64(misses), "misses")
	if misses > 0 {
		b.Errorf("%d of %d edits never reached the page", misses, n)
	}
}

// servedAfter waits for change events until a GET of the chapter shows
// marker, and returns the time since start.
func servedAfter(b *testing.B, r *running, ev *events, page, marker string, start time.Time) (time.Duration, bool) {
	deadline := time.After(waitLimit)
	for {
		select {
		case e, ok := <-ev.got:
			if !ok {
				b.Fatal("the event stream ended")
			}
			if e.name != "change" || !changes(e.data, page) {
				continue
			}
			if _, body := r.get(page); strings.Contains(body, marker) {
				return time.Since(start), true
			}
		case <-deadline:
			return 0, false
		}
	}
}

// changes reports whether a change event lists the page.
func changes(data, page string) bool {
	var c struct{ Changed []string }
	return json.Unmarshal([]byte(data), &c) == nil && slices.Contains(c.Changed, page)
}

// report adds the median and 90th percentile of ds, in milliseconds.
func report(b *testing.B, prefix string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(q float64) float64 {
		return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.5), prefix+"median-ms")
	b.ReportMetric(at(0.9), prefix+"p90-ms")
}

func BenchmarkServeEdit1000Write(b *testing.B)   { benchmarkServeEdit(b, 1000, false) }
func BenchmarkServeEdit1000Rename(b *testing.B)  { benchmarkServeEdit(b, 1000, true) }
func BenchmarkServeEdit10000Write(b *testing.B)  { benchmarkServeEdit(b, 10000, false) }
func BenchmarkServeEdit10000Rename(b *testing.B) { benchmarkServeEdit(b, 10000, true) }
