// Package frontmatter owns the decoding of a page's front matter: Split
// separates it from the body at its delimiters (--- YAML, +++ TOML, a JSON
// object), Entries decodes its keys with their file lines (plain YAML by a
// fast path of its own, the rest by yaml.v3, BurntSushi/toml and
// encoding/json), and Decode reads them into the typed FrontMatter, with the
// values' rules (dates, texts, lists, aliases, photo). It also knows the keys
// other generators spell differently (ForeignKeys). Every problem comes back
// as an Error with the file line and what to fix; the caller adds the file.
// It is a leaf: it imports no other folio package.
package frontmatter

import (
	"fmt"
	"strings"
	"time"
)

// FrontMatter is the typed front matter of a page. Keys it does not name
// reach templates through Params.
type FrontMatter struct {
	Title       string
	Date        time.Time
	Updated     time.Time
	Order       int
	HasOrder    bool
	Draft       bool
	Slug        string
	Summary     string
	Description string
	Tags        []string
	// Series is the series of a post, or for a book's _index.md the blog
	// series that accompany the book.
	Series   []string
	Photo    *Photo
	Layout   string
	Numbered *bool
	Type     string
	Subtitle string
	Author   string
	Status   string
	// Aliases are old site paths of the page ("/2019/old-title/"), each
	// of which gets a page that redirects to it.
	Aliases []string
	// Permalink is the address Jekyll's or Eleventy's permalink: (or
	// Hugo's url:) gave the page, a site path as Aliases holds them, read
	// from PermalinkKey; content makes it an alias unless it is the
	// page's own address. "" when the page has none folio can read.
	Permalink, PermalinkKey string
	// NoSearch leaves the page out of the site's search index (search: false).
	NoSearch bool
	Params   map[string]any
	// Lines maps each front matter key to its file line, for messages.
	Lines map[string]int
}

// Line returns the file line of a front matter key, 0 when absent.
func (fm *FrontMatter) Line(key string) int {
	return fm.Lines[key]
}

// Photo is a page's photo and the credit its license asks for.
type Photo struct {
	Src       string
	Alt       string
	Credit    string
	CreditURL string
	License   string
	// Line is where photo: stands in the file, for messages.
	Line int
	// URL, Width and Height are filled once the image is found: the
	// variant for src, and its size. SrcSet lists the variants for the
	// page, Sizes how wide the theme shows them; ThumbURL and ThumbSrcSet
	// the small ones for lists; PrintURL is the print edition's. Without
	// processing they all name the original file. The URLs are site
	// paths; the srcsets' URLs carry the site's base path already.
	URL           string
	Width, Height int
	SrcSet, Sizes string
	ThumbURL      string
	ThumbSrcSet   string
	PrintURL      string
}

// Error is a problem with front matter: the file line where known (the
// opening delimiter is line 1), and what is wrong and how to fix it.
type Error struct {
	Line    int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

func errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Message: fmt.Sprintf(format, args...)}
}

// Decode fills a FrontMatter from entries, reporting each wrong type with
// the key and its line.
func Decode(es []Entry) (FrontMatter, []*Error) {
	fm := FrontMatter{Lines: make(map[string]int, len(es))}
	var probs []*Error
	for _, e := range es {
		fm.Lines[e.Key] = e.Line
		if err := fm.set(e); err != "" {
			probs = append(probs, errorf(e.Line, "front matter key %q: %s", e.Key, err))
		}
	}
	return fm, probs
}

// textField is the field of a key whose value is plain text, or nil.
func (fm *FrontMatter) textField(key string) *string {
	switch key {
	case "title":
		return &fm.Title
	case "summary":
		return &fm.Summary
	case "description":
		return &fm.Description
	case "layout":
		return &fm.Layout
	case "subtitle":
		return &fm.Subtitle
	case "author":
		return &fm.Author
	}
	return nil
}

// setPermalink reads permalink: or url: as the page's old address when it
// is a plain path from the site's root. Any other permalink stays a
// parameter, which ForeignKeys reports; url: stays one anyway (a link
// post's url: is another site's page, which templates may show).
func (fm *FrontMatter) setPermalink(e Entry) {
	path, ok := permalinkPath(e.Value)
	if ok && fm.Permalink == "" {
		fm.Permalink, fm.PermalinkKey = path, e.Key
	}
	if !ok || e.Key == "url" {
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[e.Key] = e.Value
	}
}

// permalinkPath is a permalink as an alias ("/docs/assets/",
// "/2015/02/13/x.html"), if it is a path from the site's root without
// placeholders (Jekyll's /:year/:title/, Eleventy's {{ page.fileSlug }}).
func permalinkPath(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "/") || strings.ContainsAny(s, ":{}") {
		return "", false
	}
	paths, err := asAliases(strings.TrimSuffix(s, "index.html"))
	if err != "" {
		return "", false
	}
	return paths[0], true
}

func (fm *FrontMatter) set(e Entry) string {
	if dst := fm.textField(e.Key); dst != nil {
		var err string
		*dst, err = asString(e.Value)
		return err
	}
	var err string
	switch e.Key {
	case "date":
		fm.Date, err = asDate(e.Value)
	case "updated":
		fm.Updated, err = asDate(e.Value)
	case "order":
		fm.Order, err = asInt(e.Value)
		fm.HasOrder = err == ""
	case "draft":
		fm.Draft, err = asBool(e.Value)
	case "search":
		var b bool
		b, err = asBool(e.Value)
		fm.NoSearch = !b
	case "numbered":
		var b bool
		b, err = asBool(e.Value)
		fm.Numbered = &b
	case "slug":
		fm.Slug, err = asString(e.Value)
		if err == "" && (strings.Contains(fm.Slug, "/") || fm.Slug == "." || fm.Slug == "..") {
			err = fmt.Sprintf("%q is not one URL segment; a slug replaces the last part of the URL, such as partnership", fm.Slug)
		}
	case "type":
		fm.Type, err = asString(e.Value)
		if err == "" && fm.Type != "book" && fm.Type != "blog" {
			err = fmt.Sprintf("unknown section type %q; use book or blog", fm.Type)
		}
	case "status":
		fm.Status, err = asStatus(e.Value)
	case "tags":
		fm.Tags, err = asStrings(e.Value)
	case "series":
		fm.Series, err = asStrings(e.Value)
	case "aliases":
		fm.Aliases, err = asAliases(e.Value)
	case "permalink", "url":
		fm.setPermalink(e)
	case "photo":
		fm.Photo, err = asPhoto(e.Value)
		if fm.Photo != nil {
			fm.Photo.Line = e.Line
		}
	default:
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[e.Key] = e.Value
	}
	return err
}
