package markdown

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A migrated Jekyll or Hugo site carries template code in its Markdown:
// Liquid tags ({% highlight ruby %}, {% post_url ... %}), Liquid output
// ({{ site.repository }}) and Hugo's shortcodes ({{< figure ... >}}). folio
// runs neither, so they show on the page as written. Each one outside code
// is a warning on the line of its first use in the page, with how many more
// the page has and what to write instead, so that nothing the author meant
// as code reaches readers without a word.

// templateTag matches a Hugo shortcode (name in group 1), a Liquid tag
// (group 2), Liquid output (group 3) or an mdBook directive such as
// {{#include file.rs}} (group 4).
var templateTag = regexp.MustCompile(`\{\{[<%]-?\s*(/?\s*[A-Za-z][\w./-]*)[^}]*?[>%]\}\}|\{%-?\s*([A-Za-z]\w*)[^%]*?%\}|\{\{-?\s*([A-Za-z_][\w.\[\]'"-]*|"[^"{}]*"|'[^'{}]*')(?:\s+[^{}|\s][^{}|]*?)?\s*(?:\|[^{}]*?)?-?\}\}|\{\{#([A-Za-z_]\w*)[^{}]*?\}\}`)

// templateUse is one kind of template code in a page.
type templateUse struct {
	line, count int
	message     string
}

// findTemplateTags looks for template code in the text of a paragraph,
// heading or tight list item, leaving out code spans.
func (s *state) findTemplateTags(block ast.Node, src []byte) {
	lines := block.Lines()
	if !hasTemplateOpener(lines, src) {
		return
	}
	var joined []byte
	var starts []int // the source offset of each byte run of text, in pairs: joined index, source offset
	for i := range lines.Len() {
		seg := lines.At(i)
		starts = append(starts, len(joined), seg.Start)
		joined = append(joined, seg.Value(src)...)
	}
	written := bytes.Clone(joined) // as written, for messages
	maskCodeSpans(block, joined, starts)
	for _, m := range templateTag.FindAllSubmatchIndex(joined, -1) {
		if m[0] > 0 && joined[m[0]-1] == '\\' {
			continue // \{{#include}}: escaped, as mdBook's guide writes it
		}
		key, msg := templateAdvice(string(written[m[0]:m[1]]), m, joined)
		s.templateUse(key, msg, sourceOffset(starts, m[0]))
	}
}

// templateUse counts one use of a kind of template code at offset.
func (s *state) templateUse(key, msg string, offset int) {
	if key == "" {
		return
	}
	if s.templates == nil {
		s.templates = map[string]*templateUse{}
	}
	if u := s.templates[key]; u != nil {
		u.count++
		return
	}
	s.templates[key] = &templateUse{line: s.lines.line(offset), count: 1, message: msg}
}

// mdBookInclude matches a line of a code block that is an mdBook directive
// putting a file's lines there.
var mdBookInclude = regexp.MustCompile(`^[ \t]*\{\{#(include|rustdoc_include|playground|playpen)\s[^{}]*\}\}`)

// findIncludes looks for mdBook's includes in a code block, where mdBook
// puts a file's lines in place of the directive: folio shows the
// directive instead, and the code is missing.
func (s *state) findIncludes(block ast.Node, src []byte) {
	lines := block.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := seg.Value(src)
		if loc := mdBookInclude.FindSubmatchIndex(line); loc != nil {
			tag := strings.TrimSpace(string(line[loc[0]:loc[1]]))
			s.templateUse("mdbook "+string(line[loc[2]:loc[3]]), mdBookAdvice(tag), seg.Start)
		}
	}
}

// mdBookAdvice says what to write instead of an mdBook directive.
func mdBookAdvice(tag string) string {
	return fmt.Sprintf("mdBook's %s is not run: folio has no includes, so this line shows where the file's text was meant to be; paste the lines of %s in its place", tag, tagArgument(tag))
}

// hasTemplateOpener reports whether a line holds {{ or {%, looking at the
// source in place: most paragraphs have neither, and cost nothing more.
func hasTemplateOpener(lines *text.Segments, src []byte) bool {
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		if bytes.Contains(v, []byte("{{")) || bytes.Contains(v, []byte("{%")) {
			return true
		}
	}
	return false
}

// maskCodeSpans blanks the code spans of block in joined, whose runs start
// at the source offsets starts holds: template code there is shown as code
// on purpose.
func maskCodeSpans(block ast.Node, joined []byte, starts []int) {
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindCodeSpan {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				continue
			}
			for off := t.Segment.Start; off < t.Segment.Stop; off++ {
				if i := textIndex(starts, off); i >= 0 && i < len(joined) {
					joined[i] = ' '
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// sourceOffset maps an index of the joined text to its source offset.
func sourceOffset(starts []int, i int) int {
	k := 0
	for j := 0; j < len(starts); j += 2 {
		if starts[j] <= i {
			k = j
		}
	}
	return starts[k+1] + i - starts[k]
}

// textIndex maps a source offset to its index in the joined text, or -1.
func textIndex(starts []int, off int) int {
	for j := len(starts) - 2; j >= 0; j -= 2 {
		if starts[j+1] <= off {
			return starts[j] + off - starts[j+1]
		}
	}
	return -1
}

// templateAdvice names the kind of template code tag is (the key a page
// counts it under) and says what to write instead; a closing tag ("" key)
// is counted with its opening one.
func templateAdvice(tag string, m []int, joined []byte) (key, msg string) {
	group := func(g int) string {
		if m[2*g] < 0 {
			return ""
		}
		return string(joined[m[2*g]:m[2*g+1]])
	}
	shown := strings.Join(strings.Fields(tag), " ")
	switch name := group(1); {
	case strings.HasPrefix(name, "/"):
		return "", ""
	case name != "":
		return "shortcode " + name, fmt.Sprintf("Hugo shortcode %s is not run: folio has no shortcodes, so it shows on the page as written; %s", shown, shortcodeFix(name))
	}
	switch name := group(2); {
	case strings.HasPrefix(name, "end"):
		return "", ""
	case name != "":
		return "liquid " + name, fmt.Sprintf("Liquid tag %s is not run: folio has no Liquid, so it shows on the page as written; %s", shown, liquidFix(name, tagArgument(shown)))
	}
	if name := group(4); name != "" {
		return "mdbook " + name, mdBookAdvice(shown)
	}
	name := group(3)
	if args := strings.TrimLeft(string(joined[m[7]:m[1]]), " \t\n"); !strings.HasPrefix(args, "|") && !strings.HasPrefix(args, "-}}") && args != "}}" {
		return "call " + name, fmt.Sprintf("template code %s is not run: folio runs no templates in Markdown, so it shows on the page as written; %s", shown, callFix(name))
	}
	return "output " + name, fmt.Sprintf("Liquid output %s is not filled in: folio has no Liquid, so it shows on the page as written; write out its value", shown)
}

// tagArgument is the first word after a tag's name: the language of
// {% highlight ruby %}, the post of {% post_url 2015-05-15-name %}.
func tagArgument(shown string) string {
	f := strings.Fields(strings.Trim(shown, "{%}<>- "))
	if len(f) < 2 {
		return ""
	}
	return strings.Trim(f[1], `"'`)
}

func liquidFix(name, arg string) string {
	switch name {
	case "highlight":
		return fmt.Sprintf("write the code as a fenced block, ```%s on the line before it and ``` on the line after, instead of {%% highlight %%} ... {%% endhighlight %%}", arg)
	case "raw":
		return "remove {% raw %} and {% endraw %}: folio shows {{ }} as written anyway"
	case "post_url", "link":
		file := strings.TrimSuffix(strings.TrimSuffix(path.Base(arg), ".markdown"), ".md") + ".md"
		return fmt.Sprintf("link to the Markdown file instead, relative to this page: [text](%s) for a post beside this one", file)
	case "include", "include_relative":
		return "folio has no includes: write what it held into the page, or into a layout"
	}
	return "write out what it made, in Markdown"
}

// callFix says what to write instead of a template call such as the Go
// website's {{image "x.png"}} and {{code "x.go"}}.
func callFix(name string) string {
	switch name {
	case "image", "img":
		return "write the image in Markdown, ![alt](path)"
	case "code", "play", "include":
		return "write the code as a fenced block, with the file's lines pasted in"
	case "raw":
		return "write the HTML it holds as raw HTML"
	case "video", "youtube":
		return "link to the video instead"
	}
	return "write out what it made, in Markdown"
}

func shortcodeFix(name string) string {
	switch name {
	case "figure":
		return `write the image in Markdown with its caption as the title, ![alt](src "caption"), which folio makes a figure`
	case "ref", "relref":
		return "link to the Markdown file instead, relative to this page"
	case "highlight", "code":
		return "write the code as a fenced block (```go on the line before it, ``` on the line after)"
	case "youtube", "vimeo", "tweet", "x", "gist", "instagram":
		return "link to it instead"
	}
	return "write what it made in Markdown or raw HTML"
}

// warnTemplateTags warns once for each kind of template code in the page.
func (s *state) warnTemplateTags() {
	uses := make([]*templateUse, 0, len(s.templates))
	for _, u := range s.templates {
		uses = append(uses, u)
	}
	sort.Slice(uses, func(i, j int) bool {
		if uses[i].line != uses[j].line {
			return uses[i].line < uses[j].line
		}
		return uses[i].message < uses[j].message
	})
	for _, u := range uses {
		msg := u.message
		if u.count > 1 {
			msg += fmt.Sprintf(" (and %d more like it in this page)", u.count-1)
		}
		s.warn(u.line, msg)
	}
}
