package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"folio/internal/buildtest"
)

// corpusPage is one Markdown file of the benchmark corpus with the Env a
// build would convert it with.
type corpusPage struct {
	body []byte
	env  Env
}

// corpusPages reads the 1,000-page corpus (cmd/corpus) and gives each page
// the Envs of a clean build: a chapter its print edition (ids prefixed) and
// EPUB document, a post its feed's absolute rendering.
func corpusPages(b testing.TB) []corpusPage {
	dir := filepath.Join(buildtest.CorpusDir(b, 1000), "content")
	var pages []corpusPage
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		pages = append(pages, corpusPage{body: bodyOf(src), env: corpusEnv(filepath.ToSlash(rel), len(pages))})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return pages
}

// bodyOf is the Markdown after a file's front matter.
func bodyOf(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[4:], []byte("\n---\n")); i >= 0 {
		return src[4+i+5:]
	}
	return src
}

func corpusEnv(rel string, n int) Env {
	env := benchEnv("/" + strings.TrimSuffix(rel, ".md") + "/")
	env.FirstLine = 4
	switch {
	case strings.HasPrefix(rel, "book/"):
		print := benchEnv("#")
		print.IDPrefix = "c" + strconv.Itoa(n) + "--"
		epub := benchEnv("")
		epub.NoImageSets = true
		// A build's editions pack their renderings from Convert's
		// buffers as it hands them over (package editions).
		print.Keep, epub.Keep = keepEdition, keepEdition
		env.Editions = []Env{print, epub}
	case strings.HasPrefix(rel, "blog/"):
		env.Base = "https://example.org/blog/post/"
	}
	return env
}

// keepEdition takes an edition's rendering as a build does, without a
// copy of its own.
func keepEdition(Edition) {}

// benchEnv resolves links and images as a build does, under prefix.
func benchEnv(prefix string) Env {
	return Env{
		Link: func(dest string, _ int) (string, error) {
			return prefix + strings.TrimSuffix(dest, ".md") + "/", nil
		},
		Anchor: func(string, int) {},
		Image: func(src string, _ int) (Image, error) {
			return Image{URL: prefix + src, Width: 800, Height: 600, SrcSet: prefix + src + " 800w", Sizes: "100vw"}, nil
		},
	}
}

// BenchmarkConvertCorpus converts every page of the 1,000-page corpus with
// the Envs of a clean build (chapters with their two editions, posts with
// their feed rendering): the Markdown share of BenchmarkBuild1000, alone.
func BenchmarkConvertCorpus(b *testing.B) {
	pages := corpusPages(b)
	c := New(Options{})
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := c.Convert(p.body, p.env); err != nil {
				b.Fatal(err)
			}
		}
	}
}
