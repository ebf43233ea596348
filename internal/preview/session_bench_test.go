package preview

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/buildtest"
)

// benchmarkSessionEdit times a rebuild after an edit to one chapter's body,
// the preview's common case, without watcher or server (cmd/folio's
// BenchmarkServe measures the whole loop).
func benchmarkSessionEdit(b *testing.B, pages int) {
	dir := copySiteSources(b, buildtest.CorpusDir(b, pages))
	s, err := NewSession(build.Options{Source: dir, BaseURL: "http://127.0.0.1:4242/", Drafts: true, Future: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Build(nil); err != nil {
		b.Fatal(err)
	}
	chapter := firstChapter(b, dir)
	src, err := os.ReadFile(chapter)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		edited := strings.Replace(string(src), "\n## ", fmt.Sprintf("\nEdit number %d.\n\n## ", n), 1)
		if err := os.WriteFile(chapter, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		up, err := s.Build([]string{chapter})
		if err != nil {
			b.Fatal(err)
		}
		if !up.Fast || up.Rendered > 3 {
			b.Fatalf("a body edit was not patched in: %s", up.Line())
		}
	}
}

// firstChapter finds the first chapter of the corpus's first part (the
// generator names chapter files by their titles).
func firstChapter(b *testing.B, dir string) string {
	parts, _ := filepath.Glob(filepath.Join(dir, "content", "book", "part-*"))
	slices.Sort(parts)
	for _, part := range parts {
		chapters, _ := filepath.Glob(filepath.Join(part, "*.md"))
		slices.Sort(chapters)
		for _, c := range chapters {
			if filepath.Base(c) != "_index.md" {
				return c
			}
		}
	}
	b.Fatalf("no chapter in the book of %s", dir)
	return ""
}

func BenchmarkSessionEdit1000(b *testing.B)  { benchmarkSessionEdit(b, 1000) }
func BenchmarkSessionEdit10000(b *testing.B) { benchmarkSessionEdit(b, 10000) }
