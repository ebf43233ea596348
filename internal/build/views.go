package build

import (
	"html/template"
	"slices"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/content"
)

// This file is what templates see of the site: read-only views of the
// model, made for one output at a time by a viewer. The model itself never
// reaches a template, so no template can change it.
//
// A view records every read of what a page's body decides (its word count
// and reading time, its summary and description, its outline, its own
// HTML) as a read of that page by the output being rendered. A preview
// session keeps those records (memo.outReads) and indexes them by page
// (goodBuild.readers): that index is how a patch build finds the outputs an
// edited body reaches (patch.go), whatever templates the site has. Reads of
// what linking decides (titles, URLs, dates, params, photos, places in
// books and series) need no record: an edit that changes them loads the
// site again.

// aspect names what a read took of a page.
type aspect uint8

const (
	readsMinutes  aspect = 1 << iota // ReadingMinutes
	readsWords                       // Words
	readsSummary                     // SummaryHTML, Description
	readsHeadings                    // Headings, IDs
	readsOwn                         // the page's own HTML
	readsBody     = readsMinutes | readsWords | readsSummary | readsHeadings | readsOwn
)

// pageRead is one recorded read: which aspects of the page at path.
type pageRead struct {
	path string
	what aspect
}

// viewer makes the views of one output and records what they read. Views
// of one model object are made once per viewer, so that templates may
// compare them (eq .Page $.Page) and use them as map keys.
type viewer struct {
	site   *content.Site
	conv   *convStore
	record bool
	reads  []pageRead

	pages    map[*content.Page]*pageView
	books    map[*content.Book]*bookView
	parts    map[*content.Part]*partView
	chapters map[*content.Chapter]*chapterView
	blogs    map[*content.Blog]*blogView
	posts    map[*content.Post]*postView
	series   map[*content.Series]*seriesView
	tags     map[*content.Tag]*tagView
	siteView *siteView
}

// newViewer makes a viewer for one output; record is set in a preview
// session, which keeps what it reads.
func newViewer(site *content.Site, conv *convStore, record bool) *viewer {
	return &viewer{site: site, conv: conv, record: record}
}

func (v *viewer) read(p *content.Page, what aspect) {
	if v.record && p != nil {
		v.reads = append(v.reads, pageRead{p.Path, what})
	}
}

// intern returns the view of k, made once per viewer; nil for nil.
func intern[K comparable, V any](m *map[K]*V, k K, zero K, mk func() *V) *V {
	if k == zero {
		return nil
	}
	if *m == nil {
		*m = map[K]*V{}
	}
	if v, ok := (*m)[k]; ok {
		return v
	}
	v := mk()
	(*m)[k] = v
	return v
}

func (v *viewer) page(p *content.Page) *pageView {
	return intern(&v.pages, p, nil, func() *pageView { return &pageView{p: p, v: v} })
}

func (v *viewer) book(b *content.Book) *bookView {
	return intern(&v.books, b, nil, func() *bookView { return &bookView{b: b, v: v} })
}

func (v *viewer) part(p *content.Part) *partView {
	return intern(&v.parts, p, nil, func() *partView { return &partView{p: p, v: v} })
}

func (v *viewer) chapter(c *content.Chapter) *chapterView {
	return intern(&v.chapters, c, nil, func() *chapterView { return &chapterView{c: c, v: v} })
}

func (v *viewer) blog(b *content.Blog) *blogView {
	return intern(&v.blogs, b, nil, func() *blogView { return &blogView{b: b, v: v} })
}

func (v *viewer) post(p *content.Post) *postView {
	return intern(&v.posts, p, nil, func() *postView { return &postView{p: p, v: v} })
}

func (v *viewer) seriesOf(s *content.Series) *seriesView {
	return intern(&v.series, s, nil, func() *seriesView { return &seriesView{s: s, v: v} })
}

func (v *viewer) tag(t *content.Tag) *tagView {
	return intern(&v.tags, t, nil, func() *tagView { return &tagView{t: t, v: v} })
}

// viewsOf maps a slice of the model to views.
func viewsOf[T, V any](xs []T, view func(T) V) []V {
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = view(x)
	}
	return out
}

// compactReads merges the reads of one page into one entry each.
func compactReads(rs []pageRead) []pageRead {
	if len(rs) < 2 {
		return rs
	}
	slices.SortFunc(rs, func(a, b pageRead) int { return strings.Compare(a.path, b.path) })
	out := rs[:1]
	for _, r := range rs[1:] {
		if last := &out[len(out)-1]; last.path == r.path {
			last.what |= r.what
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out)
}

// pageView is a page as templates see it: the fields and methods of
// content.Page, read-only.
type pageView struct {
	p *content.Page
	v *viewer
}

func (pv *pageView) Path() string                     { return pv.p.Path }
func (pv *pageView) File() string                     { return pv.p.File }
func (pv *pageView) Kind() content.Kind               { return pv.p.Kind }
func (pv *pageView) FrontMatter() content.FrontMatter { return pv.p.FrontMatter }
func (pv *pageView) Title() string                    { return pv.p.Title }
func (pv *pageView) Date() time.Time                  { return pv.p.Date }
func (pv *pageView) Updated() time.Time               { return pv.p.Updated }
func (pv *pageView) Order() int                       { return pv.p.Order }
func (pv *pageView) HasOrder() bool                   { return pv.p.HasOrder }
func (pv *pageView) Draft() bool                      { return pv.p.Draft }
func (pv *pageView) Slug() string                     { return pv.p.Slug }
func (pv *pageView) Summary() string                  { return pv.p.Summary }
func (pv *pageView) Tags() []string                   { return slices.Clone(pv.p.Tags) }
func (pv *pageView) Series() []string                 { return slices.Clone(pv.p.FrontMatter.Series) }
func (pv *pageView) Photo() *content.Photo            { return pv.p.Photo }
func (pv *pageView) Layout() string                   { return pv.p.Layout }
func (pv *pageView) Numbered() *bool                  { return pv.p.Numbered }
func (pv *pageView) Type() string                     { return pv.p.Type }
func (pv *pageView) Subtitle() string                 { return pv.p.Subtitle }
func (pv *pageView) Author() string                   { return pv.p.Author }
func (pv *pageView) Status() string                   { return pv.p.Status }
func (pv *pageView) Aliases() []string                { return slices.Clone(pv.p.Aliases) }
func (pv *pageView) NoSearch() bool                   { return pv.p.NoSearch }
func (pv *pageView) Params() map[string]any           { return pv.p.Params }
func (pv *pageView) Line(key string) int              { return pv.p.Line(key) }
func (pv *pageView) BodyLine() int                    { return pv.p.BodyLine }
func (pv *pageView) NoFrontMatter() bool              { return pv.p.NoFrontMatter }
func (pv *pageView) URL() string                      { return pv.p.URL }
func (pv *pageView) OutPath() string                  { return pv.p.OutPath }
func (pv *pageView) Dir() string                      { return pv.p.Dir() }
func (pv *pageView) IsBundle() bool                   { return pv.p.IsBundle() }
func (pv *pageView) Place() string                    { return pv.p.Place() }
func (pv *pageView) IsIndex() bool                    { return pv.p.IsIndex() }
func (pv *pageView) Book() *bookView                  { return pv.v.book(pv.p.Book) }
func (pv *pageView) Part() *partView                  { return pv.v.part(pv.p.Part) }
func (pv *pageView) Chapter() *chapterView            { return pv.v.chapter(pv.p.Chapter) }
func (pv *pageView) Blog() *blogView                  { return pv.v.blog(pv.p.Blog) }
func (pv *pageView) Post() *postView                  { return pv.v.post(pv.p.Post) }

// Words and the methods below read what the page's body decides.
func (pv *pageView) Words() int {
	pv.v.read(pv.p, readsWords)
	return pv.p.Words
}

func (pv *pageView) ReadingMinutes() int {
	pv.v.read(pv.p, readsMinutes)
	return pv.p.ReadingMinutes()
}

func (pv *pageView) SummaryHTML() template.HTML {
	pv.v.read(pv.p, readsSummary)
	return pv.v.conv.of(pv.p).summary
}

func (pv *pageView) Description() string {
	pv.v.read(pv.p, readsSummary)
	return pv.v.conv.Description(pv.p)
}

func (pv *pageView) Headings() []content.Heading {
	pv.v.read(pv.p, readsHeadings)
	return slices.Clone(pv.v.conv.of(pv.p).headings)
}

func (pv *pageView) IDs() []string {
	pv.v.read(pv.p, readsHeadings)
	return slices.Clone(pv.v.conv.of(pv.p).ids)
}

// Body refuses, as content.Page's does, with the template's file and line.
func (pv *pageView) Body() ([]byte, error) { return pv.p.Body() }

// HTML refuses, as content.Page's does, with the template's file and line.
func (pv *pageView) HTML() (template.HTML, error) { return pv.p.HTML() }

// bookView is a book as templates see it.
type bookView struct {
	b *content.Book
	v *viewer
}

func (bv *bookView) Index() *pageView         { return bv.v.page(bv.b.Index) }
func (bv *bookView) Parts() []*partView       { return viewsOf(bv.b.Parts, bv.v.part) }
func (bv *bookView) Chapters() []*chapterView { return viewsOf(bv.b.Chapters, bv.v.chapter) }
func (bv *bookView) Series() []*seriesView    { return viewsOf(bv.b.Series, bv.v.seriesOf) }
func (bv *bookView) Folded() bool             { return bv.b.Folded() }

// partView is a part of a book as templates see it.
type partView struct {
	p *content.Part
	v *viewer
}

func (pv *partView) Index() *pageView         { return pv.v.page(pv.p.Index) }
func (pv *partView) Book() *bookView          { return pv.v.book(pv.p.Book) }
func (pv *partView) Chapters() []*chapterView { return viewsOf(pv.p.Chapters, pv.v.chapter) }

// chapterView is a chapter as templates see it.
type chapterView struct {
	c *content.Chapter
	v *viewer
}

func (cv *chapterView) Page() *pageView    { return cv.v.page(cv.c.Page) }
func (cv *chapterView) Book() *bookView    { return cv.v.book(cv.c.Book) }
func (cv *chapterView) Part() *partView    { return cv.v.part(cv.c.Part) }
func (cv *chapterView) Number() int        { return cv.c.Number }
func (cv *chapterView) Prev() *chapterView { return cv.v.chapter(cv.c.Prev) }
func (cv *chapterView) Next() *chapterView { return cv.v.chapter(cv.c.Next) }

// blogView is a blog as templates see it.
type blogView struct {
	b *content.Blog
	v *viewer
}

func (bv *blogView) Index() *pageView   { return bv.v.page(bv.b.Index) }
func (bv *blogView) Posts() []*postView { return viewsOf(bv.b.Posts, bv.v.post) }

// postView is a post as templates see it.
type postView struct {
	p *content.Post
	v *viewer
}

func (pv *postView) Page() *pageView     { return pv.v.page(pv.p.Page) }
func (pv *postView) Blog() *blogView     { return pv.v.blog(pv.p.Blog) }
func (pv *postView) Series() *seriesView { return pv.v.seriesOf(pv.p.Series) }
func (pv *postView) PartNumber() int     { return pv.p.PartNumber }
func (pv *postView) Prev() *postView     { return pv.v.post(pv.p.Prev) }
func (pv *postView) Next() *postView     { return pv.v.post(pv.p.Next) }

// seriesView is a series as templates see it.
type seriesView struct {
	s *content.Series
	v *viewer
}

func (sv *seriesView) Name() string       { return sv.s.Name }
func (sv *seriesView) Slug() string       { return sv.s.Slug }
func (sv *seriesView) URL() string        { return sv.s.URL }
func (sv *seriesView) Page() *pageView    { return sv.v.page(sv.s.Page) }
func (sv *seriesView) Posts() []*postView { return viewsOf(sv.s.Posts, sv.v.post) }
func (sv *seriesView) Book() *bookView    { return sv.v.book(sv.s.Book) }

// Description may come from the series page's first paragraph
// (describeSeries): a read of that page's summary.
func (sv *seriesView) Description() string {
	sv.v.read(sv.s.Page, readsSummary)
	return sv.v.conv.seriesDescription(sv.s)
}

// tagView is a tag as templates see it.
type tagView struct {
	t *content.Tag
	v *viewer
}

func (tv *tagView) Name() string       { return tv.t.Name }
func (tv *tagView) Slug() string       { return tv.t.Slug }
func (tv *tagView) URL() string        { return tv.t.URL }
func (tv *tagView) Pages() []*pageView { return viewsOf(tv.t.Pages, tv.v.page) }

// siteView is the site as templates see it: its settings and lists.
type siteView struct {
	s *content.Site
	v *viewer
}

func (v *viewer) siteOf() *siteView {
	if v.siteView == nil {
		v.siteView = &siteView{s: v.site, v: v}
	}
	return v.siteView
}

func (sv *siteView) Config() config.Config  { return sv.s.Config }
func (sv *siteView) Params() map[string]any { return sv.s.Params() }
func (sv *siteView) Now() time.Time         { return sv.s.Now }
func (sv *siteView) Pages() []*pageView     { return viewsOf(sv.s.Pages, sv.v.page) }
func (sv *siteView) Books() []*bookView     { return viewsOf(sv.s.Books, sv.v.book) }
func (sv *siteView) Blogs() []*blogView     { return viewsOf(sv.s.Blogs, sv.v.blog) }
func (sv *siteView) Series() []*seriesView  { return viewsOf(sv.s.Series, sv.v.seriesOf) }
func (sv *siteView) Tags() []*tagView       { return viewsOf(sv.s.Tags, sv.v.tag) }
func (sv *siteView) Menu() []*pageView      { return viewsOf(sv.s.Menu, sv.v.page) }
func (sv *siteView) Scheduled() []*pageView { return viewsOf(sv.s.Scheduled, sv.v.page) }
func (sv *siteView) Assets() []content.Asset {
	return viewsOf(sv.s.Assets, func(a *content.Asset) content.Asset { return *a })
}
func (sv *siteView) PageByPath(path string) *pageView { return sv.v.page(sv.s.PageByPath(path)) }
func (sv *siteView) Omitted(path string) string       { return sv.s.Omitted(path) }
func (sv *siteView) OmittedPages() []content.Omission { return sv.s.OmittedPages() }

// EditURL is the address for editing a page's source (folio.yaml's
// edit_url), "" without one.
func (sv *siteView) EditURL(p *pageView) string {
	if p == nil {
		return ""
	}
	return sv.s.EditURL(p.p)
}
