package foreigncode

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text  string
		kinds []string
	}{
		{"plain {text} and {{", nil},
		{"{% highlight ruby %}x{% endhighlight %}", []string{"liquid highlight"}},
		{"{{< figure src=\"a.png\" >}}{{< /figure >}}", []string{"shortcode figure"}},
		{"see {{ site.repository }}", []string{"output site.repository"}},
		{`{{image "x.png"}}`, []string{"call image"}},
		{`\{{#include x.rs}} escaped, {{#include y.rs}} not`, []string{"mdbook include"}},
		// Prose about templates, which Hugo shows as written: its 0.66
		// release notes, and a Go template's actions named alone.
		{"{{ in }} should work with html.Template type [ae383f04](https://github.com/gohugoio/hugo/commit/ae383f04)", nil},
		{"close the block with {{ end }} (or {{- end -}}), not {{else}}", nil},
		// Jekyll's 1.0.1 news: a loop's variable, defined in the same text.
		{"{% for issue in issue_numbers %}\n[#{{ issue }}]: {{ site.repository }}/issues/{{ issue }}",
			[]string{"liquid for", "output issue", "output site.repository", "output issue"}},
		// Jekyll's filters page: the loop is a paragraph of its own (and
		// reported there); its bare variable alone is not told apart from
		// prose, the filtered one is.
		{"- [{{ filter }}]({{ filter | prepend: page.shopify_filter_url | append: '/' }})", []string{"output filter"}},
		{"![Logo]({{ '/assets/logo.png' | relative_url }}) and {{ page.title }}", []string{"output '/assets/logo.png'", "output page.title"}},
		// The Go blog: a literal written out by the template, and the
		// index's loop.
		{`compared with the {{" < "}} operator`, []string{`output " < "`}},
		{`{{range newest (pages "/blog/*.md") -}}`, []string{"call range"}},
		// Quarto's callouts and divs, Pandoc's fenced divs; the closing
		// ::: and colons in prose say nothing.
		{"::: {.callout-note}\nA note.\n:::", []string{"div callout-note"}},
		{":::: callout-tip\nA tip.\n::::", []string{"div callout-tip"}},
		{"::: {#fig-plots layout-ncol=2}\n:::", []string{"div fig-plots"}},
		{"Time 10:30 ::: and a::b", nil},
	} {
		var kinds []string
		for _, u := range Find([]byte(tc.text), []byte(tc.text)) {
			kinds = append(kinds, u.Kind)
			used := tc.text[u.Start:u.End]
			if u.Message == "" || !(strings.HasPrefix(used, "{") && strings.HasSuffix(used, "}") || strings.HasPrefix(used, ":::")) {
				t.Errorf("%q: use %+v", tc.text, u)
			}
		}
		if len(kinds) != len(tc.kinds) {
			t.Errorf("%q: kinds %q, want %q", tc.text, kinds, tc.kinds)
			continue
		}
		for i := range kinds {
			if kinds[i] != tc.kinds[i] {
				t.Errorf("%q: kinds %q, want %q", tc.text, kinds, tc.kinds)
			}
		}
	}
}

// TestLiteralOutput: the Go blog's {{" < "}} says what to write instead.
func TestLiteralOutput(t *testing.T) {
	text := []byte(`compared with the {{" < "}} operator`)
	uses := Find(text, text)
	want := `template output {{" < "}} is not filled in: folio runs no templates in Markdown, so it shows on the page as written; write the text it stands for, <, instead`
	if len(uses) != 1 || uses[0].Message != want {
		t.Errorf("uses %+v, want one saying %s", uses, want)
	}
}

func TestInclude(t *testing.T) {
	if u, ok := Include([]byte("  {{#rustdoc_include ../listings/main.rs:all}}")); !ok || u.Kind != "mdbook rustdoc_include" {
		t.Errorf("include line: %+v %v", u, ok)
	}
	if _, ok := Include([]byte("let x = 1; // {{#include no}}")); ok {
		t.Error("a directive after code is not a line mdBook fills in")
	}
}
