package search

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// stemmers are the Snowball stemmers of kljensen/snowball, by the primary
// subtag of a language tag (folio.yaml's language:).
var stemmers = map[string]func(string, bool) string{
	"en": english.Stem,
	"fr": french.Stem,
	"es": spanish.Stem,
	"ru": russian.Stem,
	"sv": swedish.Stem,
	"no": norwegian.Stem, "nb": norwegian.Stem, "nn": norwegian.Stem,
	"hu": hungarian.Stem,
}

// Stemmer returns the stemmer of a language tag ("en", "en-GB", "fr"), and
// for a language without one a function that leaves words as they are
// (words are still normalised and split; only inflections do not meet).
// A stemmed word keeps to the normalised alphabet: CJK pairs, numbers and
// words with digits are not stemmed.
func Stemmer(lang string) func(string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	stem := stemmers[primary]
	if stem == nil {
		return func(w string) string { return w }
	}
	return func(w string) string {
		for _, r := range w {
			if !isWordRune(r) || isCJK(r) || r >= '0' && r <= '9' {
				return w
			}
		}
		return stem(w, true)
	}
}

// HasStemmer reports whether words of lang are stemmed.
func HasStemmer(lang string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return stemmers[primary] != nil
}
