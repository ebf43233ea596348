package search

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

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
	buf   []byte // a plain chunk with apostrophes
	other []byte // a word of another chunk
	norm  normalizer
}

// wordSink takes the words a scanner finds; w is valid during the call
// only. The scanner is generic over it so that each sink's calls are
// direct (sectionWords, the analyser's): a closure per word was a tenth
// of the analysis (BenchmarkSearchAnalyze1000's profile).
type wordSink interface{ word(w []byte) }

// lowerWord maps a byte to itself for a lower-case ASCII letter or a
// digit, to the lower case for an upper-case letter, to apostrophe for
// the apostrophe, to nonASCII for a byte of a multibyte character and to
// separator for any other: no byte maps to itself but those of a word.
var lowerWord = func() (t [256]byte) {
	for c := range 256 {
		switch c := byte(c); {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case c >= 'A' && c <= 'Z':
			t[c] = c + 'a' - 'A'
		case asciiWordByte(c):
			t[c] = c
		case c == '\'':
			t[c] = apostrophe
		default:
			t[c] = separator
		}
	}
	return t
}()

const (
	separator  = 0xff
	apostrophe = 0xfe
	nonASCII   = 0x01
)

// scanWords gives s each word of text, in order, lower-casing the ASCII
// letters of text in place. A plain chunk without apostrophes, most
// words, is given as it lies in text.
func scanWords[S wordSink](sc *scanner, text []byte, s S) {
	start, plain, apos := 0, true, false
	for i := 0; i < len(text); {
		// The run of ASCII letters and digits (most bytes), lower-cased,
		// eight bytes at a time (wordBytes): a byte at a time, the loop's
		// branch was missed at the end of most words, and it was half the
		// scanner's time in the 1,000-page build.
		for {
			if len(text)-i < 8 {
				for i < len(text) && lowerWord[text[i]] == text[i] {
					i++
				}
				break
			}
			x := binary.LittleEndian.Uint64(text[i:])
			run, upper := wordBytes(x)
			if upper != 0 {
				binary.LittleEndian.PutUint64(text[i:], x+upper>>2) // 'A'+0x20 is 'a'
			}
			if i += run; run < 8 {
				break
			}
		}
		if i == len(text) {
			break
		}
		c := text[i]
		switch l := lowerWord[c]; l {
		case separator:
			if !plain || apos {
				scanChunk(sc, text[start:i], plain, apos, s)
			} else if start < i {
				s.word(text[start:i])
			}
			i++
			start, plain, apos = i, true, false
			continue
		case apostrophe:
			apos = true
			i++
			continue
		case nonASCII:
		default:
			text[i] = l
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		switch {
		case r == '’':
			apos = true
		case isBreak(r):
			scanChunk(sc, text[start:i], plain, apos, s)
			start, plain, apos = i+n, true, false
		default:
			plain = false
		}
		i += n
	}
	scanChunk(sc, text[start:], plain, apos, s)
}

// wordBytes returns how many of the eight bytes of text in x (the first
// lowest) are ASCII letters and digits before any other byte, and the
// upper-case letters among them, as the top bit of their bytes.
// TestWordBytes holds it to lowerWord.
func wordBytes(x uint64) (run int, upper uint64) {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	// x + (0x80-c)·ones has a byte's top bit set where the byte is c or
	// more, for the bytes below 0x80; a byte of 0x80 or more carries into
	// the next, so that only the bytes below the first other byte count.
	lower := (x + (0x80-'a')*ones) &^ (x + (0x80-'z'-1)*ones)
	upper = (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones)
	digit := (x + (0x80-'0')*ones) &^ (x + (0x80-'9'-1)*ones)
	other := (lower|upper|digit)&^x&tops ^ tops
	// other&-other is the first other byte's bit, less one the bits below.
	return bits.TrailingZeros64(other) >> 3, upper & (other&-other - 1) & tops
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

// scanChunk gives the words of one chunk c, its ASCII letters
// lower-cased: a plain one (ASCII and ’) as it is or split at its
// apostrophes, others through Normalize and Tokens.
func scanChunk[S wordSink](sc *scanner, c []byte, plain, apos bool, s S) {
	switch {
	case len(c) == 0:
	case !plain:
		Tokens(sc.norm.normalize(string(c)), func(w string, _ bool) {
			sc.other = append(sc.other[:0], w...)
			s.word(sc.other)
		})
	case !apos:
		s.word(c) // one word
	default:
		b := sc.buf[:0]
		for i := 0; i < len(c); i++ {
			if c[i] < utf8.RuneSelf {
				b = append(b, c[i])
			} else { // ’, the only other rune of a plain chunk
				b = append(b, '\'')
				i += len("’") - 1
			}
		}
		sc.buf = b
		splitApostrophes(b, s)
	}
}

// splitApostrophes gives the words of a plain chunk with apostrophes:
// runs of letters and digits joined by an apostrophe between two of them,
// less a final 's.
func splitApostrophes[S wordSink](b []byte, s S) {
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
			s.word(w)
			start = -1
		}
	}
}
