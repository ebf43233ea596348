package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// Liquid and Hugo template code in a page's text shows as written, with a
// warning for each kind on the line of its first use saying what to write
// instead; in code it is code, and says nothing.
func TestTemplateTags(t *testing.T) {
	c := New(Options{})
	for _, tt := range []struct {
		name, src string
		want      []string // "line: start of message"
	}{
		// Read as a fence (TestJekyllHighlight), unless folio cannot
		// render it as Jekyll does.
		{"highlight", "Before.\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n", nil},
		{"highlight with an unknown option", "Before.\n\n{% highlight ruby cssclass=x %}\nputs 1\n{% endhighlight %}\n",
			[]string{"3: Liquid tag {% highlight ruby cssclass=x %} is not run: folio has no Liquid, so it shows on the page as written; write the code as a fenced block, ```ruby on the line before it and ``` on the line after, instead of {% highlight %} ... {% endhighlight %}"}},
		{"output counted", "See [#1339]({{ site.repository }}/issues/1339) and\n[#1338]({{ site.repository\n}}/issues/1338).\n",
			[]string{"1: Liquid output {{ site.repository }} is not filled in: folio has no Liquid, so it shows on the page as written; write out its value (and 1 more like it in this page)"}},
		{"post_url in a reference", "[jekyll-1][].\n\n[jekyll-1]: {% post_url 2013-05-06-jekyll-1-0-0-released %}\n",
			[]string{"3: Liquid tag {% post_url 2013-05-06-jekyll-1-0-0-released %} is not run: folio has no Liquid, so it shows on the page as written; link to the Markdown file instead, relative to this page: [text](2013-05-06-jekyll-1-0-0-released.md) for a post beside this one"}},
		{"link", "See {% link _posts/2017-03-02-jekyll-3-4-1-released.markdown %}.\n",
			[]string{"1: Liquid tag {% link _posts/2017-03-02-jekyll-3-4-1-released.markdown %} is not run: folio has no Liquid, so it shows on the page as written; link to the Markdown file instead, relative to this page: [text](2017-03-02-jekyll-3-4-1-released.md) for a post beside this one"}},
		{"loop with quotes", "{% assign issue_numbers = \"1037|1040\" | split: \"|\" %}\n{% for issue in issue_numbers %}\n[#{{ issue }}]: {{ site.repository }}/issues/{{ issue }}\n{% endfor %}\n",
			[]string{
				"1: Liquid tag {% assign issue_numbers = \"1037|1040\" | split: \"|\" %} is not run",
				"2: Liquid tag {% for issue in issue_numbers %} is not run",
				"3: Liquid output {{ issue }} is not filled in",
				"3: Liquid output {{ site.repository }} is not filled in",
			}},
		{"filters", "![Logo]({{ \"/assets/logo.png\" | relative_url }}) on {{ page.date | date: \"%b %d\" }}.\n",
			[]string{
				"1: Liquid output {{ \"/assets/logo.png\" | relative_url }} is not filled in",
				"1: Liquid output {{ page.date | date: \"%b %d\" }} is not filled in",
			}},
		// golang/website's blog: Go templates in Markdown (template: true).
		{"go template calls", "{{image \"gopher.png\" 300}}\n\n{{code \"x/y.go\" `/start/` `/end/`}} and {{raw `\n<br>\n`}}\n\n{{range newest (pages \"/blog/*.md\") -}}\n",
			[]string{
				"1: template code {{image \"gopher.png\" 300}} is not run: folio runs no templates in Markdown, so it shows on the page as written; write the image in Markdown, ![alt](path)",
				"3: template code {{code \"x/y.go\" `/start/` `/end/`}} is not run: folio runs no templates in Markdown, so it shows on the page as written; write the code as a fenced block",
				"3: template code {{raw `",
				"7: template code {{range newest (pages \"/blog/*.md\") -}} is not run",
			}},
		{"hugo figure", "# Title {{< param x >}}\n\n- item {{< figure src=\"a.jpg\" title=\"A\" >}}\n",
			[]string{
				"1: Hugo shortcode {{< param x >}} is not run: folio has no shortcodes",
				"3: Hugo shortcode {{< figure src=\"a.jpg\" title=\"A\" >}} is not run: folio has no shortcodes, so it shows on the page as written; write the image in Markdown",
			}},
		{"hugo percent and closing", "{{% notice tip %}}\nText.\n{{% /notice %}}\n",
			[]string{"1: Hugo shortcode {{% notice tip %}} is not run"}},
		// The Rust book's listings (mdBook): the code is in another file.
		{"mdbook includes", "Text.\n\n```rust\n{{#rustdoc_include ../listings/ch04/src/main.rs:here}}\n```\n\n```console\n{{#include ../listings/ch04/output.txt}}\n```\n\n    {{#include a.rs}}\n\nSee {{#include b.md}}.\n",
			[]string{
				"4: mdBook's {{#rustdoc_include ../listings/ch04/src/main.rs:here}} is not run: folio has no includes, so this line shows where the file's text was meant to be; paste the lines of ../listings/ch04/src/main.rs:here in its place",
				"8: mdBook's {{#include ../listings/ch04/output.txt}} is not run: folio has no includes, so this line shows where the file's text was meant to be; paste the lines of ../listings/ch04/output.txt in its place (and 2 more like it in this page)",
			}},
		{"mdbook escaped", "```hbs\n\\{{#include file.rs}}\n```\n\nWrite \\{{#include file.rs}} to include.\n", nil},
		{"code is code", "Write `{{ site.title }}` or `{% raw %}`.\n\n```liquid\n{% highlight ruby %}\n```\n\n    {{< figure >}}\n", nil},
		{"prose about templates", "### Other\n\n* {{ in }} should work with html.Template type [ae383f04](https://github.com/gohugoio/hugo/commit/ae383f04)\n* End it with {{ end }}.\n", nil},
		// A Quarto book: code cells are shown as code, callouts as written.
		{"quarto", "::: {.callout-warning}\nCareful.\n:::\n\n```{python}\n#| echo: false\n1 + 1\n```\n\n```{r, echo=FALSE}\nx\n```\n\n```{python}\n2\n```\n",
			[]string{
				"1: Pandoc fenced div ::: {.callout-warning} is not read: folio shows its ::: lines on the page as written; write the callout as a quote opening with > [!WARNING], a > before each of its lines, instead of the ::: lines",
				"5: code cell ```{python} is not run: folio shows its code, highlighted, without what it outputs; write ```python to show it as code without this warning, or put what it makes after it (and 1 more like it in this page)",
				"10: code cell ```{r, echo=FALSE} is not run: folio shows its code, highlighted, without what it outputs; write ```r to show it as code without this warning, or put what it makes after it",
			}},
		{"braces alone", "A set {x} and a map {{a: 1}} and 100% of {%}.\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Convert([]byte(tt.src), Env{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range doc.Warnings {
				got = append(got, fmt.Sprintf("%d: %s", w.Line, w.Message))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("warning\n got %s\nwant %s...", got[i], tt.want[i])
				}
			}
		})
	}
}
