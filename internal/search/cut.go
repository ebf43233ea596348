package search

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cutter cuts a page's HTML into sections as Sections does, in one pass
// over the string and into buffers reused from page to page, for the HTML
// folio renders: tags with quoted attributes, comments, the entities of
// the typographer and of escaping. Anything else (a raw-text element such
// as script or style, a bare "<", an unquoted attribute, an unknown
// entity) makes cut report false, and AnalyzeHTML uses Sections, whose
// HTML5 tokenizer handles it all. FuzzCutter holds the two to the same
// sections.
//
// Measured on the 1,000-page corpus, the tokenizer was a third of the
// index's CPU, and copying each section's text a tenth of its
// allocations.
type cutter struct {
	text    collapser // the texts of the page's sections, one after another
	heading collapser
	names   []byte // the anchors and headings of the sections
	spans   []span
}

// span is a section whose text is text.b[start:end], its anchor
// names[anchor:heading] and its heading names[heading:headingEnd].
type span struct {
	anchor, heading, headingEnd int
	start, end                  int
}

// cut reports whether it cut body into c.spans.
func (c *cutter) cut(body string) bool {
	c.text = collapser{b: c.text.b[:0], raw: true}
	c.heading = collapser{b: c.heading.b[:0]}
	c.names, c.spans = c.names[:0], c.spans[:0]
	cur, inHeading := span{}, atom.Atom(0)
	for i := 0; i < len(body); {
		n := strings.IndexByte(body[i:], '<')
		if n < 0 {
			n = len(body) - i
		}
		if n > 0 && !c.write(body[i:i+n], inHeading != 0) {
			return false
		}
		if i += n; i == len(body) {
			break
		}
		t, ok := readTag(body[i:])
		if !ok {
			return false
		}
		i += t.n
		switch {
		case t.comment:
		case !t.end && !t.selfClosing && inHeading == 0 && isHeading(t.a) && t.id != "":
			c.finish(cur)
			cur, inHeading = span{anchor: len(c.names)}, t.a
			c.names = append(c.names, t.id...)
			cur.heading, cur.headingEnd = len(c.names), len(c.names)
			c.heading.b, c.heading.space = c.heading.b[:0], false
		case t.end && t.a == inHeading:
			c.names, inHeading = append(c.names, c.heading.b...), 0
			cur.headingEnd = len(c.names)
			c.heading.b, c.heading.space = c.heading.b[:0], false
		case !t.inline && inHeading != 0:
			c.heading.space = true
		case !t.inline:
			c.text.space = true
		}
	}
	c.finish(cur)
	return true
}

// finish ends the section s at the end of the text so far.
func (c *cutter) finish(s span) {
	s.start, s.end = c.text.from, len(c.text.b)
	c.text.from, c.text.space = s.end, false
	if s.heading > s.anchor || len(bytes.TrimSpace(c.text.b[s.start:s.end])) > 0 {
		c.spans = append(c.spans, s)
	}
}

// write adds a run of text, its references decoded, to the section's
// text or its heading. It reports false for text that Sections would read
// otherwise: a NUL, or a reference not in known.
func (c *cutter) write(t string, inHeading bool) bool {
	to := &c.text
	if inHeading {
		to = &c.heading
	}
	if strings.IndexByte(t, 0) >= 0 {
		return false
	}
	for {
		amp := strings.IndexByte(t, '&')
		if amp < 0 {
			collapse(to, t)
			return true
		}
		semi := strings.IndexByte(t[amp:], ';')
		if semi < 0 || semi > maxKnown {
			return false
		}
		r, ok := known[t[amp:amp+semi+1]]
		if !ok || strings.IndexByte(t, '\r') >= 0 {
			return false
		}
		collapse(to, t[:amp])
		collapse(to, r)
		t = t[amp+semi+1:]
	}
}

// known are the character references of folio's HTML (goldmark's
// escaping, the typographer's quotes and dashes), decoded as the HTML5
// tokenizer decodes them.
var known = map[string]string{}

// maxKnown is the length of the longest reference in known but its "&".
var maxKnown int

func init() {
	for _, ref := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#34;", "&apos;", "&nbsp;", "&#160;",
		"&rsquo;", "&lsquo;", "&rdquo;", "&ldquo;", "&mdash;", "&ndash;", "&hellip;", "&laquo;", "&raquo;",
		"&#8217;", "&#8216;", "&#8220;", "&#8221;", "&#8212;", "&#8211;", "&#8230;", "&#x21a9;", "&#xfe0e;"} {
		known[ref] = html.UnescapeString(ref)
		maxKnown = max(maxKnown, len(ref)-1)
	}
}

// tag is what cut needs of a tag: its name, its kind, the first id
// attribute of a start tag, and its length.
type tag struct {
	a                         atom.Atom
	end, selfClosing, comment bool
	inline                    bool
	id                        string
	n                         int
}

// readTag reads the tag that s starts with ("<"), reporting false for
// anything but a start or end tag of a plain name with quoted attributes
// or a comment the tokenizer reads the same way.
func readTag(s string) (tag, bool) {
	var t tag
	if strings.HasPrefix(s, "<!--") {
		end := strings.Index(s[4:], "-->")
		if end < 0 || strings.HasPrefix(s[4:], ">") || strings.HasPrefix(s[4:], "->") ||
			strings.Contains(s[4:4+end], "--!>") {
			return t, false
		}
		t.comment, t.n = true, 4+end+3
		return t, true
	}
	i := 1
	if i < len(s) && s[i] == '/' {
		t.end, i = true, i+1
	}
	start, upper := i, false
	for i < len(s) && (asciiWordByte(s[i])) {
		upper = upper || s[i] <= 'Z' && s[i] >= 'A'
		i++
	}
	if i == start || !asciiLetter(s[start]) || i == len(s) {
		return t, false
	}
	if upper || i-start > 16 {
		t.a = tagAtom([]byte(s[start:i]))
	} else { // folio's tags: the name as it is, without tagAtom's copy
		t.a = atom.Lookup([]byte(s[start:i]))
	}
	if t.a == 0 || isRawText(t.a) {
		return t, false
	}
	t.inline = isInline(t.a)
	return readAttrs(s, i, t)
}

// readAttrs reads the attributes of a tag from s[i:] to its end.
func readAttrs(s string, i int, t tag) (tag, bool) {
	hasID := false
	for {
		ws := i
		for i < len(s) && tagSpace(s[i]) {
			i++
		}
		switch {
		case i == len(s):
			return t, false
		case s[i] == '>':
			t.n = i + 1
			return t, true
		case s[i] == '/' && i+1 < len(s) && s[i+1] == '>':
			t.selfClosing, t.n = true, i+2
			return t, true
		case i == ws || t.end:
			return t, false
		}
		k := i
		for i < len(s) && attrNameByte(s[i]) {
			i++
		}
		if i == k {
			return t, false
		}
		key, val := s[k:i], ""
		if i < len(s) && s[i] == '=' {
			i++
			if i == len(s) || s[i] != '"' && s[i] != '\'' {
				return t, false
			}
			end := strings.IndexByte(s[i+1:], s[i])
			if end < 0 {
				return t, false
			}
			val, i = s[i+1:i+1+end], i+end+2
		}
		if !hasID && strings.EqualFold(key, "id") {
			if strings.IndexByte(val, '&') >= 0 || strings.IndexByte(val, 0) >= 0 {
				return t, false // the tokenizer decodes references and replaces NUL
			}
			t.id, hasID = val, true
		}
	}
}

// isRawText reports whether a is an element whose content the tokenizer
// reads as raw text, or one that Sections skips.
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Plaintext, atom.Template, atom.Svg, atom.Math:
		return true
	}
	return false
}

func asciiLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func tagSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r' }

func attrNameByte(c byte) bool {
	return asciiWordByte(c) || c == '-' || c == '_' || c == ':' || c == '.'
}
