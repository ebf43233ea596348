package search

import "unicode/utf8"

// scanner finds the words of text as Tokens(Normalize(text)) does, without
// normalising the text as a whole: the text is cut into chunks at
// characters that are no part of a word before or after normalising
// (ASCII punctuation and spaces, the no-break space, dashes, quotation
// marks, the ellipsis, the middle dot, arrows of links and footnotes); a chunk of ASCII letters, digits and apostrophes
// (’ too) is lower-cased in a reused buffer, any other chunk goes through
// Normalize and Tokens. FuzzScanner holds it to Tokens(Normalize(text)).
//
// Measured on the 1,000-page corpus, normalising whole sections (most hold
// a typographic apostrophe or dash, which sends them down the slow path)
// and a string per word were a tenth of the build's CPU.
type scanner struct {
	buf []byte
}

// words calls fn with each word of text, in order; w is valid during the
// call only.
func (sc *scanner) words(text string, fn func(w []byte)) {
	start, plain := 0, true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if !asciiWordByte(c) && c != '\'' {
				sc.chunk(text[start:i-1], plain, fn)
				start, plain = i, true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '’':
		case isBreak(r):
			sc.chunk(text[start:i], plain, fn)
			start, plain = i+n, true
		default:
			plain = false
		}
		i += n
	}
	sc.chunk(text[start:], plain, fn)
}

// isBreak reports whether r separates words before and after Normalize
// (which turns … into dots and the no-break space into a space) and
// composes with no mark that could follow it.
func isBreak(r rune) bool {
	switch r {
	case '\u00a0', '–', '—', '‘', '“', '”', '…', '·', '→', '←', '↩':
		return true
	}
	return false
}

func asciiWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// chunk gives the words of one chunk: a plain one (ASCII and ’) here,
// others through Normalize and Tokens.
func (sc *scanner) chunk(c string, plain bool, fn func(w []byte)) {
	if c == "" {
		return
	}
	if !plain {
		Tokens(Normalize(c), func(w string, _ bool) {
			sc.buf = append(sc.buf[:0], w...)
			fn(sc.buf)
		})
		return
	}
	b := sc.buf[:0]
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch >= 'A' && ch <= 'Z':
			b = append(b, ch+'a'-'A')
		case ch < utf8.RuneSelf:
			b = append(b, ch)
		default: // ’, the only other rune of a plain chunk
			b = append(b, '\'')
			i += len("’") - 1
		}
	}
	sc.buf = b
	// Words are runs of letters and digits joined by an apostrophe between
	// two of them, less a final 's.
	start := -1
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if i < len(b) && start >= 0 && i+1 < len(b) && b[i+1] != '\'' {
			continue // an apostrophe inside a word
		}
		if start >= 0 {
			w := b[start:i]
			if n := len(w); n >= 2 && w[n-2] == '\'' && w[n-1] == 's' {
				w = w[:n-2]
			}
			fn(w)
			start = -1
		}
	}
}
