// Package views is what templates see of the site: read-only views of
// the model (content.Site, its pages, books, blogs, series, tags), made for
// one output at a time by a Viewer. The model itself never reaches a
// template, so no template can change it. What converting made of a page
// (its summary, outline, description) the views read from the build's
// store through Converted.
//
// In a preview session, views record every read as a read by the output
// being rendered: of a page, its fields (a view made: title, URL, dates,
// params, photo, the front matter), its place (book, part, chapter number,
// neighbours, blog, series) and what its body decides (word count and
// reading time, summary and description, outline, own HTML); of the site,
// its settings and navigation, its lists (pages, series, tags, scheduled
// pages, assets), a book's contents, a blog's posts, a series, a tag. A
// Read names what was read (reads.go); the session keeps each with the
// digest of what it read (Digest, Fingerprint: digest.go, fingerprint.go)
// as the output's trace, from which the next build decides whether the
// output can be handed over unchanged, and indexes the reads of bodies by
// page: that index is how a patch build finds the outputs an edited body
// reaches, whatever templates the site has (package build's comment, under
// Preview sessions).
//
// Data is what the build gives a page's template, and DataView what the
// template receives of it (data.go): Data's plain fields, with the model
// behind views.
//
// Package views imports only the model (content, config) and the plain
// data of feeds and editions (feeds.Image, editions.Print); the build
// (package build) makes the viewers and evaluates the reads, so the
// import goes one way.
package views

import (
	"html/template"
	"time"

	"folio/internal/config"
	"folio/internal/content"
)

// Converted is what views read of the build's store of conversions: a
// page's summary, description, outline and the ids of its raw HTML, and a
// series' description (which may come from its page's first paragraph).
type Converted interface {
	Summary(p *content.Page) template.HTML
	Description(p *content.Page) string
	Headings(p *content.Page) []content.Heading
	IDs(p *content.Page) []string
	SeriesDescription(s *content.Series) string
}

// Aspect names what a read took of a page.
type Aspect uint16

const (
	ReadsMinutes  Aspect = 1 << iota // ReadingMinutes
	ReadsWords                       // Words, BodyLine
	ReadsSummary                     // SummaryHTML, Description
	ReadsHeadings                    // Headings, IDs
	ReadsOwn                         // the page's own HTML
	ReadsMeta                        // the view's fields
	ReadsPlace                       // Book, Part, Chapter, Blog, Post and theirs
	ReadsSource                      // its source file (the editions convert it again)
	ReadsSaved                       // the day its source was saved (the sitemap)
	ReadsBody     = ReadsMinutes | ReadsWords | ReadsSummary | ReadsHeadings | ReadsOwn
)

// Viewer makes the views of one output and records what they read. Views
// of one model object are made once per Viewer, so that templates may
// compare them (eq .Page $.Page) and use them as map keys.
type Viewer struct {
	site   *content.Site
	conv   Converted
	src    func(*content.Page) *content.Page
	record bool
	reads  []Read

	// views holds the views made so far, by the model object they show.
	views map[any]any
	made  *Site
}

// NewViewer makes a Viewer for one output; record is set in a preview
// session, which keeps what it reads.
func NewViewer(site *content.Site, conv Converted, src func(*content.Page) *content.Page, record bool) *Viewer {
	v := &Viewer{site: site, conv: conv, src: src, record: record}
	if record {
		v.reads = make([]Read, 0, 8) // a view of a page and its place, the site: one allocation
	}
	return v
}

// Reads are what the views of v read so far (none unless v records).
func (v *Viewer) Reads() []Read { return v.reads }

// Records reports whether v keeps what its views read (a preview).
func (v *Viewer) Records() bool { return v.record }

// Read records a read of what of p.
func (v *Viewer) Read(p *content.Page, what Aspect) {
	if v.record && p != nil {
		v.reads = append(v.reads, Read{Kind: ReadPage, Path: p.Path, What: what})
	}
}

// note records a read of something other than a page.
func (v *Viewer) note(kind ReadKind, name string) {
	if v.record {
		v.reads = append(v.reads, Read{Kind: kind, Path: name})
	}
}

// intern returns the view of k, made once per Viewer; nil for nil.
func intern[K comparable, V any](v *Viewer, k K, zero K, mk func() *V) *V {
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

func (v *Viewer) Page(p *content.Page) *Page {
	return intern(v, p, nil, func() *Page {
		v.Read(p, ReadsMeta)
		return newPage(p, v)
	})
}

// PageFields is the view of p for its digest alone: its fields, with
// no viewer behind its methods.
func PageFields(p *content.Page) *Page { return newPage(p, nil) }

// newPage makes the view of p (v nil: for its digest alone).
func newPage(p *content.Page, v *Viewer) *Page {
	fm := &p.FrontMatter
	return &Page{Path: p.Path, File: p.File, URL: p.URL, OutPath: p.OutPath, Kind: p.Kind, NoFrontMatter: p.NoFrontMatter,
		FrontMatter: fm, Title: fm.Title, Slug: fm.Slug, Summary: fm.Summary, Layout: fm.Layout, Type: fm.Type,
		Subtitle: fm.Subtitle, Author: fm.Author, Status: fm.Status, Date: fm.Date, Updated: fm.Updated, Order: fm.Order,
		HasOrder: fm.HasOrder, Draft: fm.Draft, NoSearch: fm.NoSearch, Tags: fm.Tags, Series: fm.Series, Aliases: fm.Aliases,
		Photo: fm.Photo, Numbered: fm.Numbered, Params: fm.Params, Lines: fm.Lines, p: p, v: v}
}

func (v *Viewer) Book(b *content.Book) *Book {
	return intern(v, b, nil, func() *Book { return &Book{Index: v.Page(b.Index), b: b, v: v} })
}

func (v *Viewer) Part(p *content.Part) *Part {
	return intern(v, p, nil, func() *Part { return &Part{Index: v.Page(p.Index), p: p, v: v} })
}

func (v *Viewer) Chapter(c *content.Chapter) *Chapter {
	return intern(v, c, nil, func() *Chapter {
		v.Read(c.Page, ReadsPlace)
		return &Chapter{Number: c.Number, Page: v.Page(c.Page), c: c, v: v}
	})
}

func (v *Viewer) Blog(b *content.Blog) *Blog {
	return intern(v, b, nil, func() *Blog { return &Blog{Index: v.Page(b.Index), b: b, v: v} })
}

func (v *Viewer) Post(p *content.Post) *Post {
	return intern(v, p, nil, func() *Post {
		v.Read(p.Page, ReadsPlace)
		return &Post{PartNumber: p.PartNumber, Page: v.Page(p.Page), p: p, v: v}
	})
}

func (v *Viewer) Series(s *content.Series) *Series {
	return intern(v, s, nil, func() *Series {
		v.note(ReadSeries, s.Slug)
		return &Series{Name: s.Name, Slug: s.Slug, URL: s.URL, Page: v.Page(s.Page), s: s, v: v}
	})
}

func (v *Viewer) Tag(t *content.Tag) *Tag {
	return intern(v, t, nil, func() *Tag {
		v.note(ReadTag, t.Slug)
		return &Tag{Name: t.Name, Slug: t.Slug, URL: t.URL, t: t, v: v}
	})
}

// Of maps a slice of the model to views.
func Of[T, V any](xs []T, view func(T) V) []V {
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = view(x)
	}
	return out
}

// Page is a page as templates see it: the fields and methods of
// content.Page, read-only. What linking and the front matter decide are
// fields (html/template reads a field without the cost of a call), the
// front matter's through a pointer to the linked page's; what the body
// decides and the relations are methods.
type Page struct {
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
	v *Viewer
}

func (pv *Page) Line(key string) int { return pv.p.Line(key) }
func (pv *Page) BodyLine() int {
	pv.v.Read(pv.p, ReadsWords)
	return pv.v.src(pv.p).BodyLine
}
func (pv *Page) Dir() string    { return pv.p.Dir() }
func (pv *Page) IsBundle() bool { return pv.p.IsBundle() }
func (pv *Page) Place() string  { return pv.p.Place() }
func (pv *Page) IsIndex() bool  { return pv.p.IsIndex() }

// Book and the methods below read the page's place.
func (pv *Page) Book() *Book       { pv.place(); return pv.v.Book(pv.p.Book) }
func (pv *Page) Part() *Part       { pv.place(); return pv.v.Part(pv.p.Part) }
func (pv *Page) Chapter() *Chapter { pv.place(); return pv.v.Chapter(pv.p.Chapter) }
func (pv *Page) Blog() *Blog       { pv.place(); return pv.v.Blog(pv.p.Blog) }
func (pv *Page) Post() *Post       { pv.place(); return pv.v.Post(pv.p.Post) }
func (pv *Page) place()            { pv.v.Read(pv.p, ReadsPlace) }

// Words and the methods below read what the page's body decides.
func (pv *Page) Words() int {
	pv.v.Read(pv.p, ReadsWords)
	return pv.v.src(pv.p).Words
}

func (pv *Page) ReadingMinutes() int {
	pv.v.Read(pv.p, ReadsMinutes)
	return pv.v.src(pv.p).ReadingMinutes()
}

func (pv *Page) SummaryHTML() template.HTML {
	pv.v.Read(pv.p, ReadsSummary)
	return pv.v.conv.Summary(pv.p)
}

func (pv *Page) Description() string {
	pv.v.Read(pv.p, ReadsSummary)
	return pv.v.conv.Description(pv.p)
}

func (pv *Page) Headings() []content.Heading {
	pv.v.Read(pv.p, ReadsHeadings)
	return pv.v.conv.Headings(pv.p)
}

func (pv *Page) IDs() []string {
	pv.v.Read(pv.p, ReadsHeadings)
	return pv.v.conv.IDs(pv.p)
}

// Body refuses, as content.Page's does, with the template's file and line.
func (pv *Page) Body() ([]byte, error) { return pv.p.Body() }

// HTML refuses, as content.Page's does, with the template's file and line.
func (pv *Page) HTML() (template.HTML, error) { return pv.p.HTML() }

// Book is a book as templates see it.
type Book struct {
	Index *Page
	b     *content.Book
	v     *Viewer
}

// Parts and the methods below read the book's contents.
func (bv *Book) Parts() []*Part { bv.contents(); return Of(bv.b.Parts, bv.v.Part) }
func (bv *Book) Chapters() []*Chapter {
	bv.contents()
	return Of(bv.b.Chapters, bv.v.Chapter)
}
func (bv *Book) Series() []*Series { bv.contents(); return Of(bv.b.Series, bv.v.Series) }
func (bv *Book) Folded() bool      { bv.contents(); return bv.b.Folded() }
func (bv *Book) contents()         { bv.v.note(ReadBook, bv.b.Index.Path) }

// Part is a part of a book as templates see it.
type Part struct {
	Index *Page
	p     *content.Part
	v     *Viewer
}

func (pv *Part) Book() *Book { return pv.v.Book(pv.p.Book) }
func (pv *Part) Chapters() []*Chapter {
	pv.v.note(ReadBook, pv.p.Book.Index.Path)
	return Of(pv.p.Chapters, pv.v.Chapter)
}

// Chapter is a chapter as templates see it.
type Chapter struct {
	Number int
	Page   *Page
	c      *content.Chapter
	v      *Viewer
}

// The chapter's view read its place: Number, and the methods below.
func (cv *Chapter) Book() *Book    { return cv.v.Book(cv.c.Book) }
func (cv *Chapter) Part() *Part    { return cv.v.Part(cv.c.Part) }
func (cv *Chapter) Prev() *Chapter { return cv.v.Chapter(cv.c.Prev) }
func (cv *Chapter) Next() *Chapter { return cv.v.Chapter(cv.c.Next) }

// Blog is a blog as templates see it.
type Blog struct {
	Index *Page
	b     *content.Blog
	v     *Viewer
}

func (bv *Blog) Posts() []*Post {
	bv.v.note(ReadBlog, bv.b.Index.Path)
	return Of(bv.b.Posts, bv.v.Post)
}

// Post is a post as templates see it.
type Post struct {
	PartNumber int
	Page       *Page
	p          *content.Post
	v          *Viewer
}

// The post's view read its place: PartNumber, and the methods below.
func (pv *Post) Blog() *Blog     { return pv.v.Blog(pv.p.Blog) }
func (pv *Post) Series() *Series { return pv.v.Series(pv.p.Series) }
func (pv *Post) Prev() *Post     { return pv.v.Post(pv.p.Prev) }
func (pv *Post) Next() *Post     { return pv.v.Post(pv.p.Next) }

// Series is a series as templates see it.
type Series struct {
	Name, Slug, URL string
	Page            *Page
	s               *content.Series
	v               *Viewer
}

// The series' view read the series (ReadSeries): its fields, and the
// methods below.
func (sv *Series) Posts() []*Post { return Of(sv.s.Posts, sv.v.Post) }
func (sv *Series) Book() *Book    { return sv.v.Book(sv.s.Book) }

// Description may come from the series page's first paragraph
// (describeSeries): a read of that page's summary.
func (sv *Series) Description() string {
	sv.v.Read(sv.s.Page, ReadsSummary)
	sv.v.note(ReadSeriesDescription, sv.s.Slug)
	return sv.v.conv.SeriesDescription(sv.s)
}

// Tag is a tag as templates see it.
type Tag struct {
	Name, Slug, URL string
	t               *content.Tag
	v               *Viewer
}

func (tv *Tag) Pages() []*Page { return Of(tv.t.Pages, tv.v.Page) }

// Site is the site as templates see it: its settings and lists.
type Site struct {
	Config *config.Config
	// HasSeries and HasTags say whether the site has any (the header
	// links to the lists), without making a view of each.
	HasSeries, HasTags bool
	s                  *content.Site
	v                  *Viewer
	// Books, Blogs and Menu are the navigation every page shows.
	Books []*Book
	Blogs []*Blog
	Menu  []*Page
	// the other lists, made on first use
	series []*Series
	tags   []*Tag
}

// once makes a list of views the first time it is asked for.
func once[T, V any](list *[]V, xs []T, view func(T) V) []V {
	if *list == nil && len(xs) > 0 {
		*list = Of(xs, view)
	}
	return *list
}

func (v *Viewer) Site() *Site {
	if v.made == nil {
		v.note(ReadSite, "")
		v.made = &Site{Config: &v.site.Config, HasSeries: len(v.site.Series) > 0,
			HasTags: len(v.site.Tags) > 0, s: v.site, v: v}
		v.made.Books = Of(v.site.Books, v.Book)
		v.made.Blogs = Of(v.site.Blogs, v.Blog)
		v.made.Menu = Of(v.site.Menu, v.Page)
	}
	return v.made
}

// Now is the site's present (a read of it: it moves between builds).
func (sv *Site) Now() time.Time {
	sv.v.note(ReadNow, "")
	return sv.s.Now
}

func (sv *Site) Params() map[string]any { return sv.s.Params() }
func (sv *Site) Pages() []*Page {
	sv.v.note(ReadPages, "")
	return Of(sv.s.Pages, sv.v.Page)
}
func (sv *Site) Series() []*Series {
	sv.v.note(ReadAllSeries, "")
	return once(&sv.series, sv.s.Series, sv.v.Series)
}
func (sv *Site) Tags() []*Tag {
	sv.v.note(ReadAllTags, "")
	return once(&sv.tags, sv.s.Tags, sv.v.Tag)
}
func (sv *Site) Scheduled() []*Page {
	sv.v.note(ReadScheduled, "")
	return Of(sv.s.Scheduled, sv.v.Page)
}
func (sv *Site) Assets() []content.Asset {
	sv.v.note(ReadAssets, "")
	return Of(sv.s.Assets, func(a *content.Asset) content.Asset { return *a })
}
func (sv *Site) PageByPath(path string) *Page {
	sv.v.note(ReadLookup, path)
	return sv.v.Page(sv.s.PageByPath(path))
}
func (sv *Site) Omitted(path string) string {
	sv.v.note(ReadOmitted, path)
	return sv.s.Omitted(path)
}
func (sv *Site) OmittedPages() []content.Omission {
	sv.v.note(ReadOmitted, "")
	return sv.s.OmittedPages()
}

// EditURL is the address for editing a page's source (folio.yaml's
// edit_url), "" without one.
func (sv *Site) EditURL(p *Page) string {
	if p == nil {
		return ""
	}
	return sv.s.EditURL(p.p)
}
