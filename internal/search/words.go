package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// latinDiacritics are the combining marks that Normalize removes once a
// letter has been decomposed: accents of Latin, Greek and Cyrillic letters
// (é → e). Marks of other scripts (Devanagari vowel signs) are part of
// their letters and stay. Variation selectors (U+FE00–U+FE0F: "↩︎" of a
// footnote's back link asks for the text form of the arrow) go too: they
// are no part of a word.
var latinDiacritics = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 0x0300, Hi: 0x036f, Stride: 1}, {Lo: 0xfe00, Hi: 0xfe0f, Stride: 1}}}

// Normalize prepares text for indexing and querying: lower case, then
// compatibility decomposition (ﬁ → fi, full-width → ASCII), Latin diacritics
// and variation selectors removed, composed again. The client does the same
// in JavaScript (toLowerCase, normalize("NFKD"), removing U+0300–U+036F and
// U+FE00–U+FE0F, normalize("NFC")); full case folding is avoided because
// JavaScript has none (ß stays ß in both). Final sigma becomes σ and the typographic
// apostrophe a plain one, as in the client.
func Normalize(s string) string {
	var n normalizer
	return n.normalize(s)
}

// normalizer is Normalize with its transformer kept from one call to the
// next: transform.Chain allocates kilobytes of buffers, which were the
// index's largest allocation in the 1,000-page build.
type normalizer struct {
	t transform.Transformer
}

func (n *normalizer) normalize(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	s = strings.ToLower(s)
	if n.t == nil {
		n.t = transform.Chain(norm.NFKD, runes.Remove(runes.In(latinDiacritics)), norm.NFC)
	}
	n.t.Reset()
	out, _, err := transform.String(n.t, s)
	if err != nil {
		out = s
	}
	return finalForms.Replace(out)
}

// finalForms are the replacements Normalize makes last.
var finalForms = strings.NewReplacer("ς", "σ", "’", "'")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isCJK reports whether r is written without spaces between words: such
// runs are indexed as overlapping pairs of characters.
func isCJK(r rune) bool {
	return r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
}

// Tokens calls fn with each word of normalised text s, in order: runs of
// letters, digits and marks, joined by an apostrophe between two of them
// ("don't"), less a final possessive 's ("author's" → "author"). A run of
// CJK characters gives each pair of neighbours ("日本語" → "日本", "本語"),
// or its one character alone; cjk is then true.
func Tokens(s string, fn func(word string, cjk bool)) {
	start, cjkStart := -1, -1
	flushWord := func(end int) {
		if start >= 0 {
			w := s[start:end]
			w = strings.TrimSuffix(w, "'s")
			fn(w, false)
			start = -1
		}
	}
	flushCJK := func(end int) {
		if cjkStart < 0 {
			return
		}
		run := s[cjkStart:end]
		cjkStart = -1
		if _, n := utf8.DecodeRuneInString(run); n == len(run) {
			fn(run, true)
			return
		}
		for i := 0; i < len(run); {
			_, a := utf8.DecodeRuneInString(run[i:])
			if i+a >= len(run) {
				break
			}
			_, b := utf8.DecodeRuneInString(run[i+a:])
			fn(run[i:i+a+b], true)
			i += a
		}
	}
	for i, r := range s {
		switch {
		case isCJK(r):
			flushWord(i)
			if cjkStart < 0 {
				cjkStart = i
			}
		case isWordRune(r):
			flushCJK(i)
			if start < 0 {
				start = i
			}
		case r == '\'' && start >= 0 && i+1 < len(s):
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isWordRune(next) || isCJK(next) {
				flushWord(i)
			}
		default:
			flushWord(i)
			flushCJK(i)
		}
	}
	flushWord(len(s))
	flushCJK(len(s))
}
