// Package foreigncode owns the template code other generators leave in
// Markdown: Liquid tags ({% highlight ruby %}, {% post_url ... %}), Liquid
// output ({{ site.repository }}), Hugo's shortcodes ({{< figure ... >}}),
// template calls such as the Go website's {{image "x.png"}} and mdBook's
// directives ({{#include file.rs}}). folio runs none of them, so they show
// on the page as written. The package finds them in text and says, for
// each kind, what to write instead; package markdown decides where to look
// (text outside code, code blocks for mdBook's includes) and warns. So
// too Quarto's: Pandoc's fenced divs (::: {.callout-note}) and code
// cells (```{python}), which folio shows as code without running. One
// kind folio reads: Jekyll's {% highlight ruby %} ... {% endhighlight %},
// whose meaning is a fenced code block (Highlight, a goldmark extension
// that package markdown adds). It imports no other folio package.
package foreigncode

import (
	"bytes"
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
	if bytes.Contains(text, []byte(":::")) {
		uses = append(uses, findDivs(text)...)
	}
	return uses
}

// fencedDiv matches the opening line of a Pandoc fenced div, as Quarto
// writes its callouts (::: {.callout-note}, ::: callout-tip); the class
// or word is group 1.
var fencedDiv = regexp.MustCompile(`(?m)^:{3,}[ \t]*(?:\{[ \t]*[.#]?([\w-]+)[^}\n]*\}|([\w-]+))[ \t]*$`)

// findDivs returns the fenced divs that open in text.
func findDivs(text []byte) []Use {
	var uses []Use
	for _, m := range fencedDiv.FindAllSubmatchIndex(text, -1) {
		class := ""
		for g := 1; g <= 2; g++ {
			if m[2*g] >= 0 {
				class = string(text[m[2*g]:m[2*g+1]])
			}
		}
		shown := string(text[m[0]:m[1]])
		fix := "remove its ::: lines: folio reads no divs in Markdown"
		if kind, ok := strings.CutPrefix(class, "callout-"); ok {
			fix = fmt.Sprintf("write the callout as a quote opening with > [!%s], a > before each of its lines, instead of the ::: lines", strings.ToUpper(kind))
		}
		uses = append(uses, Use{Start: m[0], End: m[1], Kind: "div " + class,
			Message: fmt.Sprintf("Pandoc fenced div %s is not read: folio shows its ::: lines on the page as written; %s", shown, fix)})
	}
	return uses
}

// codeCell matches the info of a Quarto or R Markdown code cell, which
// those tools run: {python}, {r, echo=FALSE}, {r chunk-name}.
var codeCell = regexp.MustCompile(`^\{([A-Za-z][\w+-]*)(?:[\s,][^}]*)?\}\s*$`)

// Cell is a code cell of Quarto or R Markdown: its language, and the use
// to warn of.
type Cell struct {
	Use
	Lang string
}

// CodeCell reports whether a code fence's info is that of a code cell,
// which Quarto and R Markdown run and folio shows as code in its
// language, without the output.
func CodeCell(info []byte) (Cell, bool) {
	m := codeCell.FindSubmatch(info)
	if m == nil {
		return Cell{}, false
	}
	lang := string(m[1])
	return Cell{Lang: lang, Use: Use{Kind: "cell " + lang, Message: fmt.Sprintf("code cell ```%s is not run: folio shows its code, highlighted, without what it outputs; write ```%s to show it as code without this warning, or put what it makes after it", info, lang)}}, true
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
