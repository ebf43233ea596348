package foreigncode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TestHighlight parses Jekyll's highlight tags into fenced code blocks
// (language, attributes, code) and leaves those folio would not render as
// Jekyll does as text, which Find then reports.
func TestHighlight(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(Highlight))
	for _, tc := range []struct {
		name, src string
		// want describes each code block as "lang [attrs] |code|"; "" for
		// none.
		want []string
	}{
		// jekyll/jekyll's news, 2014-03-27-jekyll-1-5-1-released.
		{"jekyll news", "Text.\n\n{% highlight ruby %}\nsite.posts.map(&:title)\n  .sort\n{% endhighlight %}\n\nMore.\n",
			[]string{"ruby |site.posts.map(&:title)\n  .sort\n|"}},
		{"options", "{% highlight ruby linenos %}\nx\n{% endhighlight %}\n{% highlight go mark_lines=\"1 3-4\" linenostart=10 %}\ny\n{% endhighlight %}\n{% highlight c linenos=table hl_lines=\"2\" %}\nz\n{% endhighlight %}\n",
			[]string{"ruby [linenos=true] |x\n|", "go [hl_lines=1 3-4 linenostart=10] |y\n|", "c [linenos=table hl_lines=2] |z\n|"}},
		{"whitespace control", "{%- highlight sh -%}\necho hi\n{%- endhighlight -%}\n", []string{"sh |echo hi\n|"}},
		{"ends a paragraph", "Run this:\n{% highlight sh %}\nmake\n{% endhighlight %}\n", []string{"sh |make\n|"}},
		{"end on the last line", "{% highlight sh %}\nmake\nmake install{% endhighlight %}\nAfter.\n", []string{"sh |make\nmake install\n|"}},
		{"in a list item", "- step\n\n  {% highlight go %}\n  func main() {\n  \tgo run()\n  }\n  {% endhighlight %}\n",
			[]string{"go |func main() {\n\tgo run()\n}\n|"}},
		{"empty", "{% highlight go %}\n{% endhighlight %}\n", []string{"go ||"}},
		// Left as text, reported by Find.
		{"never ended", "{% highlight ruby %}\nputs 1\n", nil},
		{"unknown option", "{% highlight ruby cssclass=x %}\nputs 1\n{% endhighlight %}\n", nil},
		{"code on the tag's line", "{% highlight ruby %}puts 1\n{% endhighlight %}\n", nil},
		{"in prose", "Write {% highlight ruby %} on a line of its own.\n\n{% endhighlight %}\n", nil},
		// Code already.
		{"in a fence", "```liquid\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n```\n", []string{"liquid |{% highlight ruby %}\nputs 1\n{% endhighlight %}\n|"}},
		{"indented code", "    {% highlight ruby %}\n    puts 1\n    {% endhighlight %}\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			root := md.Parser().Parse(text.NewReader(src))
			var got []string
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
					got = append(got, describeFence(f, src))
				}
				return ast.WalkContinue, nil
			})
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("code blocks\n%q\nwant\n%q", got, tc.want)
			}
			if tc.want == nil && !strings.HasPrefix(tc.name, "indented") {
				if uses := Find(src, src); len(uses) == 0 || uses[0].Kind != "liquid highlight" {
					t.Errorf("a tag left as text is not reported: %+v", uses)
				}
			}
		})
	}
}

func describeFence(f *ast.FencedCodeBlock, src []byte) string {
	var b strings.Builder
	b.Write(f.Language(src))
	if attrs := f.Attributes(); len(attrs) > 0 {
		var kv []string
		for _, a := range attrs {
			kv = append(kv, fmt.Sprintf("%s=%s", a.Name, a.Value))
		}
		fmt.Fprintf(&b, " [%s]", strings.Join(kv, " "))
	}
	b.WriteString(" |")
	for i := range f.Lines().Len() {
		seg := f.Lines().At(i)
		b.Write(seg.Value(src))
	}
	b.WriteString("|")
	return b.String()
}
