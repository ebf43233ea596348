// Package highlight owns syntax highlighting of code blocks at build time,
// with chroma: the HTML of one block (class names, no inline styles, no
// JavaScript) and the stylesheets those classes need (screen.css,
// paper.css), which package themes makes from chroma's themes when they
// are generated (go generate), so that a build neither links nor loads
// chroma's styles package.
//
// A highlighted block is
//
//	<pre class="chroma" tabindex="0"><code class="language-go" data-lang="go">
//	<span class="line"><span class="cl">…</span></span>…</code></pre>
//
// The pre is focusable so that a reader on a keyboard can scroll a long
// line; the language-xx class stays for scripts and stylesheets that look
// for it. Line numbers (Options.LineNumbers) are spans the reader cannot
// select, so copied code comes without them; highlighted lines carry the
// class hl. A language chroma does not know is written as plain text.
//
// The stylesheets (CSS) follow the reader's colour scheme on screen (a light
// theme, and a dark one under prefers-color-scheme: dark); the print one
// keeps the light theme's colours without any background, so paper is not
// inked with a grey box per listing; the e-reader one has no colours at all.
//
// # The same output on any machine
//
// chroma's lexers run on regexp2 and give every rule's match a timeout
// (250 ms, set in chroma's source); a match that runs out of it counts as
// no match, and the text comes out as Error tokens or with another rule's
// colours. Whether that happens depends on the machine's speed and load,
// not on the input: a long string literal or comment highlights one way on
// an idle machine and another on a busy one, or under the race detector,
// so a build would not be reproducible and the preview could differ from a
// clean build. folio moves that limit from a match to a whole block, and
// from 250 ms to Budget (lex.go): no match of a block lexed within Budget
// has timed out, so its highlighting is a function of the code and the
// options alone; a block that takes longer is written plain, with a
// warning. Some inputs make a lexer backtrack for ever, such as a Bash
// string left open after a run of escapes (\1\1\1…, each one doubling
// the work); those meet the Budget.
//
// The cost of lexing also grows with size, for some inputs faster than the
// size (each unclosed url( of a line of CSS rescans the rest of it): a
// block over MaxBytes is written plain (the language's class kept, no
// tokens), and package markdown warns with its file and line.
//
// It knows nothing of Markdown: package markdown reads fences and their
// attributes and calls Write.
package highlight

import (
	_ "embed"
	"errors"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Options are what a block's fence asks for.
type Options struct {
	// Lang is the language named on the fence ("" for none).
	Lang string
	// LineNumbers numbers the lines, from LineStart (1 when 0).
	LineNumbers bool
	LineStart   int
	// Lines are the highlighted lines, ranges of line numbers counted from
	// 1 at the block's first line whatever LineStart says, first and last
	// included.
	Lines [][2]int
}

// MaxBytes is the size of the largest block highlighted; a larger one is
// written plain (see TooLarge).
const MaxBytes = 64 << 10

// TooLarge reports whether Write leaves a block of size bytes with these
// options plain for its size: it is over MaxBytes and would be lexed (a
// language, line numbers or highlighted lines).
func TooLarge(size int, o Options) bool {
	return size > MaxBytes && lexed(o)
}

// lexed reports whether a block with these options goes through chroma.
func lexed(o Options) bool {
	return o.Lang != "" || o.LineNumbers || len(o.Lines) > 0
}

// Write writes code as a highlighted block. A block without a language is
// a plain pre, still focusable; so is a block over MaxBytes, which keeps
// its language's class.
func Write(w io.Writer, code string, o Options) error {
	return write(w, code, o, lexerFor(o.Lang))
}

// write is Write with the lexer given.
func write(w io.Writer, code string, o Options, lexer chroma.Lexer) error {
	switch {
	case !lexed(o):
		_, err := fmt.Fprintf(w, "<pre tabindex=\"0\"><code>%s</code></pre>\n", html.EscapeString(code))
		return err
	case TooLarge(len(code), o):
		return writePlain(w, code, o)
	}
	tokens, err := lex(lexer, code)
	if errors.Is(err, ErrTooSlow) {
		if err := writePlain(w, code, o); err != nil {
			return err
		}
		return err
	}
	if err != nil {
		return fmt.Errorf("highlight %s: %w", o.Lang, err)
	}
	it := chroma.Literator(tokens...)
	start := max(o.LineStart, 1)
	var lines [][2]int
	for _, r := range o.Lines {
		lines = append(lines, [2]int{r[0] + start - 1, r[1] + start - 1})
	}
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(preWrapper(o.Lang)),
		chromahtml.WithLineNumbers(o.LineNumbers), chromahtml.BaseLineNumber(start), chromahtml.HighlightLines(lines))
	if err := f.Format(w, classStyle, it); err != nil {
		return fmt.Errorf("highlight %s: %w", o.Lang, err)
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// writePlain writes a block that would be lexed without highlighting,
// keeping its language's class.
func writePlain(w io.Writer, code string, o Options) error {
	l := html.EscapeString(o.Lang)
	_, err := fmt.Fprintf(w, "<pre tabindex=\"0\"><code class=\"language-%s\" data-lang=\"%s\">%s</code></pre>\n", l, l, html.EscapeString(code))
	return err
}

// lexerFor finds the lexer of a fence's language: by name, alias or file
// extension ("js", "golang", "Dockerfile"), else plain text.
func lexerFor(lang string) chroma.Lexer {
	if lang != "" {
		if l := lexers.Get(lang); l != nil {
			return l
		}
	}
	return lexers.Fallback
}

// Known reports whether chroma has a lexer for lang.
func Known(lang string) bool {
	return lexers.Get(lang) != nil
}

// preWrapper writes the pre and code elements around a block.
func preWrapper(lang string) chromahtml.PreWrapper {
	return wrapper{lang: lang}
}

type wrapper struct{ lang string }

func (p wrapper) Start(code bool, _ string) string {
	if !code {
		return `<pre class="chroma" tabindex="0">`
	}
	if p.lang == "" {
		return `<pre class="chroma" tabindex="0"><code>`
	}
	l := html.EscapeString(p.lang)
	return `<pre class="chroma" tabindex="0"><code class="language-` + l + `" data-lang="` + l + `">`
}

func (p wrapper) End(code bool) string {
	if !code {
		return `</pre>`
	}
	return `</code></pre>`
}

// ParseLines reads the highlighted lines of a fence the ways Hugo accepts
// them: "2 4-6", "2,4-6", or a list whose items are numbers or such
// strings (hl_lines=[2,"4-6"] arrives as its items).
func ParseLines(items ...string) ([][2]int, error) {
	var out [][2]int
	for _, item := range items {
		for _, f := range strings.FieldsFunc(item, func(r rune) bool { return r == ' ' || r == ',' }) {
			lo, hi, isRange := strings.Cut(f, "-")
			a, err := strconv.Atoi(lo)
			b := a
			if err == nil && isRange {
				b, err = strconv.Atoi(hi)
			}
			if err != nil || a < 1 || b < a {
				return nil, fmt.Errorf("%q is not a line number or a range of them such as 4-6", f)
			}
			out = append(out, [2]int{a, b})
		}
	}
	return out, nil
}

// classStyle is the style the formatter is given. With classes, chroma
// writes the same HTML whatever the style says (its colours are in the
// stylesheets); an empty one spares the build chroma's styles package.
var classStyle = chroma.MustNewStyle("folio-classes", chroma.StyleEntries{})

// The stylesheets, made from chroma's github and github-dark themes by
// package themes when they are generated, not in every build.
//
//go:generate go test -run TestStylesheetsGenerated -update
var (
	//go:embed screen.css
	screenCSS []byte
	//go:embed paper.css
	paperCSS []byte
)

// ScreenCSS is the stylesheet of pages on screen: the light theme, the dark
// one when the reader's system asks for it, and the paper rules in print.
func ScreenCSS() []byte { return screenCSS }

// PaperCSS is the stylesheet of the print edition: the light theme's
// colours without backgrounds; highlighted lines are bold.
func PaperCSS() []byte { return paperCSS }

// EReaderCSS is the stylesheet of code in the EPUB: no colours, as an
// e-reader puts the reader's own on every page (night, sepia, e-ink grey),
// where a light theme's token colours would be unreadable; highlighted lines
// are bold and line numbers are not selectable. The EPUB writer keeps only
// the classes some stylesheet rule names, so a block's token spans go and
// its code reads as plain text (a span per token is also what epubcheck's
// usage report counts as excessive markup, HTM-022).
func EReaderCSS() []byte {
	return []byte(`/* Code (folio): plain text in the reader's colours. */
pre .hl { font-weight: bold; }
pre .ln { margin-right: 0.8em; -webkit-user-select: none; user-select: none; }
`)
}
