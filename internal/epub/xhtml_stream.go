package epub

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML a chapter holds is mostly what folio's Markdown renderer wrote:
// every element closed where it was opened, in the order it was opened,
// from a small vocabulary. For such markup the HTML5 parser builds the tree
// the tokens spell, so stream converts from the tokens as they come, with
// no tree in between: the parse was half of a chapter's conversion, and
// most of its allocations. Markup the parser could build differently (an
// element it closes by itself, moves or renames, a stray end tag, text it
// moves out of a table, foreign content) makes stream give up, and the
// chapter is parsed after all. FuzzStreamIsParse holds the two to the same
// output.

// streamed are the elements stream converts, each to what openHTML makes
// of it with no further context, and phrasing those among them that may sit
// in a paragraph (any other start closes an open p).
var streamed, phrasing = atomSet(
	atom.P, atom.Div, atom.Blockquote, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
	atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Hr, atom.Pre, atom.Figure,
	atom.Figcaption, atom.Section, atom.Article, atom.Aside, atom.Nav, atom.Header, atom.Footer,
	atom.Main, atom.Details, atom.Summary, atom.Address, atom.Table, atom.Caption, atom.Thead,
	atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th,
), atomSet(
	atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Br, atom.Cite, atom.Code, atom.Del,
	atom.Dfn, atom.Em, atom.I, atom.Img, atom.Input, atom.Ins, atom.Kbd, atom.Mark, atom.Q,
	atom.S, atom.Samp, atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time,
	atom.U, atom.Var, atom.Wbr,
)

// parents are the elements a table's parts, list items and definition
// terms must be directly inside to stream; tableParts the elements whose
// only content is such parts (and white space).
var parents = map[atom.Atom]atom.Atom{
	atom.Caption: atom.Table, atom.Thead: atom.Table, atom.Tbody: atom.Table, atom.Tfoot: atom.Table,
	atom.Td: atom.Tr, atom.Th: atom.Tr, atom.Dt: atom.Dl, atom.Dd: atom.Dl,
}

var tableParts = atomSet(atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr)

// formatting are the formatting elements among those streamed (HTML's
// list of them).
var formatting = atomSet(atom.A, atom.B, atom.Code, atom.Em, atom.I, atom.S, atom.Small, atom.Strong, atom.U)

func atomSet(as ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// open is an element stream is inside.
type open struct {
	atom atom.Atom
	how  opening
	name string
}

// stream converts src from its tokens, reporting false, having written
// part of it, when the markup is not what it can stream.
func (c *converter) stream(src []byte) bool {
	if bytes.IndexByte(src, 0) >= 0 {
		return false // the parser drops NUL characters the tokenizer keeps
	}
	z := html.NewTokenizerFragment(bytes.NewReader(src), "body")
	var stack []open
	n := &html.Node{Type: html.ElementNode}
	paragraphs, links, afterPre := 0, 0, false
	for {
		tt, pre := z.Next(), afterPre
		afterPre = false
		switch tt {
		case html.ErrorToken:
			return z.Err() == io.EOF && len(stack) == 0
		case html.TextToken:
			text := z.Text() // once: the tokenizer gives it once
			if pre && len(text) > 0 && text[0] == '\n' {
				return false // the parser drops a line feed that starts a pre
			}
			if len(stack) > 0 && tableParts[stack[len(stack)-1].atom] && len(bytes.Trim(text, " \t\n\f\r")) > 0 {
				return false // text the parser moves out of the table
			}
			c.w.text(unsafe.String(unsafe.SliceData(text), len(text)))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			a := atom.Lookup(name)
			if !streamable(a, stack, paragraphs, links) {
				return false
			}
			n.Data, n.DataAtom, n.Attr = a.String(), a, n.Attr[:0]
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				n.Attr = append(n.Attr, html.Attribute{Key: atom.String(k), Val: string(v)})
			}
			if formatting[a] {
				// The parser sorts a formatting element's attributes (to
				// compare it with those open, x/net/html v0.62).
				slices.SortFunc(n.Attr, func(x, y html.Attribute) int {
					return cmp.Or(cmp.Compare(x.Key, y.Key), cmp.Compare(x.Val, y.Val))
				})
			}
			how, name2 := c.openHTML(n, "")
			if voidElements[n.Data] {
				continue
			}
			stack = append(stack, open{a, how, name2})
			paragraphs += count(a == atom.P)
			links += count(a == atom.A)
			afterPre = a == atom.Pre
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1].atom != atom.Lookup(name) {
				return false // an end tag the parser would match otherwise
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			paragraphs -= count(top.atom == atom.P)
			links -= count(top.atom == atom.A)
			if top.how == opened {
				c.closeHTML(top.name)
			}
		}
		// Comments and doctypes are dropped, as node drops them.
	}
}

// streamable reports whether the start of element a, inside stack, is
// one the parser takes as it comes: an element stream knows, that closes
// no paragraph and no heading, nests no link in a link, and sits where a
// table's parts and list items belong.
func streamable(a atom.Atom, stack []open, paragraphs, links int) bool {
	parent := atom.Atom(0)
	if len(stack) > 0 {
		parent = stack[len(stack)-1].atom
	}
	switch {
	case !streamed[a] && !phrasing[a], len(stack) > 256:
		return false
	case paragraphs > 0 && !phrasing[a], a == atom.A && links > 0:
		return false
	case isHeading(a) && isHeading(parent):
		return false
	case a == atom.Li:
		return parent == atom.Ul || parent == atom.Ol
	case a == atom.Tr:
		return parent == atom.Tbody || parent == atom.Thead || parent == atom.Tfoot
	}
	if want, ok := parents[a]; ok {
		return parent == want
	}
	return !tableParts[parent]
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
