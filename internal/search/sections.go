package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Section is one part of a page as a search result: the page's top (Anchor
// and Heading empty) or a heading with an id and the text up to the next
// such heading.
type Section struct {
	Anchor, Heading, Text string
}

// inline elements join the text around them without a space.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true, atom.Em: true, atom.I: true,
	atom.Ins: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true,
	atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.U: true, atom.Var: true, atom.Wbr: true,
}

// skipped elements hold no text a reader searches for.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Template: true, atom.Svg: true}

// Sections cuts the HTML of a page's body at its headings that carry an id.
// Text is the plain text of the section with white space collapsed; the
// text of a heading is its Heading. The top section is dropped when it has
// no text.
func Sections(body string) []Section {
	z := html.NewTokenizer(strings.NewReader(body))
	var out []Section
	cur := Section{}
	var text, heading collapser
	inHeading, skip := atom.Atom(0), 0
	space := func(b *collapser) { b.space = true }
	finish := func() {
		cur.Text = text.String()
		if cur.Anchor != "" || cur.Text != "" {
			out = append(out, cur)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			finish()
			return out
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inHeading != 0 {
				heading.write(z.Text())
			} else {
				text.write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if tt == html.StartTagToken && inHeading == 0 && isHeading(a) && hasAttr {
				if id := attr(z, "id"); id != "" {
					finish()
					cur, inHeading = Section{Anchor: id}, a
					_ = heading.String()
					continue
				}
			}
			if tt == html.EndTagToken && a == inHeading {
				cur.Heading, inHeading = heading.String(), 0
				continue
			}
			if !inline[a] {
				if inHeading != 0 {
					space(&heading)
				} else {
					space(&text)
				}
			}
		}
	}
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func attr(z *html.Tokenizer, name string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == name {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// collapser collects text with each run of white space as one space and
// none at either end.
type collapser struct {
	b     strings.Builder
	space bool // a space is due before the next text
}

func (c *collapser) write(text []byte) {
	c.b.Grow(len(text) + 1)
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if unicode.IsSpace(r) {
			c.space = true
		} else {
			if c.space && c.b.Len() > 0 {
				c.b.WriteByte(' ')
			}
			c.space = false
			c.b.Write(text[:n])
		}
		text = text[n:]
	}
}

// String returns the text and starts afresh.
func (c *collapser) String() string {
	s := c.b.String()
	c.b, c.space = strings.Builder{}, false
	return s
}
