package frontmatter

import (
	"fmt"
	"sort"
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
	"permalink":        {use: "aliases", from: "Jekyll and Eleventy", note: "folio gives a page its address from its file and reads a permalink that is a path from the site's root, such as /2019/old-title/, as an old address that redirects to it; this one has placeholders or is no such path, so list the addresses the page had under aliases:"},
	"published":        {use: "draft", from: "Jekyll", note: "published: false is draft: true"},
	"redirect_from":    {use: "aliases", from: "Jekyll's jekyll-redirect-from", note: "the old addresses from the site's root, such as [/2019/old-title/]"},
}

// ForeignKeys lists the keys of other generators in fm, in line order.
func ForeignKeys(fm *FrontMatter) []string {
	keys := make([]string, 0, len(fm.Params))
	for k := range fm.Params {
		if _, ok := foreignKeys[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return fm.Line(keys[i]) < fm.Line(keys[j]) })
	return keys
}

// ForeignKeyMessage says what to write for foreign key k of fm; it starts
// with the key.
func ForeignKeyMessage(fm *FrontMatter, k string) string {
	fk := foreignKeys[k]
	msg := fmt.Sprintf("%s is a key of %s; folio's is %s", k, fk.from, fk.use)
	if fk.note != "" {
		msg += " (" + fk.note + ")"
	}
	if _, both := fm.Lines[fk.use]; both {
		return msg + fmt.Sprintf("; this page has %s too, so %s is ignored", fk.use, k)
	}
	return msg + fmt.Sprintf("; rename it, or %s is ignored", k)
}
