package build

import (
	"html/template"
	"time"

	"folio/internal/config"
	"folio/internal/content"
)

// This file is what templates see of the site: read-only views of the
// model, made for one output at a time by a viewer. The model itself never
// reaches a template, so no template can change it.
//
// In a preview session, views record every read as a read by the output
// being rendered: of a page, its fields (a view made: title, URL, dates,
// params, photo, the front matter), its place (book, part, chapter number,
// neighbours, blog, series) and what its body decides (word count and
// reading time, summary and description, outline, own HTML); of the site,
// its settings and navigation, its lists (pages, series, tags, scheduled
// pages, assets), a book's contents, a blog's posts, a series, a tag. The
// session keeps them with their digests as the output's trace (trace.go),
// from which the next build decides whether the output can be handed over
// unchanged, and indexes the reads of bodies by page (goodBuild.readers):
// that index is how a patch build finds the outputs an edited body reaches
// (patch.go), whatever templates the site has.

// aspect names what a read took of a page.
type aspect uint16

const (
	readsMinutes  aspect = 1 << iota // ReadingMinutes
	readsWords                       // Words, BodyLine
	readsSummary                     // SummaryHTML, Description
	readsHeadings                    // Headings, IDs
	readsOwn                         // the page's own HTML
	readsMeta                        // the view's fields
	readsPlace                       // Book, Part, Chapter, Blog, Post and theirs
	readsSource                      // its source file (the editions convert it again)
	readsSaved                       // the day its source was saved (the sitemap)
	readsBody     = readsMinutes | readsWords | readsSummary | readsHeadings | readsOwn
)

// viewer makes the views of one output and records what they read. Views
// of one model object are made once per viewer, so that templates may
// compare them (eq .Page $.Page) and use them as map keys.
type viewer struct {
	site   *content.Site
	conv   *convStore
	src    func(*content.Page) *content.Page
	record bool
	reads  []pageRead

	// views holds the views made so far, by the model object they show.
	views    map[any]any
	siteView *siteView
}

// newViewer makes a viewer for one output; record is set in a preview
// session, which keeps what it reads.
func newViewer(site *content.Site, conv *convStore, src func(*content.Page) *content.Page, record bool) *viewer {
	v := &viewer{site: site, conv: conv, src: src, record: record}
	if record {
		v.reads = make([]pageRead, 0, 8) // a view of a page and its place, the site: one allocation
	}
	return v
}

func (v *viewer) read(p *content.Page, what aspect) {
	if v.record && p != nil {
		v.reads = append(v.reads, pageRead{readPage, p.Path, what})
	}
}

// note records a read of something other than a page.
func (v *viewer) note(kind readKind, name string) {
	if v.record {
		v.reads = append(v.reads, pageRead{kind: kind, path: name})
	}
}

// intern returns the view of k, made once per viewer; nil for nil.
func intern[K comparable, V any](v *viewer, k K, zero K, mk func() *V) *V {
	if k == zero {
		return nil
	}
	if v.views == nil {
		v.views = make(map[any]any, 8)
	}
	if view, ok := v.views[k]; ok {
		return view.(*V)
	}
	view := mk()
	v.views[k] = view
	return view
}

func (v *viewer) page(p *content.Page) *pageView {
	return intern(v, p, nil, func() *pageView {
		v.read(p, readsMeta)
		return newPageView(p, v)
	})
}

// newPageView makes the view of p (v nil: for its digest alone).
func newPageView(p *content.Page, v *viewer) *pageView {
	fm := &p.FrontMatter
	return &pageView{Path: p.Path, File: p.File, URL: p.URL, OutPath: p.OutPath, Kind: p.Kind, NoFrontMatter: p.NoFrontMatter,
		FrontMatter: fm, Title: fm.Title, Slug: fm.Slug, Summary: fm.Summary, Layout: fm.Layout, Type: fm.Type,
		Subtitle: fm.Subtitle, Author: fm.Author, Status: fm.Status, Date: fm.Date, Updated: fm.Updated, Order: fm.Order,
		HasOrder: fm.HasOrder, Draft: fm.Draft, NoSearch: fm.NoSearch, Tags: fm.Tags, Series: fm.Series, Aliases: fm.Aliases,
		Photo: fm.Photo, Numbered: fm.Numbered, Params: fm.Params, Lines: fm.Lines, p: p, v: v}
}

func (v *viewer) book(b *content.Book) *bookView {
	return intern(v, b, nil, func() *bookView { return &bookView{Index: v.page(b.Index), b: b, v: v} })
}

func (v *viewer) part(p *content.Part) *partView {
	return intern(v, p, nil, func() *partView { return &partView{Index: v.page(p.Index), p: p, v: v} })
}

func (v *viewer) chapter(c *content.Chapter) *chapterView {
	return intern(v, c, nil, func() *chapterView {
		v.read(c.Page, readsPlace)
		return &chapterView{Number: c.Number, Page: v.page(c.Page), c: c, v: v}
	})
}

func (v *viewer) blog(b *content.Blog) *blogView {
	return intern(v, b, nil, func() *blogView { return &blogView{Index: v.page(b.Index), b: b, v: v} })
}

func (v *viewer) post(p *content.Post) *postView {
	return intern(v, p, nil, func() *postView {
		v.read(p.Page, readsPlace)
		return &postView{PartNumber: p.PartNumber, Page: v.page(p.Page), p: p, v: v}
	})
}

func (v *viewer) seriesOf(s *content.Series) *seriesView {
	return intern(v, s, nil, func() *seriesView {
		v.note(readSeries, s.Slug)
		return &seriesView{Name: s.Name, Slug: s.Slug, URL: s.URL, Page: v.page(s.Page), s: s, v: v}
	})
}

func (v *viewer) tag(t *content.Tag) *tagView {
	return intern(v, t, nil, func() *tagView {
		v.note(readTag, t.Slug)
		return &tagView{Name: t.Name, Slug: t.Slug, URL: t.URL, t: t, v: v}
	})
}

// viewsOf maps a slice of the model to views.
func viewsOf[T, V any](xs []T, view func(T) V) []V {
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = view(x)
	}
	return out
}

// pageView is a page as templates see it: the fields and methods of
// content.Page, read-only. What linking and the front matter decide are
// fields (html/template reads a field without the cost of a call), the
// front matter's through a pointer to the linked page's; what the body
// decides and the relations are methods.
type pageView struct {
	Path, File, URL, OutPath string
	Kind                     content.Kind
	NoFrontMatter            bool
	// The front matter's keys, and the front matter itself. (Fields of
	// their own, not an embedded struct: html/template finds a promoted
	// field by a slow search that allocates.)
	FrontMatter                        *content.FrontMatter
	Title, Slug, Summary, Layout, Type string
	Subtitle, Author, Status           string
	Date, Updated                      time.Time
	Order                              int
	HasOrder, Draft, NoSearch          bool
	Tags, Series, Aliases              []string
	Photo                              *content.Photo
	Numbered                           *bool
	Params                             map[string]any
	Lines                              map[string]int

	p *content.Page
	v *viewer
}

func (pv *pageView) Line(key string) int { return pv.p.Line(key) }
func (pv *pageView) BodyLine() int {
	pv.v.read(pv.p, readsWords)
	return pv.v.src(pv.p).BodyLine
}
func (pv *pageView) Dir() string    { return pv.p.Dir() }
func (pv *pageView) IsBundle() bool { return pv.p.IsBundle() }
func (pv *pageView) Place() string  { return pv.p.Place() }
func (pv *pageView) IsIndex() bool  { return pv.p.IsIndex() }

// Book and the methods below read the page's place.
func (pv *pageView) Book() *bookView       { pv.place(); return pv.v.book(pv.p.Book) }
func (pv *pageView) Part() *partView       { pv.place(); return pv.v.part(pv.p.Part) }
func (pv *pageView) Chapter() *chapterView { pv.place(); return pv.v.chapter(pv.p.Chapter) }
func (pv *pageView) Blog() *blogView       { pv.place(); return pv.v.blog(pv.p.Blog) }
func (pv *pageView) Post() *postView       { pv.place(); return pv.v.post(pv.p.Post) }
func (pv *pageView) place()                { pv.v.read(pv.p, readsPlace) }

// Words and the methods below read what the page's body decides.
func (pv *pageView) Words() int {
	pv.v.read(pv.p, readsWords)
	return pv.v.src(pv.p).Words
}

func (pv *pageView) ReadingMinutes() int {
	pv.v.read(pv.p, readsMinutes)
	return pv.v.src(pv.p).ReadingMinutes()
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
	return pv.v.conv.of(pv.p).headings
}

func (pv *pageView) IDs() []string {
	pv.v.read(pv.p, readsHeadings)
	return pv.v.conv.of(pv.p).ids
}

// Body refuses, as content.Page's does, with the template's file and line.
func (pv *pageView) Body() ([]byte, error) { return pv.p.Body() }

// HTML refuses, as content.Page's does, with the template's file and line.
func (pv *pageView) HTML() (template.HTML, error) { return pv.p.HTML() }

// bookView is a book as templates see it.
type bookView struct {
	Index *pageView
	b     *content.Book
	v     *viewer
}

// Parts and the methods below read the book's contents.
func (bv *bookView) Parts() []*partView { bv.contents(); return viewsOf(bv.b.Parts, bv.v.part) }
func (bv *bookView) Chapters() []*chapterView {
	bv.contents()
	return viewsOf(bv.b.Chapters, bv.v.chapter)
}
func (bv *bookView) Series() []*seriesView { bv.contents(); return viewsOf(bv.b.Series, bv.v.seriesOf) }
func (bv *bookView) Folded() bool          { bv.contents(); return bv.b.Folded() }
func (bv *bookView) contents()             { bv.v.note(readBook, bv.b.Index.Path) }

// partView is a part of a book as templates see it.
type partView struct {
	Index *pageView
	p     *content.Part
	v     *viewer
}

func (pv *partView) Book() *bookView { return pv.v.book(pv.p.Book) }
func (pv *partView) Chapters() []*chapterView {
	pv.v.note(readBook, pv.p.Book.Index.Path)
	return viewsOf(pv.p.Chapters, pv.v.chapter)
}

// chapterView is a chapter as templates see it.
type chapterView struct {
	Number int
	Page   *pageView
	c      *content.Chapter
	v      *viewer
}

// The chapter's view read its place: Number, and the methods below.
func (cv *chapterView) Book() *bookView    { return cv.v.book(cv.c.Book) }
func (cv *chapterView) Part() *partView    { return cv.v.part(cv.c.Part) }
func (cv *chapterView) Prev() *chapterView { return cv.v.chapter(cv.c.Prev) }
func (cv *chapterView) Next() *chapterView { return cv.v.chapter(cv.c.Next) }

// blogView is a blog as templates see it.
type blogView struct {
	Index *pageView
	b     *content.Blog
	v     *viewer
}

func (bv *blogView) Posts() []*postView {
	bv.v.note(readBlog, bv.b.Index.Path)
	return viewsOf(bv.b.Posts, bv.v.post)
}

// postView is a post as templates see it.
type postView struct {
	PartNumber int
	Page       *pageView
	p          *content.Post
	v          *viewer
}

// The post's view read its place: PartNumber, and the methods below.
func (pv *postView) Blog() *blogView     { return pv.v.blog(pv.p.Blog) }
func (pv *postView) Series() *seriesView { return pv.v.seriesOf(pv.p.Series) }
func (pv *postView) Prev() *postView     { return pv.v.post(pv.p.Prev) }
func (pv *postView) Next() *postView     { return pv.v.post(pv.p.Next) }

// seriesView is a series as templates see it.
type seriesView struct {
	Name, Slug, URL string
	Page            *pageView
	s               *content.Series
	v               *viewer
}

// The series' view read the series (readSeries): its fields, and the
// methods below.
func (sv *seriesView) Posts() []*postView { return viewsOf(sv.s.Posts, sv.v.post) }
func (sv *seriesView) Book() *bookView    { return sv.v.book(sv.s.Book) }

// Description may come from the series page's first paragraph
// (describeSeries): a read of that page's summary.
func (sv *seriesView) Description() string {
	sv.v.read(sv.s.Page, readsSummary)
	sv.v.note(readSeriesDescription, sv.s.Slug)
	return sv.v.conv.seriesDescription(sv.s)
}

// tagView is a tag as templates see it.
type tagView struct {
	Name, Slug, URL string
	t               *content.Tag
	v               *viewer
}

func (tv *tagView) Pages() []*pageView { return viewsOf(tv.t.Pages, tv.v.page) }

// siteView is the site as templates see it: its settings and lists.
type siteView struct {
	Config *config.Config
	// HasSeries and HasTags say whether the site has any (the header
	// links to the lists), without making a view of each.
	HasSeries, HasTags bool
	s                  *content.Site
	v                  *viewer
	// Books, Blogs and Menu are the navigation every page shows.
	Books []*bookView
	Blogs []*blogView
	Menu  []*pageView
	// the other lists, made on first use
	series []*seriesView
	tags   []*tagView
}

// once makes a list of views the first time it is asked for.
func once[T, V any](list *[]V, xs []T, view func(T) V) []V {
	if *list == nil && len(xs) > 0 {
		*list = viewsOf(xs, view)
	}
	return *list
}

func (v *viewer) siteOf() *siteView {
	if v.siteView == nil {
		v.note(readSite, "")
		v.siteView = &siteView{Config: &v.site.Config, HasSeries: len(v.site.Series) > 0,
			HasTags: len(v.site.Tags) > 0, s: v.site, v: v}
		v.siteView.Books = viewsOf(v.site.Books, v.book)
		v.siteView.Blogs = viewsOf(v.site.Blogs, v.blog)
		v.siteView.Menu = viewsOf(v.site.Menu, v.page)
	}
	return v.siteView
}

// Now is the site's present (a read of it: it moves between builds).
func (sv *siteView) Now() time.Time {
	sv.v.note(readNow, "")
	return sv.s.Now
}

func (sv *siteView) Params() map[string]any { return sv.s.Params() }
func (sv *siteView) Pages() []*pageView {
	sv.v.note(readPages, "")
	return viewsOf(sv.s.Pages, sv.v.page)
}
func (sv *siteView) Series() []*seriesView {
	sv.v.note(readAllSeries, "")
	return once(&sv.series, sv.s.Series, sv.v.seriesOf)
}
func (sv *siteView) Tags() []*tagView {
	sv.v.note(readAllTags, "")
	return once(&sv.tags, sv.s.Tags, sv.v.tag)
}
func (sv *siteView) Scheduled() []*pageView {
	sv.v.note(readScheduled, "")
	return viewsOf(sv.s.Scheduled, sv.v.page)
}
func (sv *siteView) Assets() []content.Asset {
	sv.v.note(readAssets, "")
	return viewsOf(sv.s.Assets, func(a *content.Asset) content.Asset { return *a })
}
func (sv *siteView) PageByPath(path string) *pageView {
	sv.v.note(readLookup, path)
	return sv.v.page(sv.s.PageByPath(path))
}
func (sv *siteView) Omitted(path string) string {
	sv.v.note(readOmitted, path)
	return sv.s.Omitted(path)
}
func (sv *siteView) OmittedPages() []content.Omission {
	sv.v.note(readOmitted, "")
	return sv.s.OmittedPages()
}

// EditURL is the address for editing a page's source (folio.yaml's
// edit_url), "" without one.
func (sv *siteView) EditURL(p *pageView) string {
	if p == nil {
		return ""
	}
	return sv.s.EditURL(p.p)
}
