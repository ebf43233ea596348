package build

import (
	"io/fs"
	"runtime"

	"folio/internal/content"
	"folio/internal/converted"
	"folio/internal/editions"
	"folio/internal/i18n"
	"folio/internal/markdown"
	"folio/internal/search"
	"folio/internal/shelved"
	"folio/internal/siteurl"
	"folio/internal/templates"
	"folio/internal/views"
)

// Cache is what a build asks at every point where it could reuse the work
// of an earlier build. The stages call it the same way in a clean build
// and in a preview session; only the answers differ. A clean build
// (folio build, folio pdf, folio epub) has noCache, which reuses nothing
// and frees what it can as it goes; a preview session has its memo
// (package preview), which reuses what still holds and keeps what it made
// for the next build. Each method gets the Builder it serves (handle.go),
// which shows a cache what it needs of the build and nothing more.
type Cache interface {
	// Attach binds the cache to the builder it serves.
	Attach(b *Builder)
	// Words and Templates load the site's words and layouts.
	Words(b *Builder) (*i18n.Words, error)
	Templates(layouts fs.FS, urls siteurl.Base, w *i18n.Words) (*templates.Set, error)
	// Editions prepares the books' further editions rendered with each
	// chapter in the page stage (editions.Kept), or returns nil to have
	// them made from their own conversions in stage 6.
	Editions(b *Builder) *editions.Kept
	// Begin, ConvertedFirst and ListingStarts mark the stages: linked
	// and photos resolved; every page converted before any is rendered;
	// every page converted, lists next.
	Begin(b *Builder)
	ConvertedFirst(b *Builder)
	ListingStarts(b *Builder)
	// BetweenStages runs between the end stages (lists, EPUBs).
	BetweenStages()
	// Finished runs after a build that succeeded.
	Finished(b *Builder)

	// Conversion returns an earlier conversion of p that still holds, or
	// nil. Record is asked before p is converted through env (whose
	// functions it may wrap to note their answers) and returns what to
	// call with the conversion made; Converted follows a page's
	// conversion, fresh or reused.
	Conversion(b *Builder, p *content.Page, inFeed bool) *converted.Page
	Record(b *Builder, p *content.Page, env *markdown.Env) func(*converted.Page)
	Converted(b *Builder, p *content.Page)

	// SearchDict interns the index's words; KeepSearch analyses a page's
	// conversion; WriteSearchIndex is asked to write the index.
	SearchDict() *search.Dict
	KeepSearch(b *Builder, p *content.Page, c *converted.Page)
	WriteSearchIndex(b *Builder)

	// RecordsReads says whether views record what outputs read; NoteReads
	// receives those records.
	RecordsReads() bool
	NoteReads(out string, reads []views.Read)

	// The reuse decisions: each reports that the output was handed over
	// from an earlier build, so that it need not be made.
	ReusePage(b *Builder, p *content.Page, d *views.Data) bool
	ReuseData(b *Builder, layout, out, by string, d *views.Data) bool
	ReusePrint(b *Builder, book *content.Book) bool
	ReuseEPUB(b *Builder, book *content.Book) bool
	ReuseFeed(b *Builder, base, title, subtitle string, posts []*content.Post, by string) bool
	ReuseSitemap(b *Builder) bool
}

// noCache is a clean build's cache: it reuses nothing. It renders a book's
// editions with its chapters in the page stage, keeps each page's search
// analysis for the index it writes in stage 6, runs the collector between
// the end stages (see collectGarbage) and prunes the image cache.
type noCache struct{}

func (noCache) Attach(*Builder) {}

func (noCache) Words(h *Builder) (*i18n.Words, error) {
	w, warns, err := loadWords(h.b)
	if err == nil {
		h.b.addWarnings(warns)
	}
	return w, err
}

func (noCache) Templates(layouts fs.FS, urls siteurl.Base, w *i18n.Words) (*templates.Set, error) {
	return templates.Load(layouts, TemplateFuncs(urls, w))
}

func (noCache) Editions(h *Builder) *editions.Kept { return h.b.maker().Prepare() }

// Begin makes the shelf the search analyses wait on for the index.
func (noCache) Begin(h *Builder) {
	if h.b.cfg.Search {
		h.b.searchKept = shelved.NewAnalyses()
	}
}

func (noCache) ConvertedFirst(*Builder) {}
func (noCache) ListingStarts(*Builder)  {}

// BetweenStages collects garbage: see collectGarbage.
func (noCache) BetweenStages() { runtime.GC() }

func (noCache) Finished(h *Builder) { h.b.img.PruneCache() }

func (noCache) Conversion(*Builder, *content.Page, bool) *converted.Page { return nil }
func (noCache) Record(*Builder, *content.Page, *markdown.Env) func(*converted.Page) {
	return func(*converted.Page) {}
}
func (noCache) Converted(*Builder, *content.Page) {}

func (noCache) SearchDict() *search.Dict { return search.NewDict() }

// KeepSearch packs the analysis onto the search shelf (shelved.Analyses):
// in memory, the analyses were 5.4 of the 13.6 MB live at a 1,000-page
// page stage's end, which sets how often the collector runs.
func (noCache) KeepSearch(h *Builder, p *content.Page, c *converted.Page) {
	h.b.searchKept.Put(p, h.b.searchDict, string(c.HTML()))
}

// WriteSearchIndex writes the index from the analyses on the shelf, each
// read back packed as the index asks (search.Doc.Load; unpacked all at
// once, 60 MB at 10,000 pages); one not read back fails it (a problem).
func (noCache) WriteSearchIndex(h *Builder) {
	b := h.b
	kept := b.searchKept
	defer kept.Close()
	b.writeSearchIndex(kept.Doc)
	// Nothing reads the analyses again: free them before the EPUBs.
	b.searchKept, b.searchDict = nil, nil
}

func (noCache) RecordsReads() bool             { return false }
func (noCache) NoteReads(string, []views.Read) {}

func (noCache) ReusePage(*Builder, *content.Page, *views.Data) bool          { return false }
func (noCache) ReuseData(*Builder, string, string, string, *views.Data) bool { return false }
func (noCache) ReusePrint(*Builder, *content.Book) bool                      { return false }
func (noCache) ReuseEPUB(*Builder, *content.Book) bool                       { return false }
func (noCache) ReuseSitemap(*Builder) bool                                   { return false }
func (noCache) ReuseFeed(*Builder, string, string, string, []*content.Post, string) bool {
	return false
}
