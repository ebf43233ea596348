package search

import (
	"bytes"
	_ "embed"
)

//go:embed client/search.js
var client []byte

// ClientPath is where the build writes the client, beside the index: the
// client finds the index, and the site's root, from its own URL.
const ClientPath = Dir + "search.js"

// ClientWords are the keys of the words the client shows (internal/i18n's
// words files): the listbox's name, the result counts, no results, an
// index that cannot be read.
var ClientWords = []string{"search_results", "search_unavailable", "search_all", "search_none",
	"search_count", "search_count_for", "search_no_results"}

// Client is the search client's JavaScript with its words, a JSON object
// of ClientWords in the site's language (i18n's Words.JSON).
func Client(words string) []byte {
	body, ok := bytes.CutSuffix(client, []byte("({});\n"))
	if !ok {
		panic("search: client/search.js does not end in the call that takes the words")
	}
	out := make([]byte, 0, len(client)+len(words))
	out = append(append(append(append(out, body...), '('), words...), ");\n"...)
	return out
}
