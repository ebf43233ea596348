// Package description owns the description folio derives from a page's
// text where its front matter gives none (a meta description, a feed
// entry's summary, a card's text): white space made single spaces, cut at
// a word boundary near what search engines show. Package markdown cuts a
// page's lead paragraph with it, package converted a front matter
// summary. It imports no folio package.
package description

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length is about how many characters a description derived from a
// page's text keeps: what search engines show of a meta description.
const Length = 160

// Of makes a description of text: white space runs become one space,
// and text longer than Length characters is cut at the last word
// boundary before that, with an ellipsis. Text without spaces there (Chinese
// or Japanese, a long URL) is cut at the character limit.
func Of(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= Length {
		return text
	}
	end, n := 0, 0
	for i := range text {
		if n == Length {
			end = i
			break
		}
		n++
	}
	cut := text[:end]
	// A word boundary in the last half: there, unless the next character
	// starts a word of its own (the limit fell between two words).
	if next, _ := utf8.DecodeRuneInString(text[end:]); next != ' ' {
		if sp := strings.LastIndexByte(cut, ' '); sp >= len(cut)/2 {
			cut = cut[:sp]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '\u201d'
	})
	return cut + "…"
}
