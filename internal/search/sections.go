package search

import (
	"bytes"
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

// isInline reports whether elements a join the text around them without
// a space. (A switch: as a map, it and rawText were a twentieth of the
// cutter's time.)
func isInline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Del,
		atom.Dfn, atom.Em, atom.I, atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp,
		atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Wbr:
		return true
	}
	return false
}

// skipped elements hold no text a reader searches for.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Template: true, atom.Svg: true}

// Sections cuts the HTML of a page's body at its headings that carry an id.
// Text is the plain text of the section, its white space as written but
// for a space between blocks (Analyze collapses the start it keeps for the
// excerpt; collapsing all of it was a third of the time of Sections); the
// text of a heading, white space collapsed, is its Heading. The top
// section is dropped when it has no text.
func Sections(body string) []Section {
	z := html.NewTokenizer(strings.NewReader(body))
	st := sectioner{text: collapser{raw: true}}
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			st.finish()
			return st.out
		case html.TextToken:
			if st.skip > 0 {
				continue
			}
			// The raw text unless it holds a reference to decode: Text
			// copies it first (a tenth of the time of Sections).
			t := z.Raw()
			if bytes.IndexByte(t, '&') >= 0 || bytes.IndexByte(t, 0) >= 0 {
				t = z.Text()
			}
			collapse(st.into(), t)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			st.tag(z, tt)
		}
	}
}

// sectioner is the state of Sections: the sections so far, the current
// one and its texts, the heading it is in and the depth of skipped
// elements.
type sectioner struct {
	out           []Section
	cur           Section
	text, heading collapser
	inHeading     atom.Atom
	skip          int
}

// into is where text goes: the heading's or the section's.
func (st *sectioner) into() *collapser {
	if st.inHeading != 0 {
		return &st.heading
	}
	return &st.text
}

// finish ends the current section, dropping a top section without text.
func (st *sectioner) finish() {
	st.cur.Text = st.text.String()
	if st.cur.Anchor != "" || strings.TrimSpace(st.cur.Text) != "" {
		st.out = append(st.out, st.cur)
	}
}

// tag takes a start, end or self-closing tag.
func (st *sectioner) tag(z *html.Tokenizer, tt html.TokenType) {
	a := tagAtom(z.Raw())
	switch {
	case skipped[a]:
		if tt == html.StartTagToken {
			st.skip++
		} else if tt == html.EndTagToken && st.skip > 0 {
			st.skip--
		}
		return
	case tt == html.StartTagToken && st.inHeading == 0 && isHeading(a):
		if id := attr(z, "id"); id != "" {
			st.finish()
			st.cur, st.inHeading = Section{Anchor: id}, a
			_ = st.heading.String()
			return
		}
	case tt == html.EndTagToken && a == st.inHeading:
		st.cur.Heading, st.inHeading = st.heading.String(), 0
		return
	}
	if !isInline(a) {
		st.into().space = true
	}
}

// tagAtom is the name of the tag whose source is raw ("<p class=x>",
// "</em>"): TagName copies the name of every tag, which was a third of the
// allocations of Sections.
func tagAtom(raw []byte) atom.Atom {
	raw = bytes.TrimPrefix(bytes.TrimPrefix(raw, []byte("<")), []byte("/"))
	var buf [16]byte
	n := 0
	for _, c := range raw {
		if c == ' ' || c == '/' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			break
		}
		if n == len(buf) {
			return 0 // longer than any name it matters to know
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return atom.Lookup(buf[:n])
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
// none at either end. Its buffer serves every section of a page: String
// copies the text out once, where a strings.Builder per section grew (and
// copied) several times, a third of the time of Sections.
type collapser struct {
	b     []byte
	space bool // a space is due before the next text
	// raw keeps the white space of the text as it is, adding only the
	// spaces that are due.
	raw bool
	// from is where the text of the current section starts in b (the
	// cutter keeps a page's sections one after another).
	from int
}

// collapse writes text to c.
func collapse[T ~string | ~[]byte](c *collapser, text T) {
	if c.raw {
		if c.space && len(c.b) > c.from {
			c.b = append(c.b, ' ')
		}
		c.space = false
		c.b = append(c.b, text...)
		return
	}
	for len(text) > 0 {
		r, n := rune(text[0]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(string(text[:min(len(text), utf8.UTFMax)]))
		}
		if asciiSpace(r) || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			c.space = true
			text = text[n:]
			continue
		}
		if c.space && len(c.b) > c.from {
			c.b = append(c.b, ' ')
		}
		c.space = false
		// The run of ASCII letters that follows goes in at once.
		for n < len(text) && text[n] < utf8.RuneSelf && !asciiSpace(rune(text[n])) {
			n++
		}
		c.b = append(c.b, text[:n]...)
		text = text[n:]
	}
}

func asciiSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
}

// String returns the text and starts afresh.
func (c *collapser) String() string {
	s := string(c.b)
	c.b, c.space = c.b[:0], false
	return s
}
