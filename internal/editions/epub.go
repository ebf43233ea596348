// Package editions owns a book's editions beyond its web pages: the print
// edition (the whole book on one page, for a browser to print or save as
// PDF) and the EPUB's glue (each chapter converted for the package, its
// images packaged, the title, part, credits and cover pages, metadata and
// the contents tree, handed to package epub as plain data). It owns the
// naming of a book's files (its EPUB's slug, the print edition's folder),
// the anchors of the print edition and the identifier and dates of the
// EPUB. Package build drives it: it hands over the linked site, the
// converter, the words, the link resolution (package resolve) and small
// function values for what only the build knows (image variants, problems,
// stopping a preview's background work); editions does not import build.
package editions

import (
	"crypto/sha1"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"folio/internal/content"
	"folio/internal/epub"
)

// SelectBooks picks the book named only (its EPUB's slug, its folder name
// or its folder), or every book.
func SelectBooks(site *content.Site, only string) ([]*content.Book, error) {
	if len(site.Books) == 0 {
		return nil, fmt.Errorf("the site has no book: a book is content/book/ or a folder whose _index.md says type: book")
	}
	if only == "" {
		return site.Books, nil
	}
	var names []string
	for _, book := range site.Books {
		slug, dir := Slug(book), path.Base(book.Index.Dir())
		if only == slug || only == dir || only == book.Index.Dir() {
			return []*content.Book{book}, nil
		}
		names = append(names, slug)
	}
	return nil, fmt.Errorf("--book %q: no such book; the site's books are %s (a book's folder name works too)", only, strings.Join(names, ", "))
}

// Slug names a book's EPUB file after its title, which is what a reader
// sees in a downloads folder; the folder name stands in for a title without
// letters or digits.
func Slug(book *content.Book) string {
	if s := content.Slugify(book.Index.Title); s != "" {
		return s
	}
	return path.Base(book.Index.Dir())
}

// EPUBPath is where a full build publishes a book's EPUB.
func EPUBPath(book *content.Book) string {
	return strings.TrimPrefix(book.Index.URL, "/") + Slug(book) + ".epub"
}

// epubMetadata fills the package metadata of a book.
func (e *epubBook) metadata(eb *epub.Book) {
	idx, cfg := e.book.Index, e.m.Site.Config
	eb.Identifier = e.identifier()
	eb.Title, eb.Subtitle, eb.Description = idx.Title, idx.Subtitle, e.m.description(idx)
	eb.Language, eb.Rights = cfg.Language, cfg.Copyright
	eb.TOCTitle = e.m.Words.Word("contents")
	if author := firstNonEmpty(idx.Author, cfg.Author); author != "" {
		eb.Creators = []string{author}
	}
	eb.Date = bookDate(idx)
	eb.Modified = e.modified(eb.Date)
}

// NewestDate is the newest date or updated of pages, zero when none has one.
func NewestDate(pages []*content.Page) time.Time {
	var latest time.Time
	for _, p := range pages {
		for _, t := range []time.Time{p.Date, p.Updated} {
			if t.After(latest) {
				latest = t
			}
		}
	}
	return latest
}

// identifier is folio.yaml's book_id for a site with one book, else a
// name-based UUID of the book's address: stable across builds and editions,
// and different for every book.
func (e *epubBook) identifier() string {
	if id := strings.TrimSpace(e.m.Site.Config.BookID); id != "" && len(e.m.Site.Books) == 1 {
		return id
	}
	name := e.m.URLs.Abs(e.book.Index.URL)
	if e.m.Site.Config.BaseURL == "" {
		name = "folio:" + e.book.Index.Dir() + ":" + e.book.Index.Title + ":" + firstNonEmpty(e.book.Index.Author, e.m.Site.Config.Author)
	}
	return "urn:uuid:" + uuidV5(urlNamespace, name)
}

// urlNamespace is the RFC 9562 namespace for names that are URLs.
var urlNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuidV5 is the name-based (SHA-1) UUID of name in namespace ns.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// bookDate is the book's publication date for dc:date: the date of its
// _index.md, else its status when that is a date ("2026-09" or
// "2026-09-15"); "forthcoming" gives none.
func bookDate(idx *content.Page) string {
	if !idx.Date.IsZero() {
		return idx.Date.Format("2006-01-02")
	}
	s := strings.TrimSpace(idx.Status)
	if _, ok := partialDate(s); ok {
		return s
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02")
	}
	return ""
}

// partialDate parses YYYY-MM-DD, YYYY-MM or YYYY, the forms dc:date takes.
func partialDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// epubEpoch stands for "no date known": the earliest time a zip entry can
// hold, so the package and the zip agree.
var epubEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// modified is dcterms:modified: the newest date or updated of the book's
// pages, else its publication date, else the newest date of the site (the
// posts of its companion series), else SOURCE_DATE_EPOCH, the
// reproducible-builds setting of a build's date. It never comes from the
// clock or file times, so the same sources give a byte-identical EPUB.
// Only a site with no date at all and no SOURCE_DATE_EPOCH gets 1980, the
// zip format's epoch.
func (e *epubBook) modified(date string) time.Time {
	latest := NewestDate(content.BookPages(e.book))
	if t, ok := partialDate(date); ok && latest.IsZero() {
		latest = t
	}
	if latest.IsZero() {
		latest = NewestDate(e.m.Site.Pages)
	}
	if latest.IsZero() {
		if n, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
			latest = time.Unix(n, 0)
		}
	}
	if latest.IsZero() {
		return epubEpoch // a site without a single date, and no SOURCE_DATE_EPOCH
	}
	return latest.UTC().Truncate(time.Second)
}
