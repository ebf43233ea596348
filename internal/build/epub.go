package build

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"folio/internal/content"
	"folio/internal/epub"
)

// EPUB is the e-book of one book of the site.
type EPUB struct {
	Book *content.Book
	// Name is the file name, the slugified book title plus ".epub" (the
	// book's folder name when the title has no letters or digits).
	Name string
	// Path is where `folio build` publishes it: beside the book's home page
	// ("book/the-little-book-of-coaching.epub").
	Path string
	Data []byte
	// Chapters counts the spine documents; Images the packaged images.
	Chapters, Images int
}

// EPUBResult is what MakeEPUBs made.
type EPUBResult struct {
	Books    []*EPUB
	Warnings []*content.Error
}

// MakeEPUBs loads the site in opts.Source and makes the EPUB of each of its
// books, or only of the book named by only (its file name slug or its
// folder name). Nothing is written: the caller decides where files go.
func MakeEPUBs(opts Options, only string) (*EPUBResult, error) {
	fsys, _, err := openSite(opts)
	if err != nil {
		return nil, err
	}
	return makeEPUBs(fsys, opts, only)
}

func makeEPUBs(fsys fs.FS, opts Options, only string) (*EPUBResult, error) {
	site, err := loadLinked(fsys, opts)
	if err != nil {
		return nil, err
	}
	books, err := selectBooks(site, only)
	if err != nil {
		return nil, err
	}
	b, err := newBuilder(fsys, site, nil, opts)
	if err != nil {
		return nil, err
	}
	for _, book := range books {
		b.resolvePhotos(content.BookPages(book))
	}
	res := &EPUBResult{Warnings: site.Warnings}
	if err := b.probs.Err(); err != nil {
		return res, err
	}
	for _, book := range books {
		// Alone, the EPUB stage checks the anchors of links inside the
		// book; a full build has checked every link already.
		e := b.makeEPUB(book, true)
		if e != nil {
			res.Books = append(res.Books, e)
		}
	}
	sortWarnings(site)
	res.Warnings = site.Warnings // with those of converting the chapters
	if opts.Strict {
		b.probs = append(b.probs, site.Warnings...)
	}
	if err := b.probs.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// selectBooks picks the book named only, or every book.
func selectBooks(site *content.Site, only string) ([]*content.Book, error) {
	if len(site.Books) == 0 {
		return nil, fmt.Errorf("the site has no book: a book is content/book/ or a folder whose _index.md says type: book")
	}
	if only == "" {
		return site.Books, nil
	}
	var names []string
	for _, book := range site.Books {
		slug, dir := epubSlug(book), path.Base(book.Index.Dir())
		if only == slug || only == dir || only == book.Index.Dir() {
			return []*content.Book{book}, nil
		}
		names = append(names, slug)
	}
	return nil, fmt.Errorf("--book %q: no such book; the site's books are %s (a book's folder name works too)", only, strings.Join(names, ", "))
}

// epubSlug names a book's EPUB file after its title, which is what a reader
// sees in a downloads folder; the folder name stands in for a title without
// letters or digits.
func epubSlug(book *content.Book) string {
	if s := content.Slugify(book.Index.Title); s != "" {
		return s
	}
	return path.Base(book.Index.Dir())
}

// epubPath is where a full build publishes a book's EPUB.
func epubPath(book *content.Book) string {
	return strings.TrimPrefix(book.Index.URL, "/") + epubSlug(book) + ".epub"
}

// renderEPUBs writes each book's EPUB beside its home page, unless
// folio.yaml says epub: false.
func (b *builder) renderEPUBs() {
	if !b.cfg.EPUB {
		return
	}
	for _, book := range b.site.Books {
		b.renderEPUB(book)
	}
}

// renderEPUB writes one book's EPUB.
func (b *builder) renderEPUB(book *content.Book) {
	if b.memo.reuseEPUB(b, book) {
		b.generated.Add(1)
		return
	}
	if e := b.makeEPUB(book, false); e != nil {
		b.write(e.Path, book.Index.File, e.Data)
		b.generated.Add(1)
	}
}

// epubLinks is the download link of a book's EPUB, for its home page.
func (b *builder) epubLinks(book *content.Book) []feedLink {
	if !b.cfg.EPUB {
		return nil
	}
	return []feedLink{{Title: b.words.Word("epub_edition"), URL: "/" + epubPath(book)}}
}

// makeEPUB converts a book's pages for the EPUB and writes the file into
// memory. Content problems are recorded on the builder and nil returned.
func (b *builder) makeEPUB(book *content.Book, checkAnchors bool) *EPUB {
	e := b.editions.epub(book)
	if e == nil {
		e = newEPUBBook(b, book)
	}
	e.standalone = checkAnchors
	e.convertAll()
	if b.stopped() {
		return nil
	}
	if checkAnchors {
		b.checkAnchorList(e.anchors)
	}
	if len(b.probs) > 0 {
		return nil
	}
	eb := e.assemble()
	if eb == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := epub.Write(&buf, eb); err != nil {
		for _, msg := range strings.Split(err.Error(), "\n") {
			b.problem(content.Errorf(book.Index.File, 0, "EPUB: %s", msg))
		}
		return nil
	}
	return &EPUB{Book: book, Name: epubSlug(book) + ".epub", Path: epubPath(book), Data: buf.Bytes(),
		Chapters: len(eb.Chapters), Images: len(eb.Resources)}
}

// epubMetadata fills the package metadata of a book.
func (e *epubBook) metadata(eb *epub.Book) {
	idx, cfg := e.book.Index, e.b.cfg
	eb.Identifier = e.identifier()
	eb.Title, eb.Subtitle, eb.Description = idx.Title, idx.Subtitle, idx.Description
	eb.Language, eb.Rights = cfg.Language, cfg.Copyright
	eb.TOCTitle = e.b.words.Word("contents")
	if author := firstNonEmpty(idx.Author, cfg.Author); author != "" {
		eb.Creators = []string{author}
	}
	eb.Date = bookDate(idx)
	eb.Modified = e.modified(eb.Date)
}

// newestPageDate is the newest date or updated of pages, zero when none has one.
func newestPageDate(pages []*content.Page) time.Time {
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
	if id := strings.TrimSpace(e.b.cfg.BookID); id != "" && len(e.b.site.Books) == 1 {
		return id
	}
	name := e.b.absolute(e.book.Index.URL)
	if e.b.cfg.BaseURL == "" {
		name = "folio:" + e.book.Index.Dir() + ":" + e.book.Index.Title + ":" + firstNonEmpty(e.book.Index.Author, e.b.cfg.Author)
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
	latest := newestDate(e.book)
	if t, ok := partialDate(date); ok && latest.IsZero() {
		latest = t
	}
	if latest.IsZero() {
		latest = newestPageDate(e.b.site.Pages)
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
