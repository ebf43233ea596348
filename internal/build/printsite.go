package build

import (
	"fmt"
	"os"
	"time"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/output"
)

// PrintSite is a site built into memory for folio pdf, which serves it to a
// browser on a loopback address and prints each book's print edition.
type PrintSite struct {
	// Files is the whole site by slash path, as folio build writes it.
	Files map[string][]byte
	Books []PrintBook
	// BaseURL is the site's absolute URL, "" when it has none.
	BaseURL  string
	Warnings []*content.Error
}

// PrintBook is one book of a PrintSite.
type PrintBook struct {
	Title string
	// Slug names the book's files: its EPUB is Slug+".epub".
	Slug string
	// PrintPath is the print edition's page, "book/print/"; PDFPath is
	// where folio serve offers the PDF, beside the EPUB.
	PrintPath, PDFPath string
	// Date is the newest date or updated of the book's pages; zero when
	// none has one. It never comes from the clock.
	Date     time.Time
	Chapters int
}

// MakePrintSite builds the site in opts.Source into memory (without EPUBs,
// which a PDF does not need) and describes its books, or only the book
// named by only (as MakeEPUBs takes it). A book without chapters is an
// error: there is nothing to print.
func MakePrintSite(opts Options, only string) (*PrintSite, error) {
	start := time.Now()
	fsys := os.DirFS(opts.Source)
	site, err := loadLinked(fsys, opts)
	if err != nil {
		return nil, err
	}
	site.Config.EPUB = false
	cfg := site.Config
	books, err := editions.SelectBooks(site, only)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings)
	}
	ps := &PrintSite{BaseURL: cfg.BaseURL}
	for _, book := range books {
		if len(book.Chapters) == 0 {
			err := fmt.Errorf("%s: the book %q has no chapters, so there is nothing to print; add a chapter (folio new chapter)", book.Index.File, book.Index.Title)
			return nil, content.WithWarnings(err, site.Warnings)
		}
		ps.Books = append(ps.Books, PrintBookOf(book))
	}
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	b, err := newBuilder(fsys, site, w, opts)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings)
	}
	res, err := b.runResult(start)
	if err != nil {
		return nil, err // carrying the warnings found until then
	}
	// All the build's warnings, those of converting the pages and making
	// the print edition included, not only those of reading the site.
	ps.Warnings = res.Warnings
	ps.Files = mem.Files()
	return ps, nil
}

// PrintBookOf describes a book for its PDF.
func PrintBookOf(book *content.Book) PrintBook {
	slug, dir := editions.Slug(book), book.Index.URL[1:]
	return PrintBook{Title: book.Index.Title, Slug: slug, PrintPath: dir + editions.PrintDir + "/", PDFPath: dir + slug + ".pdf",
		Date: newestDate(book), Chapters: len(book.Chapters)}
}

// newestDate is the newest date or updated of a book's pages.
func newestDate(book *content.Book) time.Time {
	return editions.NewestDate(content.BookPages(book))
}
