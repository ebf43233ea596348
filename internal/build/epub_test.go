package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/buildtest"
	"folio/internal/corpus"
	"folio/internal/epubcheck"
)

// TestEPUBErrorFixtures makes the EPUB of every site under
// testdata/epub-errors/<case>/, as `folio epub` does, and compares the error
// with the case's want.txt word for word: each names the file and line.
func TestEPUBErrorFixtures(t *testing.T) {
	for _, name := range fixtureDirs(t, "epub-errors") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "epub-errors", name)
			_, err := makeEPUBs(fixtureFS(t, dir), Options{Now: fixtureNow}, "")
			if err == nil {
				t.Fatal("the EPUB was made; want an error")
			}
			goldenFile(t, filepath.Join(dir, "want.txt"), []byte(err.Error()+"\n"))
			checkNamesFiles(t, err)
		})
	}
}

// TestBuildStopsOnEPUBProblems: an image the web shows but an e-reader need
// not is an error of `folio build` too, unless folio.yaml turns the EPUB
// off, which also removes the download link. (With image processing on, a
// BMP or TIFF is an error of the web pages too: folio cannot resize it.)
func TestBuildStopsOnEPUBProblems(t *testing.T) {
	site := dirMapFS(t, filepath.Join("testdata", "epub-errors", "image-type"))
	_, _, err := buildFS(site, Options{})
	if err == nil || !strings.Contains(err.Error(), `content/book/one.md:12: image content/book/img/scan.tiff is not JPEG, PNG, GIF, WebP or SVG data`) {
		t.Fatalf("build error = %v; want the .tiff image named with its line", err)
	}
	site["folio.yaml"] = &fstest.MapFile{Data: []byte("title: Off\nepub: false\nimages:\n  process: false\n")}
	if _, _, err := buildFS(site, Options{}); err != nil {
		t.Fatalf("build with epub: false and no image processing: %v", err)
	}
	site["folio.yaml"] = &fstest.MapFile{Data: []byte("title: Off\nepub: false\n")}
	if _, _, err := buildFS(site, Options{}); err == nil || strings.Contains(err.Error(), "EPUB") {
		t.Fatalf("build with epub: false: %v; want the images' own errors alone", err)
	}
	site["folio.yaml"] = &fstest.MapFile{Data: []byte("title: Off\nepub: false\nimages:\n  process: false\n")}
	files, _, err := buildFS(site, Options{})
	if err != nil {
		t.Fatalf("build with epub: false: %v", err)
	}
	for name := range files {
		if strings.HasSuffix(name, ".epub") {
			t.Errorf("epub: false still wrote %s", name)
		}
	}
	if home := string(files["book/index.html"]); strings.Contains(home, ".epub") {
		t.Errorf("epub: false still links an EPUB from the book's home:\n%s", home)
	}
}

// dirMapFS loads a fixture folder into a MapFS that a test can change.
func dirMapFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for rel, data := range readTree(t, dir) {
		m[rel] = &fstest.MapFile{Data: data}
	}
	return m
}

// linkSite is a book whose first chapter links to everything a chapter can
// link to.
func linkSite(yaml string) fstest.MapFS {
	md := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"folio.yaml":                md(yaml),
		"content/book/_index.md":    md("---\ntitle: Links\nstatus: \"2026-09\"\n---\n"),
		"content/book/notes.pdf":    md("%PDF-1.4\n"),
		"content/book/p1/_index.md": md("---\ntitle: First Part\norder: 10\n---\n\nSee [the start](../one.md#start).\n"),
		"content/book/p1/two.md":    md("---\ntitle: Two\nupdated: 2026-03-04\n---\n\n## Later {#later}\n\nText.\n"),
		"content/blog/_index.md":    md("---\ntitle: Blog\n---\n"),
		"content/blog/post.md":      md("---\ntitle: A Post\ndate: 2026-01-02\n---\n\n## Aside {#aside}\n\nText.\n"),
		"content/book/one.md": md(`---
title: One
order: 1
date: 2026-02-01
---

## Start {#start}

To [a heading](p1/two.md#later), [a part](p1/_index.md), [the book](_index.md),
[a post](../blog/post.md#aside), [notes](notes.pdf), [the web](https://example.org/x)
and [here](#start).
`),
	}
}

// TestEPUBLinks checks where each kind of link of a chapter points in the
// package: other pages of the book become package files, the rest of the
// site absolute URLs, or plain text without a base URL.
func TestEPUBLinks(t *testing.T) {
	inBook := []string{`<a href="chapter-02.xhtml#later">a heading</a>`, `<a href="part-1.xhtml">a part</a>`,
		`<a href="title.xhtml">the book</a>`, `<a href="https://example.org/x">the web</a>`, `<a href="#start">here</a>`}
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"with base URL", "title: T\nbase_url: https://site.example/\n", append(inBook,
			`<a href="https://site.example/blog/post/#aside">a post</a>`, `<a href="https://site.example/book/notes.pdf">notes</a>`)},
		{"without base URL", "title: T\n", append(inBook, "\na post, notes, <a href=\"https://example.org/x\">")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := makeEPUBs(linkSite(tt.yaml), Options{Now: fixtureNow}, "")
			if err != nil {
				t.Fatal(err)
			}
			data := res.Books[0].Data
			one := string(epubcheck.File(t, data, "EPUB/chapter-01.xhtml"))
			for _, w := range tt.want {
				if !strings.Contains(one, w) {
					t.Errorf("chapter lacks %s:\n%s", w, one)
				}
			}
			part := string(epubcheck.File(t, data, "EPUB/part-1.xhtml"))
			if !strings.Contains(part, `<a href="chapter-01.xhtml#start">the start</a>`) {
				t.Errorf("part introduction link not resolved:\n%s", part)
			}
		})
	}
}

// TestEPUBMetadata checks the package metadata folio derives from the book.
func TestEPUBMetadata(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"derived identifier", "title: T\nbase_url: https://site.example/\n",
			// uuid5(NAMESPACE_URL, "https://site.example/book/"), as Python's uuid module computes it
			[]string{`<dc:identifier id="book-id">urn:uuid:2c0a065f-0d6d-5bce-9d81-aeee64686d0b</dc:identifier>`,
				`<dc:date>2026-09</dc:date>`, `<meta property="dcterms:modified">2026-03-04T00:00:00Z</meta>`}},
		{"book_id from folio.yaml", "title: T\nbook_id: \"isbn:9780000000002\"\nlanguage: en-GB\ncopyright: \"© Ann\"\n",
			[]string{`<dc:identifier id="book-id">isbn:9780000000002</dc:identifier>`, `<dc:language>en-GB</dc:language>`, `<dc:rights>© Ann</dc:rights>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := makeEPUBs(linkSite(tt.yaml), Options{Now: fixtureNow}, "")
			if err != nil {
				t.Fatal(err)
			}
			opf := string(epubcheck.File(t, res.Books[0].Data, "EPUB/package.opf"))
			for _, w := range tt.want {
				if !strings.Contains(opf, w) {
					t.Errorf("package document lacks %s:\n%s", w, opf)
				}
			}
		})
	}
}

func TestEPUBUnknownBook(t *testing.T) {
	_, err := makeEPUBs(linkSite("title: T\n"), Options{}, "novel")
	want := `--book "novel": no such book; the site's books are links (a book's folder name works too)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
}

// TestSampleBookEPUB makes the EPUB of the repository's own sample site,
// checks it byte for byte against what `folio build` publishes, compares
// the package document, the contents and a chapter with golden files, and
// runs epubcheck on it.
func TestSampleBookEPUB(t *testing.T) {
	t.Parallel()
	site := os.DirFS(filepath.Join("..", ".."))
	res, err := makeEPUBs(site, Options{Now: fixtureNow}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Books) != 1 || res.Books[0].Path != "book/the-little-book-of-coaching.epub" {
		t.Fatalf("books = %+v; want book/the-little-book-of-coaching.epub", res.Books)
	}
	data := res.Books[0].Data
	again, err := makeEPUBs(site, Options{Now: fixtureNow}, "book")
	if err != nil || !bytes.Equal(again.Books[0].Data, data) {
		t.Fatalf("a second EPUB of the same sources differs (err %v)", err)
	}
	files, _, err := buildFS(site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files["book/the-little-book-of-coaching.epub"], data) {
		t.Error("folio build published a different EPUB than folio epub makes")
	}
	if home := string(files["book/index.html"]); !strings.Contains(home, `href="/book/the-little-book-of-coaching.epub">EPUB edition</a>`) {
		t.Error("the book's home page does not link its EPUB")
	}
	for _, name := range []string{"package.opf", "nav.xhtml", "chapter-05.xhtml"} {
		goldenFile(t, filepath.Join("testdata", "epub", name), epubcheck.File(t, data, "EPUB/"+name))
	}
	r := epubcheck.RequireValid(t, data)
	t.Logf("sample book, %d bytes: %s", len(data), r.Summary())
}

// TestGeneratedBookEPUB validates the EPUB of a generated book of 100
// chapters in five parts, with photos, figures, footnotes, tables, links
// between chapters and links to blog posts.
func TestGeneratedBookEPUB(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Spec{Pages: 160, Chapters: 100, Seed: 6}); err != nil {
		t.Fatal(err)
	}
	res, err := makeEPUBs(os.DirFS(dir), Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	data := res.Books[0].Data
	opf := string(epubcheck.File(t, data, "EPUB/package.opf"))
	if n := strings.Count(opf, `href="chapter-`); n != 100 {
		t.Errorf("package has %d chapters, want 100", n)
	}
	nav := string(epubcheck.File(t, data, "EPUB/nav.xhtml"))
	if n := strings.Count(nav, `href="part-`); n != 5 {
		t.Errorf("contents list %d parts, want 5", n)
	}
	blogLink := regexp.MustCompile(`href="https?://[^"]+/blog/[^"]+"`)
	linked := false
	for i := 1; i <= 100 && !linked; i++ {
		linked = blogLink.Match(epubcheck.File(t, data, fmt.Sprintf("EPUB/chapter-%03d.xhtml", i)))
	}
	if !linked {
		t.Error("no chapter links a blog post by its absolute URL")
	}
	r := epubcheck.RequireValid(t, data)
	t.Logf("generated book: %d documents, %d images, %d bytes: %s", res.Books[0].Chapters, res.Books[0].Images, len(data), r.Summary())
}

// goldenFile compares got with a golden file, rewriting it under -update.
func goldenFile(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update to accept):\n%s", file, buildtest.FirstDifference(want, got))
	}
}
