package build_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
	"folio/internal/feeds"
)

// publishSite is a small site with a blog, a book and aliases, for the
// tests of publishing under a sub-path.
func publishSite(baseURL string) fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"folio.yaml":                       f("title: Notes\nbase_url: " + baseURL + "\n"),
		"content/_index.md":                f("---\ntitle: Home\n---\nHello.\n"),
		"content/blog/_index.md":           f("---\ntitle: Blog\n---\n"),
		"content/blog/moved.md":            f("---\ntitle: Moved <here>\ndate: 2026-01-05\naliases: [/2025/moved, /old/moved.html]\n---\nSee [the chapter](../book/one.md#why).\n"),
		"content/book/_index.md":           f("---\ntitle: Book\n---\n"),
		"content/book/one.md":              f("---\ntitle: One\n---\n## Why\n\n![A loop](loop.png)\n"),
		"content/book/loop.png":            {Data: tinyPNG()},
		"static/css/extra.css":             f("p{}"),
		"layouts/partials/head-extra.html": f(`{{define "head-extra"}}<link rel="stylesheet" href="{{url "/css/extra.css"}}">{{end}}`),
	}
}

func TestAliasesRedirect(t *testing.T) {
	files, _ := mustBuild(t, publishSite("https://ada.github.io/writing-well/"), build.Options{})
	for _, out := range []string{"2025/moved/index.html", "old/moved.html"} {
		got := string(files[out])
		for _, want := range []string{
			`<meta http-equiv="refresh" content="0; url=/writing-well/blog/moved/">`,
			`<link rel="canonical" href="https://ada.github.io/writing-well/blog/moved/">`,
			`<meta name="robots" content="noindex">`,
			`<a href="/writing-well/blog/moved/">https://ada.github.io/writing-well/blog/moved/</a>`,
			`<title>Moved &lt;here&gt; · Notes</title>`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s:\n%s", out, want, got)
			}
		}
	}
	want := "# Written by folio from the aliases of pages: old address, new address, status.\n" +
		"/writing-well/2025/moved/ /writing-well/blog/moved/ 301\n" +
		"/writing-well/old/moved.html /writing-well/blog/moved/ 301\n"
	if got := string(files[feeds.RedirectsFile]); got != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(string(files["sitemap.xml"]), "2025/moved") {
		t.Error("the sitemap lists an alias")
	}
}

// TestPermalinkRedirects: a Jekyll post's permalink: is an old address
// that redirects to the page, as an alias does.
func TestPermalinkRedirects(t *testing.T) {
	fsys := publishSite("https://example.org/")
	fsys["content/blog/moved.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Moved\ndate: 2026-01-05\npermalink: /2026/01/05/moved.html\n---\nText.\n")}
	files, _ := mustBuild(t, fsys, build.Options{})
	if got := string(files["2026/01/05/moved.html"]); !strings.Contains(got, `<meta http-equiv="refresh" content="0; url=/blog/moved/">`) {
		t.Errorf("no redirect at the permalink:\n%s", got)
	}
}

func TestNoRedirectsWithoutAliases(t *testing.T) {
	fsys := publishSite("https://example.org/")
	fsys["content/blog/moved.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Moved\ndate: 2026-01-05\n---\nText.\n")}
	files, _ := mustBuild(t, fsys, build.Options{})
	if _, ok := files[feeds.RedirectsFile]; ok {
		t.Error("_redirects written for a site without aliases")
	}
}

// TestSubPathURLs builds for a sub-path and looks at every kind of URL a
// page, a feed, the sitemap and robots.txt carry.
func TestSubPathURLs(t *testing.T) {
	files, _ := mustBuild(t, publishSite("https://ada.github.io/writing-well/"), build.Options{})
	has := map[string][]string{
		"blog/moved/index.html": {
			`href="/writing-well/css/folio.css"`, `href="/writing-well/css/extra.css"`,
			`href="/writing-well/book/one/#why"`, `<link rel="canonical" href="https://ada.github.io/writing-well/blog/moved/">`,
			`href="https://ada.github.io/writing-well/blog/feed.xml"`, `href="/writing-well/"`,
		},
		"book/one/index.html":   {`src="/writing-well/book/loop-`, `srcset="/writing-well/book/loop-`},
		"book/print/index.html": {`href="/writing-well/css/book-print.css"`, `src="/writing-well/book/loop-`},
		"404.html":              {`href="/writing-well/book/"`, `href="/writing-well/blog/"`},
		"blog/feed.xml":         {`href="https://ada.github.io/writing-well/blog/moved/"`, `href="https://ada.github.io/writing-well/book/one/#why"`},
		"sitemap.xml":           {`<loc>https://ada.github.io/writing-well/book/one/</loc>`},
		"robots.txt":            {`Sitemap: https://ada.github.io/writing-well/sitemap.xml`},
	}
	for file, wants := range has {
		for _, w := range wants {
			if !strings.Contains(string(files[file]), w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
	for name, data := range files {
		if strings.Contains(string(data), `https://ada.github.io/book`) || strings.Contains(string(data), `https://ada.github.io/blog`) {
			t.Errorf("%s has an absolute URL without the path", name)
		}
	}
}

func tinyPNG() []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TestValidatorFindings holds the fixes of what validators found on the
// sample site: the print edition has a <main> and is noindex and out of the
// sitemap; the sitemap has the generated home page and the photo credits;
// the blog index links its feed once.
func TestValidatorFindings(t *testing.T) {
	fsys := publishSite("https://example.org/")
	delete(fsys, "content/_index.md") // the home page is generated
	files, _ := mustBuild(t, fsys, build.Options{})
	print := string(files["book/print/index.html"])
	if !strings.Contains(print, `<main id="main">`) || !strings.Contains(print, `<meta name="robots" content="noindex">`) {
		t.Error("the print edition lacks <main> or noindex")
	}
	sitemap := string(files["sitemap.xml"])
	for _, loc := range []string{"https://example.org/", "https://example.org/credits/", "https://example.org/book/credits/"} {
		if !strings.Contains(sitemap, "<loc>"+loc+"</loc>") {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
	if strings.Contains(sitemap, "print/") {
		t.Error("the sitemap lists the print edition")
	}
	if n := strings.Count(string(files["blog/index.html"]), `type="application/atom+xml"`); n != 1 {
		t.Errorf("the blog index's head announces %d feeds, want 1", n)
	}
}

// TestEPUBModifiedAndConformance: a book whose pages carry no date takes
// dcterms:modified from the site's newest date (never 1980), and the book
// claims its accessibility conformance.
func TestEPUBModifiedAndConformance(t *testing.T) {
	files, _ := mustBuild(t, publishSite("https://example.org/"), build.Options{})
	zr, err := zip.NewReader(bytes.NewReader(files["book/book.epub"]), int64(len(files["book/book.epub"])))
	if err != nil {
		t.Fatalf("book/book.epub: %v", err)
	}
	f, err := zr.Open("EPUB/package.opf")
	if err != nil {
		t.Fatal(err)
	}
	opf, _ := io.ReadAll(f)
	for _, want := range []string{
		`<meta property="dcterms:modified">2026-01-05T00:00:00Z</meta>`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>`,
	} {
		if !strings.Contains(string(opf), want) {
			t.Errorf("package.opf lacks %s:\n%s", want, opf)
		}
	}
}
