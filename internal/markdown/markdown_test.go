package markdown

import (
	"errors"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	link := func(dest string, _ int) (string, error) {
		if strings.HasPrefix(dest, "missing.md") {
			return "", errors.New("link to missing.md: no such page")
		}
		return "/resolved/" + dest, nil
	}
	image := func(src string, _ int) (Image, error) { return Image{URL: "/img/" + src, Width: 40, Height: 30}, nil }
	tests := []struct {
		name, in string
		env      Env
		want     []string // substrings of HTML, in order
		not      []string
	}{
		{name: "typographer", in: "\"Quoted\" -- and --- done...", want: []string{"&ldquo;Quoted&rdquo; &mdash; and &mdash; done&hellip;"}},
		{name: "gfm", in: "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n\nhttps://example.org", want: []string{"<table>", "<del>2</del>", `type="checkbox"`, `<a href="https://example.org">`}},
		{name: "heading ids unique", in: "## Candor\n\n## Candor\n\n## Own {#mine}", want: []string{`<h2 id="candor">`, `<h2 id="candor-1">`, `<h2 id="mine">`}},
		{name: "md link rewritten", env: Env{Link: link}, in: "[see](other.md#x) and [web](https://example.org/a.md) and [top](#here)",
			want: []string{`href="/resolved/other.md#x"`, `href="https://example.org/a.md"`, `href="#here"`}},
		{name: "figure", env: Env{Image: image}, in: "![A chair](chair.jpg \"The empty chair\")",
			want: []string{"<figure>", `<img src="/img/chair.jpg" alt="A chair" title="The empty chair" width="40" height="30" loading="lazy">`, "<figcaption>The empty chair</figcaption>", "</figure>"}, not: []string{"<p>"}},
		{name: "untitled image stays inline", env: Env{Image: image}, in: "![A chair](chair.jpg)", want: []string{`<p><img src="/img/chair.jpg"`}, not: []string{"<figure>"}},
		{name: "harmless raw html kept", in: "<div>x</div>\n\ntext <b>bold</b><br>next", want: []string{"<div>x</div>", "<b>bold</b><br>next"}},
		{name: "unlinked keeps its text", env: Env{Link: func(string, int) (string, error) { return "", ErrUnlink }},
			in:   "See [the *candor* post](../blog/candor.md#x) and [web](https://example.org/).",
			want: []string{`<p>See the <em>candor</em> post and <a href="https://example.org/">web</a>.</p>`}, not: []string{"candor.md"}},
		{name: "prefix", env: Env{IDPrefix: "c2-"}, in: "## Head\n\n[back](#head) and a note[^1]\n\n[^1]: The note.", want: []string{`id="c2-head"`, `href="#c2-head"`, `id="c2-fnref:1"`, `id="c2-fn:1"`}},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Convert([]byte(tt.in), tt.env)
			if err != nil {
				t.Fatal(err)
			}
			html := string(doc.HTML)
			rest := html
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("HTML lacks %q (in order):\n%s", w, html)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("HTML has %q:\n%s", n, html)
				}
			}
		})
	}
}

func TestConvertReportsBrokenLinksWithLines(t *testing.T) {
	c := New(Options{})
	src := "# Title\n\nFirst [fine](ok.md).\n\nSecond line\nhas [a broken one](missing.md#x).\n"
	doc, err := c.Convert([]byte(src), Env{FirstLine: 4, Link: func(dest string, _ int) (string, error) {
		if strings.HasPrefix(dest, "missing.md") {
			return "", errors.New("no page missing.md")
		}
		return "/ok/", nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Line != 9 || doc.Problems[0].Message != "no page missing.md" {
		t.Fatalf("problems = %+v, want one on line 9", doc.Problems)
	}
}

func TestSummaryAndLead(t *testing.T) {
	c := New(Options{})
	doc, _ := c.Convert([]byte("First para.\n\nSecond para.\n\n<!--more-->\n\nAfter."), Env{})
	if got := string(doc.Summary); got != "<p>First para.</p>\n<p>Second para.</p>\n" {
		t.Errorf("summary = %q", got)
	}
	if got := string(doc.Lead); got != "<p>First para.</p>\n" {
		t.Errorf("lead = %q", got)
	}
	if strings.Contains(string(doc.HTML), "more") {
		t.Errorf("marker left in HTML: %s", doc.HTML)
	}
	doc, _ = c.Convert([]byte("## Head\n\nOnly para."), Env{})
	if doc.Summary != nil || string(doc.Lead) != "<p>Only para.</p>\n" {
		t.Errorf("summary %q lead %q", doc.Summary, doc.Lead)
	}
	if len(doc.Headings) != 1 || doc.Headings[0] != (Heading{Level: 2, ID: "head", Text: "Head"}) {
		t.Errorf("headings = %+v", doc.Headings)
	}
}

func TestUnsafeHTML(t *testing.T) {
	c := New(Options{UnsafeHTML: true})
	doc, _ := c.Convert([]byte("para\n\n<div class=\"x\" onclick=\"go()\">\n<p>in</div>\n\nan <b>inline</b> bit\n\n<script>let a = 1 < 2;</script>"), Env{FirstLine: 3})
	for _, want := range []string{`<div class="x" onclick="go()">`, "<b>inline</b>", "<script>let a = 1 < 2;</script>"} {
		if !strings.Contains(string(doc.HTML), want) {
			t.Errorf("raw HTML lacks %s: %s", want, doc.HTML)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings with unsafe_html: %v", doc.Warnings)
	}
}

func TestAbsoluteRendering(t *testing.T) {
	c := New(Options{})
	doc, err := c.Convert([]byte("[a](/book/one/#x) [b](#top) ![c](/img/c.jpg) [d](https://other.org/)\n\n## Top"), Env{Base: "https://example.org/blog/post/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="https://example.org/book/one/#x"`, `href="https://example.org/blog/post/#top"`, `src="https://example.org/img/c.jpg"`, `href="https://other.org/"`} {
		if !strings.Contains(string(doc.AbsHTML), want) {
			t.Errorf("AbsHTML lacks %s:\n%s", want, doc.AbsHTML)
		}
	}
	if !strings.Contains(string(doc.HTML), `href="/book/one/#x"`) {
		t.Errorf("HTML changed: %s", doc.HTML)
	}
}

// A link without a destination ([TODO]()), which folio check reports as an
// empty URL, is a warning on its line when the page is built.
func TestEmptyLink(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("Text.\n\nSee [the notes]() and <a href=\"\">here</a>.\n"), Env{FirstLine: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := "this link has no destination, so it leads back to this page (and folio check reports it); write where it goes, or take the text out of the link"
	if len(doc.Warnings) != 2 || doc.Warnings[0] != (Problem{Line: 7, Message: want}) || doc.Warnings[1].Line != 7 {
		t.Errorf("warnings %v", doc.Warnings)
	}
}
