package content

import (
	"fmt"
	"sort"
	"strings"
)

// foreignKey is a front matter key of another generator that folio spells
// differently: a migrated page would otherwise lose what it says without a
// word (a book ordered by weight: comes out in file-name order).
type foreignKey struct {
	use  string // the folio key
	from string // who uses the foreign one
	note string // what to write instead, when more than a rename
}

// foreignKeys are the keys authors bring from Hugo, Jekyll, Eleventy,
// Zola, mdBook-adjacent themes, Docusaurus, Astro and just-the-docs. Keys
// folio has itself (tags, series, date, aliases, ...) are not here, and
// every other unknown key stays silent and reaches templates as .Params.
var foreignKeys = map[string]foreignKey{
	"weight":           {use: "order", from: "Hugo and Zola", note: "a whole number; gaps such as 10, 20, 30 are fine"},
	"nav_order":        {use: "order", from: "just-the-docs"},
	"sidebar_position": {use: "order", from: "Docusaurus"},
	"lastmod":          {use: "updated", from: "Hugo"},
	"last_modified_at": {use: "updated", from: "Jekyll"},
	"modified":         {use: "updated", from: "Pelican"},
	"publishdate":      {use: "date", from: "Hugo"},
	"publishDate":      {use: "date", from: "Hugo"},
	"pubDate":          {use: "date", from: "Astro"},
	"cover":            {use: "photo", from: "Hugo themes", note: "photo: {src: ..., alt: ..., credit: ...}; in a book's _index.md it is the cover"},
	"image":            {use: "photo", from: "Jekyll and Hugo themes", note: "photo: {src: ..., alt: ..., credit: ...}"},
	"images":           {use: "photo", from: "Hugo", note: "photo: {src: ..., alt: ..., credit: ...}, one photo per page"},
	"featured_image":   {use: "photo", from: "Hugo themes", note: "photo: {src: ..., alt: ..., credit: ...}"},
	"featuredImage":    {use: "photo", from: "Hugo themes", note: "photo: {src: ..., alt: ..., credit: ...}"},
	"categories":       {use: "tags", from: "Hugo, Jekyll and Zola", note: "folio has one kind of taxonomy"},
	"category":         {use: "tags", from: "Jekyll"},
	"excerpt":          {use: "summary", from: "Jekyll"},
	"authors":          {use: "author", from: "Hugo and Zola", note: "one name, or the names joined as one text"},
	"permalink":        {use: "slug", from: "Jekyll and Eleventy", note: "the last URL segment only; the folder gives the rest"},
	"published":        {use: "draft", from: "Jekyll", note: "published: false is draft: true"},
	"redirect_from":    {use: "aliases", from: "Jekyll's jekyll-redirect-from", note: "the old addresses from the site's root, such as [/2019/old-title/]"},
}

// warnForeignKeys warns about each key of another generator in the pages'
// front matter, naming the folio key, the file and the line. A migrated
// site has the same key in many pages: each key is one warning, at its
// first page, counting and naming the others, rather than a line a page.
func warnForeignKeys(site *Site, pages []*Page) {
	type use struct {
		file string
		line int
	}
	var order []string
	uses := map[string][]use{} // by message
	for _, p := range pages {
		if p == nil {
			continue
		}
		for _, k := range foreignKeysOf(p) {
			msg := foreignKeyMessage(p, k)
			if _, seen := uses[msg]; !seen {
				order = append(order, msg)
			}
			uses[msg] = append(uses[msg], use{p.File, p.Line(k)})
		}
	}
	for _, msg := range order {
		at := uses[msg]
		var others []string
		for _, u := range at[1:min(len(at), 3)] {
			others = append(others, fmt.Sprintf("%s:%d", u.file, u.line))
		}
		switch n := len(at) - 1; {
		case n == 1:
			msg += " (the same in " + others[0] + ")"
		case n > 1:
			msg += fmt.Sprintf(" (the same in %d other pages: %s, ...)", n, strings.Join(others, ", "))
		}
		site.Warnings.Add(at[0].file, at[0].line, "%s", msg)
	}
}

// foreignKeysOf lists the foreign keys of a page's front matter in line order.
func foreignKeysOf(p *Page) []string {
	keys := make([]string, 0, len(p.Params))
	for k := range p.Params {
		if _, ok := foreignKeys[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return p.Line(keys[i]) < p.Line(keys[j]) })
	return keys
}

// foreignKeyMessage says what to write for foreign key k of page p; it
// starts with the key.
func foreignKeyMessage(p *Page, k string) string {
	fk := foreignKeys[k]
	msg := fmt.Sprintf("%s is a key of %s; folio's is %s", k, fk.from, fk.use)
	if fk.note != "" {
		msg += " (" + fk.note + ")"
	}
	if _, both := p.Lines[fk.use]; both {
		return msg + fmt.Sprintf("; this page has %s too, so %s is ignored", fk.use, k)
	}
	return msg + fmt.Sprintf("; rename it, or %s is ignored", k)
}
