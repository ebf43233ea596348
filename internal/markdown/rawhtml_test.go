package markdown

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestRawHTML holds raw HTML to the policy: what is kept, what goes, each
// removal and each repair a warning on its line, URLs resolved like
// Markdown's.
func TestRawHTML(t *testing.T) {
	env := Env{FirstLine: 5,
		Link: func(dest string, _ int) (string, error) {
			if strings.HasPrefix(dest, "missing") {
				return "", errors.New("no such page")
			}
			return "/to/" + dest, nil
		},
		Image: func(src string, _ int) (Image, error) {
			if strings.HasPrefix(src, "missing") {
				return Image{}, errors.New("image not found")
			}
			return Image{URL: "/img/" + src, Width: 8, Height: 6}, nil
		},
	}
	tests := []struct {
		name, in string
		unsafe   bool
		env      *Env
		want     []string // substrings of the HTML, in order
		not      []string
		warnings []string // "line: start of message"
		problems []string
	}{
		{name: "line break kept", in: "Line one<br>line two", want: []string{"<p>Line one<br>line two</p>"}},
		{name: "harmless elements kept", in: "<details open>\n<summary>S</summary>\n\n*md*\n\n</details>\n\nH<sub>2</sub>O <kbd>K</kbd> <abbr title=\"t\">A</abbr> <mark>m</mark>\n\n<dl><dt>a</dt><dd>b</dd></dl>\n",
			want: []string{"<details open>", "<summary>S</summary>", "<em>md</em>", "</details>", "<sub>2</sub>", "<kbd>K</kbd>", `<abbr title="t">A</abbr>`, "<mark>m</mark>", "<dl><dt>a</dt><dd>b</dd></dl>"}},
		{name: "script and content removed", in: "<script>alert(1)</script>\n\nafter", want: []string{"<p>after</p>"}, not: []string{"alert"},
			warnings: []string{"5: raw HTML <script> removed (its content goes with it)"}},
		{name: "event handler and style removed", in: "<p class=\"x\" style=\"color:red\" onclick=\"go()\">text</p>", want: []string{`<p class="x">text</p>`},
			warnings: []string{"5: raw HTML <p>: attributes onclick (no scripts), style (use a class and CSS) removed"}},
		{name: "javascript URL removed", in: "a\n<a href=\"javascript:alert(1)\">x</a>", want: []string{"<a>x</a>"},
			warnings: []string{"6: raw HTML <a>: attribute href (its URL is not"}},
		{name: "iframe and form removed, text of unknown kept", in: "<iframe src=\"https://x.org/\">fallback</iframe>\n\n<form><input name=q></form>\n\n<blink>on</blink>",
			want: []string{"<p>on</p>"}, not: []string{"fallback", "<form", "<input", "<blink"},
			warnings: []string{"5: raw HTML <iframe> removed (its content goes with it)", "7: raw HTML <form> removed (its text stays)", "7: raw HTML <input> removed", "9: raw HTML <blink> removed"}},
		// From Hugo's release notes: "Improve handling of <nil> Params".
		{name: "a tag meant as text", in: "Improve handling of <nil> Params", want: []string{"<p>Improve handling of  Params</p>"},
			warnings: []string{"5: raw HTML <nil> removed (its text stays): nil is not an HTML element; to show <nil> as text, write it in backticks (`<nil>`) or as &lt;nil&gt;"}},
		{name: "unsafe keeps everything", unsafe: true, in: "<script>go()</script>\n\n<p onclick=\"x()\" style=\"a\">t</p>", want: []string{"<script>go()</script>", `<p onclick="x()" style="a">t</p>`}},
		{name: "entities and unquoted attributes", in: "<span class=a>&nbsp;&amp;&lt;</span>", want: []string{"<span class=\"a\">\u00a0&amp;&lt;</span>"}},
		{name: "urls resolved", in: "<img src=\"a.png\" alt=\"A\">\n<a href=\"other.md#h\">o</a> <a href=\"#top\">t</a> <a href=\"https://x.org/\">w</a>\n<picture><source srcset=\"a.png 1x, b.png 2x\"><img src=\"c.png\" width=\"4\"></picture>",
			want: []string{`<img src="/img/a.png" alt="A" width="8" height="6" loading="lazy">`, `href="/to/other.md#h"`, `href="#top"`, `href="https://x.org/"`, `srcset="/img/a.png 1x, /img/b.png 2x"`, `<img src="/img/c.png" width="4" loading="lazy">`}},
		{name: "missing targets on their lines", in: "text\n\n<img src=\"missing.png\">\n\n<p>\n<a href=\"missing.md\">m</a></p>\n\n<img srcset=\"ok.png 1x, missing2.png 2x\">",
			want: []string{`src="missing.png"`}, problems: []string{"7: image not found", "10: no such page", "12: image not found"}},
		{name: "unclosed div", in: "<div class=\"note\">\n\nThe rest.\n", want: []string{`<div class="note">`},
			warnings: []string{"5: raw HTML <div> opened here is never closed before the end of the document"}},
		{name: "balanced across blocks", in: "<div>\n\n*md*\n\n</div>\n\n<ul><li>a<li>b</ul>\n\n<p>one\n<p>two"},
		{name: "stray end tag", in: "text\n\n</div>", warnings: []string{"7: raw HTML </div> closes no open <div>"}},
		{name: "misnested", in: "<b><i>x</b></i>", warnings: []string{"5: raw HTML <i> opened here is never closed before </b> on line 5", "5: raw HTML </i> closes no open <i>"}},
		{name: "self-closed div", in: "<div/>\n\ntext", warnings: []string{"5: raw HTML <div/> is not closed by its slash"}},
		{name: "ids prefixed", env: &Env{IDPrefix: "c1--"}, in: "<a id=\"old\"></a><a href=\"#old\">back</a> <a name=\"n\">n</a>\n<table><tr><th id=\"h\">H</th><td headers=\"h\">d</td></tr></table>",
			want: []string{`<a id="c1--old"></a><a href="#c1--old">back</a> <a name="c1--n">`, `<th id="c1--h">H</th><td headers="c1--h">`}},
		{name: "list item scope", in: "- <span>open\n- next", warnings: []string{"5: raw HTML <span> opened here is never closed at the end of the Markdown block"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env
			if tt.env != nil {
				e = *tt.env
			}
			doc, err := New(Options{UnsafeHTML: tt.unsafe}).Convert([]byte(tt.in), e)
			if err != nil {
				t.Fatal(err)
			}
			html, rest := string(doc.HTML), string(doc.HTML)
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
			match(t, "warnings", doc.Warnings, tt.warnings)
			match(t, "problems", doc.Problems, tt.problems)
		})
	}
}

func match(t *testing.T, what string, got []Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v; want %d", what, got, len(want))
	}
	for i, w := range want {
		line, msg, _ := strings.Cut(w, ": ")
		if g := got[i]; line != strconv.Itoa(g.Line) || !strings.HasPrefix(g.Message, msg) {
			t.Errorf("%s[%d] = %d: %s; want %s", what, i, g.Line, g.Message, w)
		}
	}
}
