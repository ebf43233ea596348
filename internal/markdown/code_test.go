package markdown

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"folio/internal/highlight"
)

// TestFenceProblems: a fence attribute folio cannot read is an error on the
// fence's line, and the block is still written.
func TestFenceProblems(t *testing.T) {
	tests := []struct {
		in   string
		want []Problem
	}{
		{"```go {linenos=true hl_lines=[2,3] linenostart=5 anchorlinenos=true}\nx\n```\n", nil},
		{"```go {.wide #listing-1}\nx\n```\n", nil},
		{"text\n\n```go {hl_lines=[\"a\"]}\nx\n```\n", []Problem{{Line: 13, Message: `hl_lines on this code fence: "a" is not a line number or a range of them such as 4-6; write hl_lines=[2,"4-6"] or hl_lines="2 4-6"`}}},
		{"```go {linenos=maybe}\nx\n```\n", []Problem{{Line: 11, Message: "linenos=maybe on this code fence is not one of true, false, inline, table"}}},
		{"```go {linenostart=x}\nx\n```\n", []Problem{{Line: 11, Message: "linenostart=x on this code fence is not a line number; write linenostart=10"}}},
		{"```go {lines=2}\nx\n```\n", []Problem{{Line: 11, Message: `unknown attribute "lines" on this code fence; folio reads linenos, linenostart and hl_lines`}}},
		{"```go {hl_lines=[2}\nx\n```\n", []Problem{{Line: 11, Message: `cannot read the attributes of this code fence, {hl_lines=[2}; write them as {linenos=true hl_lines=[2,"4-6"] linenostart=10}`}}},
	}
	c := New(Options{})
	for _, tt := range tests {
		doc, err := c.Convert([]byte(tt.in), Env{FirstLine: 11})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Problems, tt.want) {
			t.Errorf("%q: problems\n got %v\nwant %v", tt.in, doc.Problems, tt.want)
		}
		if len(doc.HTML) == 0 {
			t.Errorf("%q: no HTML", tt.in)
		}
	}
}

// TestDropTitle: a first heading that repeats the title is left out; one
// that differs, or is not first, or not level one, stays.
func TestDropTitle(t *testing.T) {
	tests := []struct {
		title, in string
		dropped   bool
	}{
		{"Getting Started", "# Getting Started\n\nText.\n", true},
		{"Don't Panic -- Yet", "# Don't  panic -- yet...\n", false},
		{"Don't Panic -- Yet...", "#   Don't  panic -- yet...\n\nText.\n", true},
		{"Getting Started", "# Getting Going\n", false},
		{"Getting Started", "Intro.\n\n# Getting Started\n", false},
		{"Getting Started", "## Getting Started\n", false},
		{"", "# Getting Started\n", false},
	}
	c := New(Options{})
	for _, tt := range tests {
		doc, err := c.Convert([]byte(tt.in), Env{Title: tt.title})
		if err != nil {
			t.Fatal(err)
		}
		if dropped := !strings.Contains(string(doc.HTML), "<h"); dropped != tt.dropped {
			t.Errorf("title %q, body %q: dropped %v, want %v:\n%s", tt.title, tt.in, dropped, tt.dropped, doc.HTML)
		}
	}
}

// TestFenceTooLarge: a block too large to highlight is written plain, with
// a warning on its fence's line that names its language and size; one
// without a language is plain anyway and warns of nothing.
func TestFenceTooLarge(t *testing.T) {
	body := strings.Repeat("x := 1\n", highlight.MaxBytes/7+1)
	c := New(Options{})
	for _, tt := range []struct {
		fence string
		want  []Problem
	}{
		{"```go", []Problem{{Line: 13, Message: fmt.Sprintf("this go code block is %d bytes, more than the %d folio highlights: it is written plain; split it into smaller blocks, or take the language off its fence to keep it plain without this warning", len(body), highlight.MaxBytes)}}},
		{"``` {linenos=true}", []Problem{{Line: 13, Message: fmt.Sprintf("this unnamed code block is %d bytes, more than the %d folio highlights: it is written plain; split it into smaller blocks, or take the language off its fence to keep it plain without this warning", len(body), highlight.MaxBytes)}}},
		{"```", nil},
		{"```go", nil}, // the body cut to the limit
	} {
		code := body
		if tt.want == nil {
			code = body[:highlight.MaxBytes-1] + "\n"
		}
		doc, err := c.Convert([]byte("text\n\n"+tt.fence+"\n"+code+"```\n"), Env{FirstLine: 11})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Warnings, tt.want) || len(doc.Problems) > 0 {
			t.Errorf("%s: warnings %v, problems %v; want %v", tt.fence, doc.Warnings, doc.Problems, tt.want)
		}
		if plain := !strings.Contains(string(doc.HTML), `class="chroma"`); plain != (tt.want != nil || tt.fence == "```") {
			t.Errorf("%s: written plain %v", tt.fence, plain)
		}
	}
}

// TestFenceTooSlow: a block chroma took too long to lex is written plain,
// with a warning on its fence's line.
func TestFenceTooSlow(t *testing.T) {
	defer func(w func(io.Writer, string, highlight.Options) error) { writeCode = w }(writeCode)
	writeCode = func(w io.Writer, code string, o highlight.Options) error {
		_, _ = io.WriteString(w, "<pre>plain</pre>\n")
		return highlight.ErrTooSlow
	}
	doc, err := New(Options{}).Convert([]byte("text\n\n```bash\necho \"\\1\\1\n```\n"), Env{FirstLine: 11})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Line: 13, Message: fmt.Sprintf("highlighting this bash code block took longer than %v (chroma's lexer backtracks on it, perhaps at a string or comment left open): it is written plain; close what is open, or take the language off its fence", highlight.Budget)}}
	if !reflect.DeepEqual(doc.Warnings, want) || !strings.Contains(string(doc.HTML), "<pre>plain</pre>") {
		t.Errorf("warnings %v, want %v; HTML %s", doc.Warnings, want, doc.HTML)
	}
}

// TestJekyllHighlight: Jekyll's {% highlight %} tag is read as the fence
// it stands for (foreigncode.Highlight), options included, and says
// nothing: the code shows as in Jekyll, highlighted.
func TestJekyllHighlight(t *testing.T) {
	c := New(Options{})
	for _, tc := range []struct{ jekyll, fence string }{
		{"{% highlight ruby %}\nputs 'hi'\n{% endhighlight %}\n", "```ruby\nputs 'hi'\n```\n"},
		{"Text\n{% highlight ruby linenos mark_lines=\"2\" %}\na = 1\nb = 2\n{% endhighlight %}\n",
			"Text\n```ruby {linenos=true hl_lines=\"2\"}\na = 1\nb = 2\n```\n"},
	} {
		jekyll, err := c.Convert([]byte(tc.jekyll), Env{})
		if err != nil {
			t.Fatal(err)
		}
		fence, err := c.Convert([]byte(tc.fence), Env{})
		if err != nil {
			t.Fatal(err)
		}
		if string(jekyll.HTML) != string(fence.HTML) || !strings.Contains(string(jekyll.HTML), `class="language-ruby"`) {
			t.Errorf("%q gives\n%s\nwant, as its fence gives,\n%s", tc.jekyll, jekyll.HTML, fence.HTML)
		}
		if len(jekyll.Warnings)+len(jekyll.Problems) > 0 {
			t.Errorf("%q: warnings %v, problems %v", tc.jekyll, jekyll.Warnings, jekyll.Problems)
		}
	}
}
