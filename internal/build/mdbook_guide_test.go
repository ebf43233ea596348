package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/check"
	"folio/internal/epubcheck"
	"folio/internal/siteurl"
)

// TestMDBookGuide builds chapters of a public book folio was not written
// for (testdata/public/mdbook-guide: the mdBook user guide, MPL-2.0, see its
// NOTICE.md): plain Markdown without front matter, README.md and
// preprocessors.md in both parts, a page bundle with its image, code in
// many languages, GitHub alerts. It builds with the warning about front
// matter and one for each of mdBook's includes, whose files are not here
// (the code they stand for would be missing without a word); every URL in the output leads to a file; and unless -short,
// epubcheck finds nothing in its EPUB and the Nu checker nothing in its
// pages and stylesheets.
func TestMDBookGuide(t *testing.T) {
	src := filepath.Join("testdata", "public", "mdbook-guide")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Output: out})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	want := []string{
		"content/book/for_developers/README.md:1: has no front matter, and neither have 6 other pages",
		"content/book/for_developers/preprocessors.md:42: mdBook's {{#include ../../../examples/nop-preprocessor.rs}} is not run",
		"content/book/for_developers/preprocessors.md:69: mdBook's {{#rustdoc_include ../../../examples/remove-emphasis/mdbook-remove-emphasis/src/main.rs:remove_emphasis}} is not run",
		"content/book/format/mdbook.md:295: mdBook's {{#playground example.rs}} is not run",
	}
	if len(res.Warnings) != len(want) {
		t.Errorf("warnings: %v, want %d: front matter and mdBook's includes", res.Warnings, len(want))
	}
	for i := range min(len(want), len(res.Warnings)) {
		if !strings.HasPrefix(res.Warnings[i].Error(), want[i]) {
			t.Errorf("warning %s, want %s...", res.Warnings[i], want[i])
		}
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	epub, err := os.ReadFile(filepath.Join(out, "book", "mdbook-guide-excerpts.epub"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ file, want, not string }{
		// Titles from the first heading, shown once.
		{"book/format/markdown/index.html", "<title>Markdown", "<h1 id=\"markdown\""},
		{"book/format/README/index.html", "<title>Format", ""},
		{"book/for_developers/README/index.html", "<title>For developers", ""},
		// The bundle's image beside it.
		{"book/format/markdown/index.html", `<img src="/book/format/markdown/images/rust-logo-blk.svg" alt="The Rust Logo"`, ""},
		// Equal file names, each chapter known by its path in the book.
		{"book/print/index.html", `id="format.README"`, ""},
		{"book/print/index.html", `id="for_developers.README"`, ""},
		{"book/print/index.html", `<a href="#for_developers.preprocessors">`, ""},
		// Code, highlighted, whatever mdBook writes after the language.
		{"book/format/mdbook/index.html", `<pre class="chroma" tabindex="0"><code class="language-toml" data-lang="toml">`, ""},
		{"book/format/mdbook/index.html", `<code class="language-rust" data-lang="rust">`, "language-rust,"},
		{"book/format/mdbook/index.html", `<code class="language-hbs" data-lang="hbs">`, ""},
		{"book/print/index.html", `<code class="language-python" data-lang="python">`, ""},
		// Alerts, labelled, in every edition.
		{"book/format/markdown/index.html", `<aside class="markdown-alert markdown-alert-caution" role="note"><p class="markdown-alert-title">Caution</p>`, "[!CAUTION]\n&gt;"},
		{"book/print/index.html", `<p class="markdown-alert-title">Important</p>`, ""},
		{"EPUB/chapter-02.xhtml", `<p class="markdown-alert-title">Warning</p>`, ""},
		// In the EPUB, code is plain text in the reader's colours, and a
		// class no rule of its stylesheet names is left out.
		{"EPUB/chapter-03.xhtml", "<pre tabindex=\"0\"><code data-lang=\"toml\">[output.html.code.hidelines]\npython = \"~\"", "<span class=\"k"},
		{"EPUB/chapter-02.xhtml", `<li>☑ Complete task</li>`, "<input"},
	}
	for _, c := range checks {
		var text string
		if name, ok := strings.CutPrefix(c.file, "EPUB/"); ok {
			text = string(epubcheck.File(t, epub, "EPUB/"+name))
		} else {
			text = read(c.file)
		}
		if !strings.Contains(text, c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
		if c.not != "" && strings.Contains(text, c.not) {
			t.Errorf("%s has %s", c.file, c.not)
		}
	}
	crawlFindsEveryTarget(t, out, 100)
	if testing.Short() {
		return
	}
	epubcheck.RequireValid(t, epub)
	validate(t, vnuJar(t), out)
}

// crawlFindsEveryTarget checks every URL of the built site in out with
// folio check's crawler and that at least min URLs were checked.
func crawlFindsEveryTarget(t *testing.T, out string, min int) {
	t.Helper()
	rep, err := check.Dir(context.Background(), out, check.Options{Base: siteurl.New("https://example.org/")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("broken URL: %s", p)
	}
	if rep.URLs < min {
		t.Errorf("the crawl checked only %d URLs, want at least %d", rep.URLs, min)
	}
}
