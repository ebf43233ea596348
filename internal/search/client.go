package search

import _ "embed"

//go:embed client/search.js
var client []byte

// ClientPath is where the build writes the client, beside the index: the
// client finds the index, and the site's root, from its own URL.
const ClientPath = Dir + "search.js"

// Client is the search client's JavaScript.
func Client() []byte { return client }
