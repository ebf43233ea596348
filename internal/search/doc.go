// Package search owns folio's site search: the index the build writes and
// the small client that reads it in the browser.
//
// # Index
//
// The build hands every searchable page's rendered body to AnalyzeHTML,
// which cuts it at headings that carry an id into sections (the page's
// top, then one per heading) and turns them into terms: numbers of the
// words a Dict interns, with their weights. It reads folio's own HTML in
// one pass (cutter) and any other through Sections, which uses the HTML5
// tokenizer; Analyze does the same from sections already cut. A page's
// analysis is one string (anchors, headings, excerpts) and one slice of
// terms, however many sections it has. Write assembles the index of the
// whole site from the analysed pages, keeping each stem's postings packed
// as the shards write them, and compresses the metadata blocks while it
// gathers the postings. A search
// result is a section: it opens the page at its heading.
//
// Words are normalised the same way here and in the client (Normalize:
// lower case, compatibility decomposition, Latin diacritics removed), split
// into words of letters and digits (Tokens; runs of Han, Hiragana, Katakana
// and Hangul become overlapping character pairs), and stemmed with the
// Snowball stemmer of the site's language where there is one (Stemmer).
// Stemming happens here only: the index maps each surface word to the
// postings of its stem, so the client never stems and a word the author
// wrote finds its inflections.
//
// Files, all under search/ in the output and all gzip-compressed JSON:
//
//	manifest.bin    fixed name: the first word of each shard with the
//	                shard's fingerprint, the fingerprint of the metadata
//	                blocks (of what they say: known before they are made,
//	                MetaSum), the number of sections
//	s.<hash>.bin    a shard: a run of the sorted surface words, each with
//	                the index of its postings list in the shard (lists
//	                shared by words of one stem), or -1 for a word too
//	                common to list (in more than half of the sections)
//	m.<hash>.<n>.bin metadata of BlockSize sections: their pages once each
//	                (URL, title, label: the book or blog), and per section
//	                its page in the block, anchor, heading and the start of
//	                its text for the excerpt
//
// A posting is a section number (delta-coded) and a weight: the word's
// count in the section (capped) plus flags for a heading word and a title
// word, so that titles and headings rank above text. A list is one number
// per section of weight 1 (twice the delta, plus one) and two for others
// (twice the delta, then the weight), written as a string: five bits a
// character of the URL-safe Base64 alphabet, 32 added to a character
// that more follow. A one-word query
// fetches the manifest, one shard and the metadata blocks of the results
// shown; the last word of a query also matches as a prefix, over the
// shards its range covers.
//
// # Client
//
// Client is the plain JavaScript (client/search.js) that the build writes
// to search/search.js: it turns the header's search form into an ARIA
// combobox with a listbox of results and fills the /search/ page from its
// ?q= parameter. Without JavaScript the header form submits to /search/,
// which says that search needs JavaScript.
package search
