package build

import (
	"html/template"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/resolve"
)

// ConvStore holds what converting made of each page (its HTML, summary,
// outline, the ids of its raw HTML, the description its body gives it) and
// the descriptions series take from their pages. It is the build's, not
// the model's: content.Site is read-only once linked, and views (package views)
// read converted pages through the store. Entries are replaced, never
// changed, so a reader holding one sees it whole. A preview's patch build
// works on the store of the build it patches (goodBuild.conv), where only
// the edited pages are converted again.
type ConvStore struct {
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

func newConvStore(n int) *ConvStore {
	return &ConvStore{pages: make(map[*content.Page]*pageConv, n), series: map[*content.Series]string{}}
}

// of returns what converting made of p; a page not converted yet has only
// its front matter's description.
func (cs *ConvStore) of(p *content.Page) *pageConv {
	cs.mu.RLock()
	pc := cs.pages[p]
	cs.mu.RUnlock()
	if pc == nil {
		return &pageConv{description: p.Description}
	}
	return pc
}

func (cs *ConvStore) set(p *content.Page, pc *pageConv) {
	cs.mu.Lock()
	cs.pages[p] = pc
	cs.mu.Unlock()
}

// update replaces p's entry with a changed copy.
func (cs *ConvStore) update(p *content.Page, change func(*pageConv)) {
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
func (cs *ConvStore) Description(p *content.Page) string { return cs.of(p).description }

// Summary, Headings and IDs are what converting p gave (views.Converted).
func (cs *ConvStore) Summary(p *content.Page) template.HTML { return cs.of(p).summary }
func (cs *ConvStore) Headings(p *content.Page) []content.Heading {
	return cs.of(p).headings
}
func (cs *ConvStore) IDs(p *content.Page) []string { return cs.of(p).ids }

// Outline is what links to p's headings are checked against.
func (cs *ConvStore) Outline(p *content.Page) resolve.Outline {
	pc := cs.of(p)
	return resolve.Outline{Headings: pc.headings, IDs: pc.ids}
}

// SetHeadings and SetIDs serve package editions (editions.Converted).

func (cs *ConvStore) SetHeadings(p *content.Page, hs []content.Heading) {
	cs.update(p, func(pc *pageConv) { pc.headings = hs })
}

func (cs *ConvStore) SetIDs(p *content.Page, ids []string) {
	cs.update(p, func(pc *pageConv) { pc.ids = ids })
}

// HTML is p's HTML while the build holds it (a page's is let go once the
// page is rendered); SetHTML gives it back, for a preview that renders
// the page again.
func (cs *ConvStore) HTML(p *content.Page) template.HTML { return cs.of(p).html }
func (cs *ConvStore) SetHTML(p *content.Page, html template.HTML) {
	cs.update(p, func(pc *pageConv) { pc.html = html })
}

// DescribeSeries gives a series without a description in front matter or
// folio.yaml the first paragraph of its content/series/<slug>.md, known
// only once that page is converted, for its feed, its cards and the list of
// series.
func (cs *ConvStore) DescribeSeries(s *content.Series) {
	if strings.TrimSpace(s.Description) == "" && s.Page != nil {
		desc := cs.Description(s.Page)
		cs.mu.Lock()
		cs.series[s] = desc
		cs.mu.Unlock()
	}
}

// SeriesDescription is a series' description: its own, else its page's
// once DescribeSeries took it.
func (cs *ConvStore) SeriesDescription(s *content.Series) string {
	cs.mu.RLock()
	desc, ok := cs.series[s]
	cs.mu.RUnlock()
	if ok {
		return desc
	}
	return s.Description
}
