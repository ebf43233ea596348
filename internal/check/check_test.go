package check

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/siteurl"
)

// writeSite writes files (slash path → text) into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// brokenSite is a site published under /writing-well/ with one of each
// kind of broken URL, and as many that hold.
var brokenSite = map[string]string{
	"index.html": `<!DOCTYPE html><html><head><link rel="stylesheet" href="/writing-well/css/site.css">
<link rel="canonical" href="https://ada.github.io/writing-well/">
<link rel="alternate" type="application/atom+xml" href="https://ada.github.io/writing-well/blog/feed.xml">
<link rel="stylesheet" href="/writing-well/css/missing.css">
</head><body><h1 id="top-heading">Home</h1>
<a href="/writing-well/blog/post/">a post</a> <a href="blog/post/#intro">its intro</a>
<a href="/writing-well/blog/post/#nowhere">a missing anchor</a>
<a href="/css/site.css">written without the path</a>
<a href="#top-heading">up</a> <a href="#missing-here">down</a>
<a href="mailto:ada@example.org">mail</a> <a href="/writing-well/blog/post">no slash</a>
</body></html>`,
	"css/site.css": "body{}",
	"img/a.jpg":    "jpeg",
	"blog/post/index.html": `<!DOCTYPE html><html><body><h2 id="intro">Intro</h2>
<p>Raw HTML: <a href="../../old-page/">old</a></p>
<img src="../../img/a.jpg" srcset="../../img/a.jpg 1x, ../../img/a-2x.jpg 2x" alt="">
<meta property="og:image" content="https://ada.github.io/writing-well/img/b.jpg">
</body></html>`,
	"blog/feed.xml": `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://ada.github.io/writing-well/blog/feed.xml"/>
<entry><link rel="alternate" href="https://ada.github.io/writing-well/blog/post/"/>
<content type="html">&lt;p&gt;&lt;a href="https://ada.github.io/writing-well/blog/gone/"&gt;gone&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`,
	"sitemap.xml": `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://ada.github.io/writing-well/</loc></url>
<url><loc>https://ada.github.io/writing-well/blog/post/</loc></url>
<url><loc>https://ada.github.io/writing-well/credits/</loc></url></urlset>`,
	"robots.txt": "User-agent: *\nSitemap: https://ada.github.io/writing-well/sitemap.xml\n",
}

func TestDirFindsEveryKindOfBrokenURL(t *testing.T) {
	dir := writeSite(t, brokenSite)
	source := func(out string) (string, []byte) {
		if out == "blog/post/index.html" {
			return "content/blog/post.md", []byte("---\ntitle: Post\n---\n## Intro\n\nRaw HTML: <a href=\"../../old-page/\">old</a>\n")
		}
		return "", nil
	}
	rep, err := Dir(context.Background(), dir, Options{Base: siteurl.New("https://ada.github.io/writing-well/"), Source: source})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`blog/feed.xml:4: feed entry link "https://ada.github.io/writing-well/blog/gone/": no such file in the output (blog/gone/)`,
		`content/blog/post.md:6 (in blog/post/index.html): link "../../old-page/": no such file in the output (old-page/)`,
		`content/blog/post.md (in blog/post/index.html:3): srcset "../../img/a-2x.jpg": no such file in the output (img/a-2x.jpg)`,
		`content/blog/post.md (in blog/post/index.html:4): share card "https://ada.github.io/writing-well/img/b.jpg": no such file in the output (img/b.jpg)`,
		`index.html:4: stylesheet "/writing-well/css/missing.css": no such file in the output (css/missing.css)`,
		`index.html:7: link "/writing-well/blog/post/#nowhere": blog/post/index.html has no element with id "nowhere"`,
		`index.html:8: link "/css/site.css": lies outside the site's path /writing-well/: it was written without it (in a layout, write {{url "/..."}})`,
		`index.html:9: link "#missing-here": index.html has no element with id "missing-here"`,
		`sitemap.xml:4: sitemap entry "https://ada.github.io/writing-well/credits/": no such file in the output (credits/)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Files != len(brokenSite) || rep.URLs < 20 {
		t.Errorf("report counts %d files and %d URLs; want %d files and every URL", rep.Files, rep.URLs, len(brokenSite))
	}
}

func TestDirPassesAGoodSite(t *testing.T) {
	good := map[string]string{}
	for k, v := range brokenSite {
		good[k] = v
	}
	good["index.html"] = `<!DOCTYPE html><html><head><link rel="stylesheet" href="/css/site.css"></head><body><a href="blog/post/#intro">x</a><a href="/blog/post">y</a></body></html>`
	good["blog/post/index.html"] = `<!DOCTYPE html><html><body><h2 id="intro">Intro</h2><img src="/img/a.jpg" srcset="/img/a.jpg 1x,/img/a.jpg 2x" alt=""></body></html>`
	delete(good, "blog/feed.xml")
	delete(good, "sitemap.xml")
	delete(good, "robots.txt")
	rep, err := Dir(context.Background(), writeSite(t, good), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("problems in a good site: %v", rep.Problems)
	}
}

func TestSrcsetAndRefresh(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a.jpg 1x, b.jpg 2x", []string{"a.jpg", "b.jpg"}},
		{" a.jpg 480w ,b.jpg 800w", []string{"a.jpg", "b.jpg"}},
		{"a.jpg", []string{"a.jpg"}},
	}
	for _, tt := range tests {
		if got := srcsetURLs(tt.in); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("srcsetURLs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for in, want := range map[string]string{"0; url=/new/": "/new/", "0;URL='/x/'": "/x/", "5": ""} {
		if got := refreshURL(in); got != want {
			t.Errorf("refreshURL(%q) = %q, want %q", in, got, want)
		}
	}
}
