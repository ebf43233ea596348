// Package sitewide owns the pieces of the page frame that are the same on
// every page of a build: the header's search box and the search client's
// script tag in <head> (the partials "search-box" and "search-script",
// partials/search.html), and the partials a page calls that read nothing
// of the page (the header, the footer: templates.Set.PieceNames). They
// are rendered once per build, on first use, and every page's data
// carries them as HTML (views.Data's SearchBox, SearchScript and Pieces),
// which the frame writes as it is. Through html/template they cost a page
// some eighty allocations (T, url and the escapers of every attribute),
// most of what the search box added to a build.
//
// What rendering them read (through views) counts as read by every output
// that carries them (Reads), so that a preview redoes those outputs when
// it changes; and since they are in the page's data, a preview's
// fingerprint of the data holds them.
package sitewide

import (
	"bytes"
	"html/template"
	"sync"

	"folio/internal/content"
	"folio/internal/templates"
	"folio/internal/views"
)

// Data is what the search box and script templates receive: the site
// alone, since what they render must be the same on every page.
type Data struct {
	Site *views.Site
}

// Pieces renders a build's site-wide pieces once. Templates, NewViewer
// (the views of one output) and Problem (a content error) are the
// build's.
type Pieces struct {
	Templates *templates.Set
	NewViewer func() *views.Viewer
	Problem   func(*content.Error)

	once                sync.Once
	searchBox, searchJS template.HTML
	pieces              views.Pieces
	reads               []views.Read
}

// Names of the partials rendered once per build.
const (
	SearchBox    = "search-box"
	SearchScript = "search-script"
)

// Fill gives a page's data the search box, the script tag and the
// pieces, rendering them the first time it is called; safe for
// concurrent use. The pieces are shared: d must not change them.
func (p *Pieces) Fill(d *views.Data) {
	p.once.Do(p.render)
	d.SearchBox, d.SearchScript, d.Pieces = p.searchBox, p.searchJS, p.pieces
}

// Reads are what rendering the pieces read, to be counted as read by each
// output that carries them; nil unless the viewer records reads (a preview).
// The caller must not change them.
func (p *Pieces) Reads() []views.Read {
	p.once.Do(p.render)
	return p.reads
}

func (p *Pieces) render() {
	v := p.NewViewer()
	d := Data{Site: v.Site()}
	p.searchBox = p.partial(SearchBox, d)
	p.searchJS = p.partial(SearchScript, d)
	p.renderPieces(v)
	p.reads = views.Compact(v.Reads())
}

// renderPieces renders the partials that read nothing of the page, with
// the data of a page that has nothing but the site (which is all they
// read of it). One that fails is left out: the pages calling it then
// render it themselves, and report what went wrong as they did.
func (p *Pieces) renderPieces(v *views.Viewer) {
	names := p.Templates.PieceNames()
	if len(names) == 0 {
		return
	}
	dv := views.NewDataView(&views.Data{SearchBox: p.searchBox, SearchScript: p.searchJS}, v)
	p.pieces = make(views.Pieces, len(names))
	var buf bytes.Buffer
	for _, name := range names {
		buf.Reset()
		if err := p.Templates.ExecutePiece(&buf, name, dv); err == nil {
			p.pieces[name] = template.HTML(buf.String())
		}
	}
}

// partial renders one piece; a layout folder that does not define it
// (overrides written before it existed) gets none.
func (p *Pieces) partial(name string, d Data) template.HTML {
	if !p.Templates.HasPartial(name) {
		return ""
	}
	var buf bytes.Buffer
	if err := p.Templates.ExecutePartial(&buf, name, d); err != nil {
		p.Problem(content.Errorf("layouts", 0, "render the partial %q, which every page shows: %v; fix the template at that line", name, err))
		return ""
	}
	return template.HTML(buf.String())
}
