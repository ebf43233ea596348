package build

import (
	"io/fs"
	"runtime"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/i18n"
	"folio/internal/markdown"
	"folio/internal/search"
	"folio/internal/siteurl"
	"folio/internal/templates"
	"folio/internal/views"
)

// cache is what a build asks at every point where it could reuse the work
// of an earlier build. The stages call it the same way in a clean build
// and in a preview session; only the answers differ. A clean build
// (folio build, folio pdf, folio epub) has noCache, which reuses nothing
// and frees what it can as it goes; a preview session has its memo
// (memo.go), which reuses what still holds and keeps what it made for the
// next build.
type cache interface {
	// attach binds the cache to the builder it serves.
	attach(b *builder)
	// words and templates load the site's words and layouts.
	words(b *builder) (*i18n.Words, error)
	templates(layouts fs.FS, urls siteurl.Base, w *i18n.Words) (*templates.Set, error)
	// editions prepares the books' further editions rendered with each
	// chapter in the page stage (editions.Kept), or returns nil to have
	// them made from their own conversions in stage 6.
	editions(b *builder) *editions.Kept
	// begin, convertedFirst and listingStarts mark the stages: linked
	// and photos resolved; every page converted before any is rendered;
	// every page converted, lists next.
	begin(b *builder)
	convertedFirst(b *builder)
	listingStarts(b *builder)
	// betweenStages runs between the end stages (lists, EPUBs).
	betweenStages()
	// finished runs after a build that succeeded.
	finished(b *builder)

	// conversion returns an earlier conversion of p that still holds, or
	// nil; recorder, keep and converted follow a page's conversion.
	conversion(b *builder, p *content.Page, inFeed bool) *converted
	recorder(b *builder, p *content.Page, env *markdown.Env) *recorder
	keep(b *builder, p *content.Page, base string, c *converted, r *recorder)
	converted(b *builder, p *content.Page)

	// searchDict interns the index's words; keepSearch receives a page's
	// analysis; writeSearchIndex is asked to write the index.
	searchDict() *search.Dict
	keepSearch(b *builder, p *content.Page, body *search.Body)
	writeSearchIndex(b *builder)

	// recordsReads says whether views record what outputs read; noteReads
	// receives those records.
	recordsReads() bool
	noteReads(out string, reads []views.Read)

	// The reuse decisions: each reports that the output was handed over
	// from an earlier build, so that it need not be made.
	reusePage(b *builder, p *content.Page, d *pageData) bool
	reuseData(b *builder, layout, out, by string, d *pageData) bool
	reusePrint(b *builder, book *content.Book) bool
	reuseEPUB(b *builder, book *content.Book) bool
	reuseFeed(b *builder, base, title, subtitle string, posts []*content.Post, by string) bool
	reuseSitemap(b *builder) bool
}

// noCache is a clean build's cache: it reuses nothing. It renders a book's
// editions with its chapters in the page stage, keeps each page's search
// analysis for the index it writes in stage 6, runs the collector between
// the end stages (see collectGarbage) and prunes the image cache.
type noCache struct{}

func (noCache) attach(*builder) {}

func (noCache) words(b *builder) (*i18n.Words, error) {
	w, warns, err := loadWords(b)
	if err == nil {
		b.addWarnings(warns)
	}
	return w, err
}

func (noCache) templates(layouts fs.FS, urls siteurl.Base, w *i18n.Words) (*templates.Set, error) {
	return templates.Load(layouts, templateFuncs(urls, w))
}

func (noCache) editions(b *builder) *editions.Kept { return b.maker().Prepare() }
func (noCache) begin(*builder)                     {}
func (noCache) convertedFirst(*builder)            {}
func (noCache) listingStarts(*builder)             {}

// betweenStages collects garbage: see collectGarbage.
func (noCache) betweenStages() { runtime.GC() }

func (noCache) finished(b *builder) { b.img.PruneCache() }

func (noCache) conversion(*builder, *content.Page, bool) *converted { return nil }
func (noCache) recorder(*builder, *content.Page, *markdown.Env) *recorder {
	return nil
}
func (noCache) keep(*builder, *content.Page, string, *converted, *recorder) {}
func (noCache) converted(*builder, *content.Page)                           {}

func (noCache) searchDict() *search.Dict { return search.NewDict() }

func (noCache) keepSearch(b *builder, p *content.Page, body *search.Body) {
	b.mu.Lock()
	b.searchBodies[p] = body
	b.mu.Unlock()
}

func (noCache) writeSearchIndex(b *builder) {
	b.writeSearchIndex(func(p *content.Page) *search.Body { return b.searchBodies[p] })
	// Nothing reads the analyses again: free them before the EPUBs.
	b.searchBodies, b.searchDict = nil, nil
}

func (noCache) recordsReads() bool             { return false }
func (noCache) noteReads(string, []views.Read) {}

func (noCache) reusePage(*builder, *content.Page, *pageData) bool          { return false }
func (noCache) reuseData(*builder, string, string, string, *pageData) bool { return false }
func (noCache) reusePrint(*builder, *content.Book) bool                    { return false }
func (noCache) reuseEPUB(*builder, *content.Book) bool                     { return false }
func (noCache) reuseSitemap(*builder) bool                                 { return false }
func (noCache) reuseFeed(*builder, string, string, string, []*content.Post, string) bool {
	return false
}
