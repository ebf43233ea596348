// Package foreigncode owns the template code other generators leave in
// Markdown: Liquid tags ({% highlight ruby %}, {% post_url ... %}), Liquid
// output ({{ site.repository }}), Hugo's shortcodes ({{< figure ... >}}),
// template calls such as the Go website's {{image "x.png"}} and mdBook's
// directives ({{#include file.rs}}). folio runs none of them, so they show
// on the page as written. The package finds them in text and says, for
// each kind, what to write instead; package markdown decides where to look
// (text outside code, code blocks for mdBook's includes) and warns. One
// kind folio reads: Jekyll's {% highlight ruby %} ... {% endhighlight %},
// whose meaning is a fenced code block (Highlight, a goldmark extension
// that package markdown adds). It imports no other folio package.
package foreigncode

import (
	"fmt"
	"regexp"
	"strings"
)

// Use is one piece of template code in a text: where it is, the kind it
// is counted under in a page ("liquid highlight", "shortcode figure") and
// what to write instead.
type Use struct {
	Start, End int
	Kind       string
	Message    string
}

// templateTag matches a Hugo shortcode (name in group 1), a Liquid tag
// (group 2), Liquid output (group 3) or an mdBook directive such as
// {{#include file.rs}} (group 4).
var templateTag = regexp.MustCompile(`\{\{[<%]-?\s*(/?\s*[A-Za-z][\w./-]*)[^}]*?[>%]\}\}|\{%-?\s*([A-Za-z]\w*)[^%]*?%\}|\{\{-?\s*([A-Za-z_][\w.\[\]'"-]*|"[^"{}]*"|'[^'{}]*')(?:\s+[^{}|\s][^{}|]*?)?\s*(?:\|[^{}]*?)?-?\}\}|\{\{#([A-Za-z_]\w*)[^{}]*?\}\}`)

// Find returns the template code in text, whose code spans the caller has
// blanked; written is the same text as the author wrote it, for messages.
// Escaped openers (\{{#include}}, as mdBook's guide writes them) and
// closing tags ({% endhighlight %}, {{< /figure >}}) are left out.
func Find(text, written []byte) []Use {
	var uses []Use
	var defined map[string]bool
	for _, m := range templateTag.FindAllSubmatchIndex(text, -1) {
		if m[0] > 0 && text[m[0]-1] == '\\' {
			continue
		}
		if defined == nil {
			defined = liquidNames(text)
		}
		kind, msg := advice(string(written[m[0]:m[1]]), m, text, defined)
		if kind != "" {
			uses = append(uses, Use{Start: m[0], End: m[1], Kind: kind, Message: msg})
		}
	}
	return uses
}

// liquidDefinition matches a Liquid tag that defines a variable: a loop's
// ({% for issue in list %}), an assign's or a capture's.
var liquidDefinition = regexp.MustCompile(`\{%-?\s*(?:for|assign|capture)\s+([A-Za-z_]\w*)`)

// liquidNames are the variables the Liquid tags of text define.
func liquidNames(text []byte) map[string]bool {
	names := map[string]bool{}
	for _, m := range liquidDefinition.FindAllSubmatch(text, -1) {
		names[string(m[1])] = true
	}
	return names
}

// mdBookInclude matches a line of a code block that is an mdBook directive
// putting a file's lines there.
var mdBookInclude = regexp.MustCompile(`^[ \t]*\{\{#(include|rustdoc_include|playground|playpen)\s[^{}]*\}\}`)

// Include reports whether a line of a code block is an mdBook directive
// that puts a file's lines there: mdBook fills it in, folio shows the
// directive instead, and the code is missing.
func Include(line []byte) (Use, bool) {
	loc := mdBookInclude.FindSubmatchIndex(line)
	if loc == nil {
		return Use{}, false
	}
	tag := strings.TrimSpace(string(line[loc[0]:loc[1]]))
	return Use{Start: loc[0], End: loc[1], Kind: "mdbook " + string(line[loc[2]:loc[3]]), Message: mdBookAdvice(tag)}, true
}

// mdBookAdvice says what to write instead of an mdBook directive.
func mdBookAdvice(tag string) string {
	return fmt.Sprintf("mdBook's %s is not run: folio has no includes, so this line shows where the file's text was meant to be; paste the lines of %s in its place", tag, tagArgument(tag))
}
