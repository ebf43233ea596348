package content

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

// decodeFrontMatter fills a FrontMatter from entries, reporting each wrong
// type with the key and its line.
func decodeFrontMatter(file string, es []entry, probs *Problems) FrontMatter {
	fm := FrontMatter{Lines: make(map[string]int, len(es))}
	for _, e := range es {
		fm.Lines[e.key] = e.line
		if err := fm.set(e); err != "" {
			probs.Add(file, e.line, "front matter key %q: %s", e.key, err)
		}
	}
	return fm
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

func (fm *FrontMatter) set(e entry) string {
	if dst := fm.textField(e.key); dst != nil {
		var err string
		*dst, err = asString(e.value)
		return err
	}
	var err string
	switch e.key {
	case "date":
		fm.Date, err = asDate(e.value)
	case "updated":
		fm.Updated, err = asDate(e.value)
	case "order":
		fm.Order, err = asInt(e.value)
		fm.HasOrder = err == ""
	case "draft":
		fm.Draft, err = asBool(e.value)
	case "search":
		var b bool
		b, err = asBool(e.value)
		fm.NoSearch = !b
	case "numbered":
		var b bool
		b, err = asBool(e.value)
		fm.Numbered = &b
	case "slug":
		fm.Slug, err = asString(e.value)
		if err == "" && (strings.Contains(fm.Slug, "/") || fm.Slug == "." || fm.Slug == "..") {
			err = fmt.Sprintf("%q is not one URL segment; a slug replaces the last part of the URL, such as partnership", fm.Slug)
		}
	case "type":
		fm.Type, err = asString(e.value)
		if err == "" && fm.Type != "book" && fm.Type != "blog" {
			err = fmt.Sprintf("unknown section type %q; use book or blog", fm.Type)
		}
	case "status":
		fm.Status, err = asStatus(e.value)
	case "tags":
		fm.Tags, err = asStrings(e.value)
	case "series":
		fm.Series, err = asStrings(e.value)
	case "aliases":
		fm.Aliases, err = asAliases(e.value)
	case "photo":
		fm.Photo, err = asPhoto(e.value)
		if fm.Photo != nil {
			fm.Photo.Line = e.line
		}
	default:
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[e.key] = e.value
	}
	return err
}
