package editions

import (
	"runtime"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/shelf"
)

// Kept are the print edition and EPUB renderings of a book's chapters and
// part introductions, made in a clean build while the page stage converts
// each page: one parse gives all three (markdown.Env.Editions), where
// converting again for each edition parsed every chapter three times.
// The end stages take them; a preview session, whose pages are converted
// or reused one by one, has none and they convert as before.
type Kept struct {
	anchors map[*content.Book]map[*content.Page]string // PrintAnchors of each book
	epubs   map[*content.Book]*epubBook
	shelf   *shelf.Shelf                // the print and EPUB renderings, packed
	print   *shelf.Keyed[*content.Page] // each page's print rendering on shelf
}

// Prepare sets up the renderings of the site's books for a clean build;
// nil for a site without books.
func (m *Maker) Prepare() *Kept {
	if len(m.Site.Books) == 0 {
		return nil
	}
	s := shelf.New("folio-editions-*")
	k := &Kept{anchors: map[*content.Book]map[*content.Page]string{},
		epubs: map[*content.Book]*epubBook{}, shelf: s, print: shelf.NewKeyed[*content.Page](s)}
	for _, book := range m.Site.Books {
		k.anchors[book] = PrintAnchors(book)
		if m.Site.Config.EPUB {
			k.epubs[book] = newEPUBBook(m, book)
			k.epubs[book].shelf = k.shelf
		}
	}
	// A build that stops before its end stages never calls Close.
	runtime.AddCleanup(k, (*shelf.Shelf).Close, k.shelf)
	return k
}

// Close lets the renderings go; the build calls it once its end stages
// are done, or it stopped.
func (k *Kept) Close() {
	if k != nil {
		k.shelf.Close()
	}
}

// Envs are the Envs of a page's further editions: its part of the print
// edition, then its EPUB document when the book has one. Only a chapter or
// part introduction has them, and only in a clean build (m.Kept set).
// Each packs its rendering onto the shelf as Convert hands it over
// (markdown.Env.Keep), from Convert's own buffer, without a copy.
func (m *Maker) Envs(p *content.Page) []markdown.Env {
	k := m.Kept
	if k == nil || p.Book == nil || (p.Kind != content.KindChapter && p.Kind != content.KindPart) || len(content.BodyOf(p)) == 0 {
		return nil
	}
	print := m.printEnv(p, k.anchors[p.Book])
	print.Keep = func(ed markdown.Edition) {
		packOnto(ed.HTML, func(html packed) { k.print.PutCopy(p, html) })
	}
	envs := []markdown.Env{print}
	if e := k.epubs[p.Book]; e != nil {
		env := e.env(p)
		env.Keep = func(ed markdown.Edition) { e.keep(p, ed) }
		envs = append(envs, env)
	}
	return envs
}

// Converted tells k that p was converted with its Envs: once its
// renderings are kept, the page's source is needed no more.
func (k *Kept) Converted(p *content.Page) {
	if k.print.Has(p) {
		content.SetBody(p, nil)
	}
}

// hasPrint reports whether the page stage kept p's print rendering.
func (k *Kept) hasPrint(p *content.Page) bool { return k != nil && k.print.Has(p) }

// epub is the epubBook the page stage filled for book, if any.
func (k *Kept) epub(book *content.Book) *epubBook {
	if k == nil {
		return nil
	}
	return k.epubs[book]
}
