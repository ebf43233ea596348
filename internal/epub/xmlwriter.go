package epub

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// xmlWriter is the single place where markup is escaped, shared by the
// chapter serializer and the package and navigation documents. It emits only
// numeric character references, so nothing it writes depends on an entity
// declaration.
type xmlWriter struct {
	buf bytes.Buffer
}

// attr is one attribute in the order it is written.
type attr struct {
	Name, Value string
}

// start writes a start tag, or an empty-element tag when empty is true.
func (w *xmlWriter) start(name string, attrs []attr, empty bool) {
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
	for _, a := range attrs {
		w.buf.WriteByte(' ')
		w.buf.WriteString(a.Name)
		w.buf.WriteString(`="`)
		w.escape(a.Value, true)
		w.buf.WriteByte('"')
	}
	if empty {
		w.buf.WriteString("/>")
		return
	}
	w.buf.WriteByte('>')
}

// end writes an end tag.
func (w *xmlWriter) end(name string) {
	w.buf.WriteString("</")
	w.buf.WriteString(name)
	w.buf.WriteByte('>')
}

// text writes escaped character data.
func (w *xmlWriter) text(s string) { w.escape(s, false) }

// element writes <name attrs>text</name>.
func (w *xmlWriter) element(name string, attrs []attr, text string) {
	w.start(name, attrs, false)
	w.text(text)
	w.end(name)
}

// raw writes markup that the caller built from constants.
func (w *xmlWriter) raw(s string) { w.buf.WriteString(s) }

// escape writes s as character data or an attribute value. Characters that
// XML 1.0 forbids are dropped, because a single one makes the document
// unreadable to a strict reader; the no-break space is written as &#160; so
// it stays visible to someone reading the source.
func (w *xmlWriter) escape(s string, inAttr bool) {
	last := 0 // s[last:i] needs no escaping and is copied in one piece
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && (c != '"' || !inAttr) {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
			// A byte that is not UTF-8 decodes as U+FFFD, which is written
			// in its place by escapeRune.
			if r != '\u00a0' && !(r == utf8.RuneError && width == 1) && xmlChar(r) {
				i += width
				continue
			}
		} else if !inAttr && (c == '\n' || c == '\t') {
			i++
			continue
		}
		w.buf.WriteString(s[last:i])
		w.escapeRune(r, inAttr)
		i += width
		last = i
	}
	w.buf.WriteString(s[last:])
}

// escapeRune writes one character that escape does not copy as it is.
func (w *xmlWriter) escapeRune(r rune, inAttr bool) {
	switch {
	case r == '&' || r == '<' || r == '>' || r == '"' && inAttr:
		// Numeric, not &amp; and its kin: epubcheck's usage report
		// (HTM-006) lists every named reference, even XML's own five.
		w.numeric(r)
	case inAttr && (r == '\n' || r == '\r' || r == '\t'):
		// Attribute value normalization would turn these into spaces.
		w.numeric(r)
	case r == '\r':
		w.buf.WriteString("&#13;")
	case r == '\u00a0':
		w.numeric(r)
	case !xmlChar(r):
		// dropped: not allowed anywhere in an XML 1.0 document
	default:
		w.buf.WriteRune(r)
	}
}

func (w *xmlWriter) numeric(r rune) {
	w.buf.WriteString("&#")
	w.buf.WriteString(strconv.Itoa(int(r)))
	w.buf.WriteByte(';')
}

// xmlChar reports whether r is a Char in the XML 1.0 grammar.
func xmlChar(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
