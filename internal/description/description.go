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
	if !folded(text) {
		text = strings.Join(strings.Fields(text), " ")
	}
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

// folded reports whether text is as strings.Fields and a join with single
// spaces would leave it: no white space (unicode.IsSpace) but single
// spaces between other characters. A page's lead paragraph comes as
// plain text with its white space already folded, and folding it again
// made a slice of its words and a copy of the text for every page.
func folded(text string) bool {
	space := true // a space at the start is not folded
	for _, r := range text {
		if r < utf8.RuneSelf && r != ' ' && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			return false
		}
		if r == ' ' && space {
			return false
		}
		space = r == ' '
	}
	return !space || text == ""
}

// asciiSpace marks the ASCII white space strings.Fields splits at.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
