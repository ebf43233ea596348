package build

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/markdown"
)

// bookEditions are the print edition and EPUB renderings of a book's
// chapters and part introductions, made in a clean build while the page
// stage converts each page: one parse gives all three (markdown.Env.Editions),
// where converting again for each edition parsed every chapter three times.
// The end stages take them; a preview session, whose pages are converted
// or reused one by one, leaves this nil and they convert as before.
type bookEditions struct {
	anchors map[*content.Book]map[*content.Page]string // printAnchors of each book
	epubs   map[*content.Book]*epubBook
	print   map[*content.Page]template.HTML // under builder.mu
}

// prepareEditions sets up the editions of a clean build's books.
func (b *builder) prepareEditions() {
	if b.memo != nil || len(b.site.Books) == 0 {
		return
	}
	ed := &bookEditions{anchors: map[*content.Book]map[*content.Page]string{},
		epubs: map[*content.Book]*epubBook{}, print: map[*content.Page]template.HTML{}}
	for _, book := range b.site.Books {
		ed.anchors[book] = printAnchors(book)
		if b.cfg.EPUB {
			ed.epubs[book] = newEPUBBook(b, book)
		}
	}
	b.editions = ed
}

// editionEnvs are the Envs of a page's further editions: its part of the
// print edition, then its EPUB document when the book has one. Only a
// chapter or part introduction has them, and only in a clean build.
func (b *builder) editionEnvs(p *content.Page) []markdown.Env {
	if b.editions == nil || p.Book == nil || (p.Kind != content.KindChapter && p.Kind != content.KindPart) || len(content.BodyOf(p)) == 0 {
		return nil
	}
	envs := []markdown.Env{b.printEnv(p, b.editions.anchors[p.Book])}
	if e := b.editions.epubs[p.Book]; e != nil {
		envs = append(envs, e.env(p))
	}
	return envs
}

// keepEditions stores what editionEnvs asked for; the page's source is
// then needed no more.
func (b *builder) keepEditions(p *content.Page, doc *markdown.Doc) {
	if len(doc.Editions) == 0 {
		return
	}
	b.mu.Lock()
	b.editions.print[p] = template.HTML(doc.Editions[0].HTML)
	b.mu.Unlock()
	if len(doc.Editions) > 1 {
		b.editions.epubs[p.Book].keep(p, doc.Editions[1])
	}
	content.SetBody(p, nil)
}

// takePrint hands over the print edition rendering of p, if the page
// stage made one.
func (b *builder) takePrint(p *content.Page) (template.HTML, bool) {
	if b.editions == nil {
		return "", false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	html, ok := b.editions.print[p]
	delete(b.editions.print, p)
	return html, ok
}

// epub is the epubBook the page stage filled for book, if any.
func (ed *bookEditions) epub(book *content.Book) *epubBook {
	if ed == nil {
		return nil
	}
	return ed.epubs[book]
}
