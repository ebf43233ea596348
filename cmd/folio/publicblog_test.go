package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPublicBlog builds five posts of two public Jekyll blogs
// (testdata/publicblog, see its README) as a user migrating from Jekyll
// meets them: as published, the build stops at each link written as the old
// address of another post, naming the file to link instead, and prints with
// those errors the warnings found so far (the posts named .markdown among
// them); with that done it builds, and warns of the posts named .markdown; renamed, they are
// posts too, each dated by its front matter or, without one, its file name,
// newest first, every Liquid tag that shows as written is a warning, and
// Jekyll's {% highlight ruby %} blocks are highlighted code.
func TestPublicBlog(t *testing.T) {
	site, out, build := publicFixture(t, "publicblog")
	const alpha2 = "content/blog/2015-02-20-Rust-1.0-alpha2.md"
	markdownWarning := "warning: content/blog/2013-07-24-jekyll-1-1-1-released.markdown: is copied as a file, not made a page, and so is content/blog/2014-03-27-jekyll-1-5-1-released.markdown: folio makes pages of .md files only; rename them to .md, such as 2013-07-24-jekyll-1-1-1-released.md"
	categoriesWarning := "warning: content/blog/2014-12-17-alfredxing-welcome-to-jekyll-core.md:6: categories is a key of Hugo, Jekyll and Zola; folio's is tags (folio has one kind of taxonomy); rename it, or categories is ignored"
	build(1, lines(
		markdownWarning,
		categoriesWarning,
		`error: `+alpha2+`:11: link "/2015/02/13/Final-1.0-timeline.html" is an old address of the page content/blog/2015-02-13-Final-1.0-timeline.md: link to its Markdown file, 2015-02-13-Final-1.0-timeline.md, so folio can check it`,
		`error: `+alpha2+`:20: link "/2015/02/13/Final-1.0-timeline.html" is an old address of the page content/blog/2015-02-13-Final-1.0-timeline.md: link to its Markdown file, 2015-02-13-Final-1.0-timeline.md, so folio can check it`,
		"folio: build failed with 2 errors; the previous output is unchanged"))

	edit(t, filepath.Join(site, alpha2), "/2015/02/13/Final-1.0-timeline.html", "2015-02-13-Final-1.0-timeline.md")
	build(0, lines(markdownWarning, categoriesWarning))

	for _, name := range []string{"2013-07-24-jekyll-1-1-1-released", "2014-03-27-jekyll-1-5-1-released"} {
		dir := filepath.Join(site, "content", "blog")
		if err := os.Rename(filepath.Join(dir, name+".markdown"), filepath.Join(dir, name+".md")); err != nil {
			t.Fatal(err)
		}
	}
	buildWarnings := lines(
		"warning: content/blog/2013-07-24-jekyll-1-1-1-released.md:6: category is a key of Jekyll; folio's is tags; rename it, or category is ignored (the same in content/blog/2014-03-27-jekyll-1-5-1-released.md:6)",
		"warning: content/blog/2013-07-24-jekyll-1-1-1-released.md:10: Liquid output {{ site.repository }} is not filled in: folio has no Liquid, so it shows on the page as written; write out its value (and 4 more like it in this page)",
		"warning: content/blog/2014-12-17-alfredxing-welcome-to-jekyll-core.md:6: categories is a key of Hugo, Jekyll and Zola; folio's is tags (folio has one kind of taxonomy); rename it, or categories is ignored")
	build(0, buildWarnings)

	index, err := os.ReadFile(filepath.Join(out, "blog", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<time datetime="([^"]+)"`).FindAllStringSubmatch(string(index), -1) {
		got = append(got, m[1])
	}
	want := []string{"2015-02-20", "2015-02-13", "2014-12-17", "2014-03-27", "2013-07-24"} // each in the zone its post gives
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the blog index lists posts dated\n%v\nwant\n%v", got, want)
	}
	post, err := os.ReadFile(filepath.Join(out, "blog", "2015-02-20-Rust-1.0-alpha2", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(post), `href="/blog/2015-02-13-Final-1.0-timeline/"`) {
		t.Errorf("the fixed link does not reach the post it names")
	}
	// The Rust blog's old addresses, which its _config.yml made
	// (permalink: /:year/:month/:day/:title.html), keep working.
	if err := os.WriteFile(filepath.Join(site, "folio.yaml"), []byte("title: Release notes\nbase_url: https://blog.example.org/\npost_aliases: /:year/:month/:day/:title.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build(0, buildWarnings)
	redirect, err := os.ReadFile(filepath.Join(out, "2015", "02", "13", "Final-1.0-timeline.html"))
	if err != nil || !strings.Contains(string(redirect), `url=/blog/2015-02-13-Final-1.0-timeline/"`) {
		t.Errorf("the Rust blog's old address does not redirect (%v):\n%s", err, redirect)
	}
	// Its {% highlight ruby %} blocks are code, highlighted, with no
	// Liquid left around them.
	post, err = os.ReadFile(filepath.Join(out, "blog", "2014-03-27-jekyll-1-5-1-released", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(post), `<code class="language-ruby" data-lang="ruby">`); n != 2 || strings.Contains(string(post), "highlight ruby") ||
		strings.Contains(string(post), "endhighlight") {
		t.Errorf("the post has %d ruby code blocks, want 2, and no Liquid:\n%s", n, post)
	}
}

// publicFixture copies testdata/name to a new site folder, and returns it,
// the output folder and a build of it that must exit with wantCode and
// print wantStderr.
func publicFixture(t *testing.T, name string) (site, out string, build func(wantCode int, wantStderr string)) {
	site = t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "public")
	return site, out, func(wantCode int, wantStderr string) {
		t.Helper()
		r := runCLI("build", "-s", site, "-o", out)
		if r.code != wantCode || r.stderr != wantStderr {
			t.Fatalf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", r.code, r.stderr, wantCode, wantStderr)
		}
	}
}

// lines joins lines as a command prints them, each ended by a newline.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// edit replaces every old with new in the file.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(data), old, new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRootLinks: links written from the site's root, as Hugo and Jekyll
// sites write them, reach the page with that address or file, the home
// page and blog index made without an _index.md, and files of static/,
// under the site's sub-path; one to no page stops the build.
func TestRootLinks(t *testing.T) {
	site := writeSite(t, map[string]string{
		"folio.yaml":            "title: S\nbase_url: https://example.org/sub/\n",
		"content/blog/a.md":     "---\ntitle: A\ndate: 2026-01-01\n---\n[b](/blog/b) [x](/blog/b.md#x) [home](/) [pdf](/files/talk.pdf) [blog](/blog/)\n",
		"content/blog/b.md":     "---\ntitle: B\ndate: 2026-01-02\n---\n## X {#x}\n",
		"static/files/talk.pdf": "%PDF",
	})
	out := filepath.Join(t.TempDir(), "public")
	if r := runCLI("build", "-q", "-s", site, "-o", out); r.code != 0 {
		t.Fatalf("build: %d %s", r.code, r.stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "blog", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="/sub/blog/b/">b</a>`, `<a href="/sub/blog/b/#x">x</a>`, `<a href="/sub/">home</a>`, `<a href="/sub/files/talk.pdf">pdf</a>`, `<a href="/sub/blog/">blog</a>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("no %s in the page", want)
		}
	}
	edit(t, filepath.Join(site, "content", "blog", "a.md"), "/blog/b.md#x", "/blog/c/")
	if r := runCLI("build", "-q", "-s", site, "-o", out); r.code != 1 || !strings.Contains(r.stderr, `content/blog/a.md:5: link "/blog/c/" is site-absolute, and no page or file of static/ has that address`) {
		t.Errorf("a link to no page: exit %d, stderr %s", r.code, r.stderr)
	}
}
