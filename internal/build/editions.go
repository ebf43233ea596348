package build

import (
	"io/fs"
	"strings"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/listpages"
	"folio/internal/markdown"
	"folio/internal/views"
)

// This file drives package editions: the print edition and the EPUB of
// each book, made in stage 6 (a clean build's chapters were rendered for
// both in the page stage, editions.Kept), and folio epub, which runs
// stages 1 to 3 and the EPUB alone.

// maker is package editions' view of this build.
func (b *builder) maker() *editions.Maker {
	return &editions.Maker{Site: b.site, URLs: b.urls, Links: b.links, MD: b.md, Words: b.words,
		Env: b.env, Credit: b.creditLine, PrintImage: b.img.Print, EPUBImage: b.img.EPUB, ImageBytes: b.img.Bytes,
		Problem: b.problem, Warnings: b.warnings, Failed: b.hasProblems,
		Kept: b.editions, Lanes: b.lanes, Stop: b.stop, KeepSources: b.keepSources, Conv: b.conv, Source: b.source}
}

// hasProblems reports whether the build has problems so far.
func (b *builder) hasProblems() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.probs) > 0
}

// prepareEditions sets up the editions of a clean build's books, which the
// page stage renders with each chapter (editions.Kept).
func (b *builder) prepareEditions() {
	b.editions = b.cache.Editions(b.h)
}

// editionEnvs are the Envs of a page's further editions (editions.Maker.Envs).
func (b *builder) editionEnvs(p *content.Page) []markdown.Env {
	if b.editions == nil {
		return nil
	}
	return b.maker().Envs(p)
}

// keepEditions lets p's source go once its editions are kept (editionEnvs).
func (b *builder) keepEditions(p *content.Page) {
	if b.editions != nil {
		b.editions.Converted(p)
	}
}

// renderPrints writes the print edition of every book.
func (b *builder) renderPrints() {
	for _, book := range b.site.Books {
		b.renderPrint(book)
	}
}

// renderPrint converts the book's chapters and part intros for the print
// edition on all cores and writes /<book>/print/.
func (b *builder) renderPrint(book *content.Book) {
	if b.cache.ReusePrint(b.h, book) {
		b.generated.Add(1)
		return
	}
	ed := b.maker().Print(book)
	if ed == nil {
		return
	}
	d := b.pageDataFor(book.Index)
	d.Kind, d.Title, d.URL = "print", book.Index.Title, book.Index.URL+editions.PrintDir+"/"
	d.Canonical = b.absoluteIf(d.URL)
	d.Content, d.Headings, d.Links = "", nil, nil
	d.Print, d.Credits = ed, listpages.BookCredits(book)
	d.NoIndex = true // it repeats every chapter, which search engines index on their own pages
	b.renderData("print", strings.TrimPrefix(d.URL, "/")+"index.html", book.Index.File, d)
	b.generated.Add(1)
}

// bookLinks are the buttons of a book's home: its other editions and pages.
func (b *builder) bookLinks(book *content.Book) []views.Link {
	var links []views.Link
	if len(book.Chapters) > 0 {
		links = append(links, views.Link{Title: b.words.Word("start_reading"), URL: book.Chapters[0].Page.URL})
	}
	links = append(links, views.Link{Title: b.words.Word("print_edition"), URL: book.Index.URL + editions.PrintDir + "/"})
	if b.cfg.EPUB {
		links = append(links, views.Link{Title: b.words.Word("epub_edition"), URL: "/" + editions.EPUBPath(book)})
	}
	return append(links, views.Link{Title: b.words.Word("photo_credits"), URL: book.Index.URL + "credits/"})
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
	if b.cache.ReuseEPUB(b.h, book) {
		b.generated.Add(1)
		return
	}
	if e := b.maker().EPUB(book, false); e != nil {
		b.wrote(b.w.Stream(e.Path, book.Index.File, e.Write), book.Index.File) // into its file as it is written
		b.generated.Add(1)
	}
}

// EPUBResult is what MakeEPUBs made.
type EPUBResult struct {
	Books    []*editions.EPUB
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
	books, err := editions.SelectBooks(site, only)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings)
	}
	b, err := newBuilder(fsys, site, nil, opts)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings)
	}
	for _, book := range books {
		b.resolvePhotos(content.BookPages(book))
	}
	res := &EPUBResult{Warnings: b.warns}
	if err := b.probs.Err(); err != nil {
		return res, err
	}
	for _, book := range books {
		// Alone, the EPUB stage checks the anchors of links inside the
		// book; a full build has checked every link already.
		if e := b.maker().EPUB(book, true); e != nil {
			res.Books = append(res.Books, e)
		}
	}
	b.sortWarnings()
	res.Warnings = b.warns // with those of converting the chapters
	if opts.Strict {
		b.probs = append(b.probs, b.warns...)
		res.Warnings = nil // errors now, not reported twice
	}
	if err := b.probs.Err(); err != nil {
		return res, err
	}
	return res, nil
}
