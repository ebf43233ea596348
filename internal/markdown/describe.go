package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DescriptionLength is about how many characters a description derived
// from a page's text keeps: what search engines show of a meta description.
const DescriptionLength = 160

// Describe makes a description of text: white space runs become one space,
// and text longer than DescriptionLength characters is cut at the last word
// boundary before that, with an ellipsis. Text without spaces there (Chinese
// or Japanese, a long URL) is cut at the character limit.
func Describe(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= DescriptionLength {
		return text
	}
	end, n := 0, 0
	for i := range text {
		if n == DescriptionLength {
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
