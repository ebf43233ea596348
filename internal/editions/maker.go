package editions

import (
	"bytes"
	"html/template"
	"io"
	"strings"

	"folio/internal/content"
	"folio/internal/epub"
	"folio/internal/i18n"
	"folio/internal/markdown"
	"folio/internal/resolve"
	"folio/internal/siteurl"
	"folio/internal/workpool"
)

// Maker is what making a book's editions needs of the build: plain data,
// and function values for what only the build knows (the image variants
// it asked for, the problems it collects, whether a preview called its
// background work off).
type Maker struct {
	Site  *content.Site
	URLs  siteurl.Base
	Links resolve.Links
	MD    *markdown.Converter
	Words *i18n.Words
	// Env is a page's Env for its web page, which the editions adapt.
	Env func(*content.Page) markdown.Env
	// Credit is a photo's credit line ("Photo by …") in the site's
	// language, linked to url when it is set.
	Credit func(credit, url string) template.HTML
	// PrintImage and EPUBImage are an image's variant for the print
	// edition and for the EPUB: its site path (no leading slash) and size.
	PrintImage, EPUBImage func(file string, line int, rel string) (string, int, int, error)
	// ImageBytes is the data of an image or variant, by site path.
	ImageBytes func(rel string) ([]byte, error)
	// Problem records a content problem and Warnings the warnings of a
	// page's conversion; Failed reports whether the build has problems,
	// after which no EPUB is assembled.
	Problem  func(*content.Error)
	Warnings func(*content.Page, []markdown.Problem)
	Failed   func() bool
	// Kept are the renderings the page stage made (nil in a preview).
	Kept *Kept
	// Lanes caps the goroutines that convert a book's pages (0: one per
	// core); Stop, when set, calls the work off.
	Lanes int
	Stop  func() bool
	// KeepSources leaves a page's Markdown in place after its EPUB
	// conversion, for a preview session's next build.
	KeepSources bool
	// Source is the page value holding a page's current Markdown (a
	// preview's edit decodes a new one); nil: the page itself.
	Source func(*content.Page) *content.Page
	// Conv is what converting made of the pages, which the build keeps
	// (the site is read-only once linked); nil: nothing converted yet.
	Conv Converted
}

// Converted is the build's store of what converting made of pages.
type Converted interface {
	// Outline is a page's headings and the ids of its raw HTML.
	Outline(*content.Page) resolve.Outline
	// SetHeadings and SetIDs replace them, for pages an EPUB converts
	// on its own (no page stage did).
	SetHeadings(*content.Page, []content.Heading)
	SetIDs(*content.Page, []string)
	// Description is a page's description: its front matter's, else its
	// body's.
	Description(*content.Page) string
}

func (m *Maker) source(p *content.Page) *content.Page {
	if m.Source == nil {
		return p
	}
	return m.Source(p)
}

func (m *Maker) outline(p *content.Page) resolve.Outline {
	if m.Conv == nil {
		return resolve.Outline{}
	}
	return m.Conv.Outline(p)
}

func (m *Maker) description(p *content.Page) string {
	if m.Conv == nil {
		return p.Description
	}
	return m.Conv.Description(p)
}

// lanes is how many goroutines convert a book's pages.
func (m *Maker) lanes() int {
	if m.Lanes > 0 {
		return m.Lanes
	}
	return workpool.Cores()
}

// stopped reports whether the work under way has been called off.
func (m *Maker) stopped() bool { return m.Stop != nil && m.Stop() }

// EPUB is the e-book of one book of the site.
type EPUB struct {
	Book *content.Book
	// Name is the file name, the slugified book title plus ".epub" (the
	// book's folder name when the title has no letters or digits).
	Name string
	// Path is where `folio build` publishes it: beside the book's home page
	// ("book/the-little-book-of-coaching.epub").
	Path string
	// Data is the file, made for folio epub (a standalone EPUB); a build
	// has Write write it into its place.
	Data []byte
	// Chapters counts the spine documents; Images the packaged images.
	Chapters, Images int
	pkg              *epub.Package
}

// Write writes the EPUB file to w.
func (e *EPUB) Write(w io.Writer) error { return e.pkg.Write(w) }

// EPUB converts a book's pages for the EPUB and assembles the file, which
// a standalone EPUB writes into memory (Data). Content problems are recorded (Maker.Problem) and nil returned.
// A standalone EPUB (folio epub, no page stage before it) checks the
// anchors of links inside the book and reports the pages' warnings; a
// full build has done both.
func (m *Maker) EPUB(book *content.Book, standalone bool) *EPUB {
	e := m.Kept.epub(book)
	if e == nil {
		e = newEPUBBook(m, book)
	}
	e.standalone = standalone
	e.convertAll()
	if m.stopped() {
		return nil
	}
	if standalone {
		e.checkAnchors()
	}
	if m.Failed() {
		return nil
	}
	eb := e.assemble()
	if eb == nil {
		return nil
	}
	pkg, err := epub.Assemble(eb)
	ed := &EPUB{Book: book, Name: Slug(book) + ".epub", Path: EPUBPath(book), pkg: pkg,
		Chapters: len(eb.Chapters), Images: len(eb.Resources)}
	if err == nil && standalone {
		var buf bytes.Buffer
		err = ed.Write(&buf)
		ed.Data = buf.Bytes()
	}
	if err != nil {
		for _, msg := range strings.Split(err.Error(), "\n") {
			m.Problem(content.Errorf(book.Index.File, 0, "EPUB: %s", msg))
		}
		return nil
	}
	return ed
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
