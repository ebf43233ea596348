// Package xmltext is folio's one XML escaper, for the Atom feeds and the
// EPUB's documents alike. It writes only the five XML escapes and numeric
// character references, so nothing it writes depends on an entity
// declaration, and it owns the one rule for what XML 1.0 cannot carry:
// a character outside the Char production (a control character other than
// tab, line feed and carriage return; U+FFFE, U+FFFF) and a byte that is
// not UTF-8 are each written as U+FFFD, the replacement character, as
// encoding/xml writes them. A reader then sees where something was,
// where dropping it would lose it without a trace, and one such
// character no longer makes a whole feed or book unreadable to a strict
// reader.
//
// The no-break space is written as a reference, so that it stays visible
// to someone reading the source, and so is a carriage return, which a
// parser would turn into a line feed. How line feeds and tabs are written
// depends on the Mode. The package imports no other folio package.
package xmltext

import (
	"strconv"
	"unicode/utf8"
)

// Replacement stands for what XML cannot carry.
const Replacement = '\uFFFD'

// Char reports whether XML 1.0 allows r in a document (its Char
// production).
func Char(r rune) bool {
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

// Mode says where escaped text goes.
type Mode int

const (
	// Text is character data: line feeds and tabs are written as they are.
	Text Mode = iota
	// Attr is an attribute value between double quotes: the quote, and the
	// line feeds, tabs and carriage returns that attribute normalization
	// would turn into spaces, are references.
	Attr
	// Preformatted is character data whose line feeds and tabs are
	// references too, and so is every space that follows a space, so that
	// a minifier, which collapses runs of white space in XML text, leaves
	// them alone: the HTML of a feed entry, whose <pre> blocks (indented
	// code) need them.
	Preformatted
	// Numeric, added to a Mode (Text|Numeric), writes &, <, > and " as
	// numeric references (&#38;) rather than by name (&amp;): epubcheck's
	// usage report lists every named reference in a book (HTM-006), even
	// XML's own five.
	Numeric Mode = 1 << 4
)

// Escape is s escaped in mode m.
func Escape(s string, m Mode) string {
	return string(Append(make([]byte, 0, len(s)+len(s)/8), s, m))
}

// Append appends s to dst escaped in mode m. Runs of bytes that need
// nothing are copied in one piece, found by a table (plain).
func Append(dst []byte, s string, m Mode) []byte {
	numeric := m&Numeric != 0
	m &^= Numeric
	attr := m == Attr
	table := &plain[m]
	last := 0 // s[last:i] needs no escaping
	for i := 0; i < len(s); {
		c := s[i]
		if table[c] || c == ' ' && (i == 0 || s[i-1] != ' ') {
			i++
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && width == 1 {
				r = -1 // not UTF-8: replaced below, as a forbidden character is
			} else if r != '\u00a0' && Char(r) {
				i += width
				continue
			}
		}
		dst = append(dst, s[last:i]...)
		dst = appendRune(dst, r, attr, numeric)
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// plain says, by mode, which bytes Append copies as they are: printable
// ASCII but for the markup characters (and the quote, in an attribute),
// line feed and tab in text. A space in preformatted text is plain unless
// a space comes before it (Append checks that); a byte of a multibyte
// character needs decoding first.
var plain = func() (t [Preformatted + 1][256]bool) {
	for m := range t {
		for c := 0x20; c < utf8.RuneSelf; c++ {
			t[m][c] = c != '&' && c != '<' && c != '>' && (c != '"' || Mode(m) != Attr) && (c != ' ' || Mode(m) != Preformatted)
		}
	}
	t[Text]['\n'], t[Text]['\t'] = true, true
	return t
}()

// appendRune appends one character that Append does not copy as it is.
func appendRune(dst []byte, r rune, attr, numeric bool) []byte {
	switch {
	case numeric && (r == '&' || r == '<' || r == '>' || r == '"' && attr):
		dst = append(dst, "&#"...)
		dst = strconv.AppendInt(dst, int64(r), 10)
		return append(dst, ';')
	case r == '&':
		return append(dst, "&amp;"...)
	case r == '<':
		return append(dst, "&lt;"...)
	case r == '>':
		return append(dst, "&gt;"...)
	case r == '"' && attr:
		return append(dst, "&quot;"...)
	case r == '\n' || r == '\r' || r == '\t' || r == '\u00a0' || r == ' ':
		// In an attribute, normalization would turn the first three into
		// spaces; in text, a parser turns a carriage return into a line
		// feed. A space comes here only in a run of them in preformatted
		// text.
		dst = append(dst, "&#"...)
		dst = strconv.AppendInt(dst, int64(r), 10)
		return append(dst, ';')
	case r < 0 || !Char(r):
		return utf8.AppendRune(dst, Replacement)
	}
	return utf8.AppendRune(dst, r)
}
