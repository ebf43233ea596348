package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/corpus"
	"folio/internal/markdown"
)

// pagefind1000 are the bytes Pagefind 1.6 fetched for the README's two
// queries over folio's output of the 1,000-page corpus (README, Search:
// one word, three words), its script and WebAssembly included.
var pagefind1000 = map[string]int{"signal": 197_400, "careful intention deadline": 255_800}

// TestQueryBytes1000 counts the bytes of the index files a query reads
// (manifest, shards, the metadata blocks of the eight results shown) over
// the 1,000-page corpus (go run ./cmd/corpus -pages 1000, seed 1), plus
// the client as written: they must stay below what Pagefind fetches for
// the same query. The pages are analysed from the Markdown converter's
// HTML, as the build analyses them.
func TestQueryBytes1000(t *testing.T) {
	if testing.Short() {
		t.Skip("converts the 1,000-page corpus; skipped with -short")
	}
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Spec{Pages: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	r := newReader(t, corpusIndex(t, filepath.Join(dir, "content")))
	client := len(Client(`{}`))
	for q, limit := range pagefind1000 {
		r.query(q, 8)
		n := client
		for path := range r.seen {
			n += len(r.files[path])
		}
		t.Logf("%q: %d files, %.1f KB with the client (Pagefind: %.1f KB)", q, len(r.seen), float64(n)/1000, float64(limit)/1000)
		if n >= limit {
			t.Errorf("%q reads %d bytes, Pagefind %d", q, n, limit)
		}
	}
}

// corpusIndex writes the index of the Markdown pages under dir, each
// page's front matter cut off and its title taken from it.
func corpusIndex(t *testing.T, dir string) *Index {
	md := markdown.New(markdown.Options{})
	d := NewDict()
	var docs []Doc
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fm, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		title := ""
		for _, line := range strings.Split(fm, "\n") {
			if v, ok := strings.CutPrefix(line, "title: "); ok {
				title = strings.Trim(v, `"`)
			}
		}
		doc, err := md.Convert([]byte(body), markdown.Env{})
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, strings.TrimSuffix(path, ".md"))
		docs = append(docs, Doc{URL: filepath.ToSlash(rel) + "/", Title: title, Label: strings.Split(rel, "/")[0],
			Body: AnalyzeHTML(d, string(doc.HTML))})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Write(d, docs, Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return idx
}
