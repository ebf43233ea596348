package markdown

import (
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// balance finds the raw HTML a browser has to repair: an element whose end
// tag is required but never comes (an unclosed <div> swallows the rest of
// the chapter), an end tag that closes nothing, end tags out of order. It
// follows the tags of a document's raw HTML in order, within the Markdown
// block that holds them (a <div> opened in a list item must close there:
// the list item's end closes it), and leaves alone the end tags HTML lets
// authors omit (</p>, </li>, </td>...).
type balance struct {
	scopes map[ast.Node]*[]openTag
	order  []ast.Node
}

type openTag struct {
	name       string
	line       int
	selfClosed bool // written <div/>, which HTML reads as <div>
}

func newBalance() *balance { return &balance{scopes: map[ast.Node]*[]openTag{}} }

// optionalEnd are the elements whose end tag HTML lets authors omit.
var optionalEnd = map[string]bool{"p": true, "li": true, "dt": true, "dd": true,
	"rt": true, "rp": true, "optgroup": true, "option": true, "colgroup": true,
	"caption": true, "thead": true, "tbody": true, "tfoot": true, "tr": true,
	"td": true, "th": true, "html": true, "head": true, "body": true}

// closesP are the elements whose start tag ends an open <p>.
var closesP = map[string]bool{"address": true, "article": true, "aside": true,
	"blockquote": true, "details": true, "div": true, "dl": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hgroup": true, "hr": true, "main": true, "menu": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "ul": true}

// implied are, for a start tag, the open elements it ends.
var implied = map[string][]string{
	"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
	"tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
	"thead": {"tbody", "tfoot", "tr", "td", "th"}, "tbody": {"thead", "tfoot", "tr", "td", "th"},
	"tfoot": {"thead", "tbody", "tr", "td", "th"}, "rt": {"rt", "rp"}, "rp": {"rt", "rp"},
}

func rawTokens(n ast.Node) []*rawToken {
	switch n := n.(type) {
	case *RawBlock:
		return n.toks
	case *RawInline:
		return n.toks
	}
	return nil
}

// node follows the tags of raw, which stood where the parser put orig.
func (b *balance) node(raw, orig ast.Node, st *state) {
	scope := orig.Parent()
	for scope != nil && scope.Type() == ast.TypeInline {
		scope = scope.Parent()
	}
	stack, ok := b.scopes[scope]
	if !ok {
		stack = &[]openTag{}
		b.scopes[scope] = stack
		b.order = append(b.order, scope)
	}
	for _, t := range rawTokens(raw) {
		b.token(stack, t, st)
	}
}

func (b *balance) token(stack *[]openTag, t *rawToken, st *state) {
	s := *stack
	foreign := false
	for _, o := range s {
		foreign = foreign || o.name == "svg" || o.name == "math"
	}
	switch {
	case t.typ == html.StartTagToken || t.typ == html.SelfClosingTagToken:
		if voidElements[t.name] || t.typ == html.SelfClosingTagToken && foreign {
			return
		}
		if ends := implied[t.name]; ends != nil {
			for len(s) > 0 && slices.Contains(ends, s[len(s)-1].name) {
				s = s[:len(s)-1]
			}
		}
		if closesP[t.name] && !foreign && len(s) > 0 && s[len(s)-1].name == "p" {
			s = s[:len(s)-1]
		}
		s = append(s, openTag{t.name, t.line, t.typ == html.SelfClosingTagToken})
	case t.typ == html.EndTagToken:
		i := len(s) - 1
		for i >= 0 && s[i].name != t.name {
			i--
		}
		if i < 0 {
			if !optionalEnd[t.name] || t.name == "p" {
				st.warn(t.line, fmt.Sprintf("raw HTML </%s> closes no open <%s>; the browser ignores it (or, for </p>, adds an empty paragraph): remove it or add the start tag it was meant to close", t.name, t.name))
			}
			return
		}
		for _, o := range s[i+1:] {
			if !optionalEnd[o.name] {
				st.warn(o.line, unclosed(o, fmt.Sprintf("before </%s> on line %d", t.name, t.line)))
			}
		}
		s = s[:i]
	}
	*stack = s
}

// finish reports what is still open at the end of each block.
func (b *balance) finish(st *state) {
	for _, scope := range b.order {
		where := "at the end of the Markdown block that holds it"
		if scope.Kind() == ast.KindDocument {
			where = "before the end of the document, so everything after it is inside it"
		}
		for _, o := range *b.scopes[scope] {
			if !optionalEnd[o.name] {
				st.warn(o.line, unclosed(o, where))
			}
		}
	}
}

func unclosed(o openTag, where string) string {
	if o.selfClosed {
		return fmt.Sprintf("raw HTML <%s/> is not closed by its slash: HTML reads it as <%s>, open %s; write <%s></%s>", o.name, o.name, where, o.name, o.name)
	}
	return fmt.Sprintf("raw HTML <%s> opened here is never closed %s; the browser closes it there. Add </%s> where it should end", o.name, where, o.name)
}
