package build

import (
	"html/template"
	"io/fs"
	"time"

	"folio/internal/content"
	"folio/internal/converted"
	"folio/internal/i18n"
	"folio/internal/output"
	"folio/internal/resolve"
	"folio/internal/siteurl"
	"folio/internal/templates"
)

// This file is the seam between the build and a preview (package
// preview): a Builder is the handle on one build that a Cache is given,
// and that a preview session drives again for the work it redoes (a patch
// build, the whole-book files of Complete). It shows what a cache needs of
// the build: the linked site, the layouts and words, the store of
// conversions, the answers to links and images, the heading links to
// check, the sidebars' blocks, the warnings, and the stages a preview runs
// alone (a page, a list stage, a feed, the sitemap, a book's editions).
// Nothing else of the builder is reachable from outside, and the clean
// build runs the same code with noCache.

// Builder is the handle on one build (see above).
type Builder struct{ b *builder }

// NewBuilder prepares the render stages of a build of the linked site,
// read through fsys and written through w, that asks c what it may reuse.
func NewBuilder(fsys fs.FS, site *content.Site, w *output.Writer, opts Options, c Cache) (*Builder, error) {
	b, err := newCachedBuilder(fsys, site, w, opts, c)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings) // reported with the errors
	}
	return b.h, nil
}

// Run runs the render stages and describes what they wrote; start is
// when the build began.
func (h *Builder) Run(start time.Time) (*Result, error) { return h.b.runResult(start) }

// Site is the linked site the build renders.
func (h *Builder) Site() *content.Site { return h.b.site }

// Templates are the build's layouts.
func (h *Builder) Templates() *templates.Set { return h.b.tmpl }

// Words are folio's own words in the site's language.
func (h *Builder) Words() *i18n.Words { return h.b.words }

// URLs is the build's URL mapping (package siteurl).
func (h *Builder) URLs() siteurl.Base { return h.b.urls }

// Images resolves the build's images to their variants.
func (h *Builder) Images() *resolve.Images { return h.b.img }

// Source is the page value holding p's current Markdown (builder.source).
func (h *Builder) Source(p *content.Page) *content.Page { return h.b.source(p) }

// Link is the URL a link of page p to dest becomes, with the page and
// heading it points at.
func (h *Builder) Link(p *content.Page, dest string) (string, *content.Page, string, error) {
	return h.b.link(p, dest)
}

// LoadWords loads the words of the site's language, with the warnings
// loading them gave.
func (h *Builder) LoadWords() (*i18n.Words, content.Problems, error) { return loadWords(h.b) }

// Problem records a content error; Warnings are the build's warnings,
// SetWarnings replaces them, AddWarnings adds those it lacks and
// SortWarnings orders them by file and line. StageErr is the problems so
// far as one error, nil for none.
func (h *Builder) Problem(e *content.Error)        { h.b.problem(e) }
func (h *Builder) Warnings() content.Problems      { return h.b.warns }
func (h *Builder) SetWarnings(ws content.Problems) { h.b.warns = ws }
func (h *Builder) AddWarnings(ws content.Problems) { h.b.addWarnings(ws) }
func (h *Builder) SortWarnings()                   { h.b.sortWarnings() }
func (h *Builder) StageErr() error                 { return h.b.stageErr() }

// CheckLater queues a link to a heading for CheckAnchors; Anchors are
// those queued, SetAnchors replaces them (a patch build takes over the
// links into the pages it converts again).
func (h *Builder) CheckLater(a AnchorCheck)    { h.b.checkLater(a) }
func (h *Builder) Anchors() []AnchorCheck      { return h.b.anchors }
func (h *Builder) SetAnchors(as []AnchorCheck) { h.b.anchors = as }
func (h *Builder) CheckAnchors()               { h.b.checkAnchors() }

// Store is what converting made of the pages; SetStore takes over an
// earlier build's (a patch build converts only the edited pages again).
// KeepSources leaves the pages' Markdown in place after converting them,
// for a preview that builds again.
func (h *Builder) Store() *converted.Store      { return h.b.conv }
func (h *Builder) SetStore(cs *converted.Store) { h.b.conv = cs }
func (h *Builder) KeepSources()                 { h.b.keepSources = true }

// SetWriter sends what the build writes from now on to w. Convert and the
// Render methods run one part of the stages again: a page's conversion, a
// page, the sitemap, a book's print edition or EPUB.
func (h *Builder) SetWriter(w *output.Writer)     { h.b.w = w }
func (h *Builder) Convert(p *content.Page)        { h.b.convert(p) }
func (h *Builder) RenderPage(p *content.Page)     { h.b.renderPage(p) }
func (h *Builder) RenderSitemap()                 { h.b.feedFiles.Sitemap() }
func (h *Builder) RenderPrint(book *content.Book) { h.b.renderPrint(book) }
func (h *Builder) RenderEPUB(book *content.Book)  { h.b.renderEPUB(book) }

// PartBlocks are the chapter sidebars' blocks of the book's parts, which
// only linking changes.
func (h *Builder) PartBlocks() map[*content.Part]template.HTML { return h.b.sidebars.Blocks }

// SetPartBlocks takes over the sidebars' blocks of an earlier build of
// the same linked site (a patch build).
func (h *Builder) SetPartBlocks(blocks map[*content.Part]template.HTML) { h.b.sidebars.Blocks = blocks }

// SetEdited gives the build the page values a preview's body edits
// decoded, which stand in for the linked pages (builder.source).
func (h *Builder) SetEdited(edited map[*content.Page]*content.Page) { h.b.edited = edited }

// KeepFile hands an earlier build's file over to the output unchanged.
func (h *Builder) KeepFile(out, by string, data []byte) {
	if err := h.b.w.Keep(out, by, data); err != nil {
		h.b.problem(&content.Error{File: by, Message: err.Error()})
	}
}

// Limit caps the goroutines that convert a book's pages for its editions
// (lanes above zero) and tells them to give up when stop says so; zero
// and nil lift the limits. ClearProblems forgets the problems of work
// given up.
func (h *Builder) Limit(lanes int, stop func() bool) { h.b.lanes, h.b.stop = lanes, stop }
func (h *Builder) ClearProblems() {
	h.b.mu.Lock()
	h.b.probs, h.b.failed = nil, nil
	h.b.mu.Unlock()
}

// RewriteFeed writes a feed again with the arguments it was written with
// (Cache.ReuseFeed), its entries' HTML given by entry (a build frees it
// once a feed is written).
func (h *Builder) RewriteFeed(base, title, subtitle string, posts []*content.Post, by string, entry func(*content.Page) []byte) {
	b := h.b
	for _, post := range posts {
		if html := entry(post.Page); html != nil {
			b.feedFiles.Keep(post.Page, html)
		}
	}
	if len(posts) > 0 && posts[0].Series != nil && posts[0].Series.URL == base {
		b.feedFiles.SeriesFeed(posts[0].Series)
		return
	}
	b.feedFiles.Feed(base, title, subtitle, posts, by)
}

// SidebarDigest stands for the sidebar of a chapter in its page's data
// (listpages.Sidebars.Digest). What rendering its own part's block reads
// joins the page's trace.
func (h *Builder) SidebarDigest(c *content.Chapter) uint64 { return h.b.sidebars.Digest(c) }
