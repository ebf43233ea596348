// Package converted holds what converting a page's Markdown made of it:
// a Page (its HTML, summary, outline, the ids of its raw HTML, the HTML
// with absolute links that feeds carry, its problems and warnings, the
// analysis for the search index) and the build's Store of what the
// stages after conversion read of every page. It is the build's, not the
// model's: content.Site is read-only once linked. Package build converts
// and fills the store; views read it (views.Converted); a preview keeps
// Pages between builds. It imports the model and the Markdown, search and
// resolve types it holds.
package converted

import (
	"html/template"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/description"
	"folio/internal/resolve"
)

// Store holds what converting made of each page (its HTML, summary,
// outline, the ids of its raw HTML, the description its body gives it) and
// the descriptions series take from their pages. It is the build's, not
// the model's: content.Site is read-only once linked, and views (package
// views) read converted pages through the store. Entries are replaced,
// never changed, so a reader holding one sees it whole. A preview's patch
// build works on the store of the build it patches, where only the edited
// pages are converted again.
type Store struct {
	mu     sync.RWMutex
	pages  map[*content.Page]*pageConv
	series map[*content.Series]string
}

// pageConv is a page as converting left it.
type pageConv struct {
	html, summary template.HTML
	headings      []content.Heading
	ids           []string
	// description is the front matter's, else what the body gives.
	description string
}

// NewStore is a store for about n pages.
func NewStore(n int) *Store {
	return &Store{pages: make(map[*content.Page]*pageConv, n), series: map[*content.Series]string{}}
}

// of returns what converting made of p; a page not converted yet has only
// its front matter's description.
func (cs *Store) of(p *content.Page) *pageConv {
	cs.mu.RLock()
	pc := cs.pages[p]
	cs.mu.RUnlock()
	if pc == nil {
		return &pageConv{description: p.Description}
	}
	return pc
}

// Keep stores c as p's conversion, with the description p shows: its
// front matter's, else its summary's, else its body's first paragraph.
func (cs *Store) Keep(p *content.Page, c *Page) {
	pc := &pageConv{html: c.html, summary: c.summary, headings: c.headings, ids: c.ids, description: p.Description}
	if pc.description == "" {
		if d := description.Of(p.Summary); strings.TrimSpace(d) != "" {
			pc.description = d
		} else if strings.TrimSpace(c.leadText) != "" {
			pc.description = c.leadText
		}
	}
	cs.mu.Lock()
	cs.pages[p] = pc
	cs.mu.Unlock()
}

// update replaces p's entry with a changed copy.
func (cs *Store) update(p *content.Page, change func(*pageConv)) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	pc := &pageConv{description: p.Description}
	if old := cs.pages[p]; old != nil {
		*pc = *old
	}
	change(pc)
	cs.pages[p] = pc
}

// Description is p's description: its front matter's, else (once p is
// converted) its body's.
func (cs *Store) Description(p *content.Page) string { return cs.of(p).description }

// Summary, Headings and IDs are what converting p gave (views.Converted).
func (cs *Store) Summary(p *content.Page) template.HTML { return cs.of(p).summary }
func (cs *Store) Headings(p *content.Page) []content.Heading {
	return cs.of(p).headings
}
func (cs *Store) IDs(p *content.Page) []string { return cs.of(p).ids }

// Outline is what links to p's headings are checked against.
func (cs *Store) Outline(p *content.Page) resolve.Outline {
	pc := cs.of(p)
	return resolve.Outline{Headings: pc.headings, IDs: pc.ids}
}

// SetHeadings and SetIDs serve package editions (editions.Converted).

func (cs *Store) SetHeadings(p *content.Page, hs []content.Heading) {
	cs.update(p, func(pc *pageConv) { pc.headings = hs })
}

func (cs *Store) SetIDs(p *content.Page, ids []string) {
	cs.update(p, func(pc *pageConv) { pc.ids = ids })
}

// HTML is p's HTML while the build holds it (a page's is let go once the
// page is rendered); SetHTML gives it back, for a preview that renders
// the page again.
func (cs *Store) HTML(p *content.Page) template.HTML { return cs.of(p).html }
func (cs *Store) SetHTML(p *content.Page, html template.HTML) {
	cs.update(p, func(pc *pageConv) { pc.html = html })
}

// DescribeSeries gives a series without a description in front matter or
// folio.yaml the first paragraph of its content/series/<slug>.md, known
// only once that page is converted, for its feed, its cards and the list of
// series.
func (cs *Store) DescribeSeries(s *content.Series) {
	if strings.TrimSpace(s.Description) == "" && s.Page != nil {
		desc := cs.Description(s.Page)
		cs.mu.Lock()
		cs.series[s] = desc
		cs.mu.Unlock()
	}
}

// SeriesDescription is a series' description: its own, else its page's
// once DescribeSeries took it.
func (cs *Store) SeriesDescription(s *content.Series) string {
	cs.mu.RLock()
	desc, ok := cs.series[s]
	cs.mu.RUnlock()
	if ok {
		return desc
	}
	return s.Description
}
