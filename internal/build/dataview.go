package build

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/feeds"
)

// dataView is what a page template receives: the fields of pageData, with
// the model behind views (views.go). What the build took from a page's
// body for the page being rendered (its HTML, outline and description) is
// recorded as read when the template shows it.
type dataView struct {
	d *pageData
	v *viewer
}

func (dv *dataView) Site() *siteView        { return dv.v.siteOf() }
func (dv *dataView) Page() *pageView        { return dv.v.page(dv.d.Page) }
func (dv *dataView) Kind() content.Kind     { return dv.d.Kind }
func (dv *dataView) Title() string          { return dv.d.Title }
func (dv *dataView) URL() string            { return dv.d.URL }
func (dv *dataView) Canonical() string      { return dv.d.Canonical }
func (dv *dataView) Photo() *content.Photo  { return dv.d.Photo }
func (dv *dataView) Image() *feeds.Image    { return dv.d.Image }
func (dv *dataView) Book() *bookView        { return dv.v.book(dv.d.Book) }
func (dv *dataView) Chapter() *chapterView  { return dv.v.chapter(dv.d.Chapter) }
func (dv *dataView) Post() *postView        { return dv.v.post(dv.d.Post) }
func (dv *dataView) Series() *seriesView    { return dv.v.seriesOf(dv.d.Series) }
func (dv *dataView) Tag() *tagView          { return dv.v.tag(dv.d.Tag) }
func (dv *dataView) Tags() []*tagView       { return viewsOf(dv.d.Tags, dv.v.tag) }
func (dv *dataView) Posts() []*postView     { return viewsOf(dv.d.Posts, dv.v.post) }
func (dv *dataView) Children() []*pageView  { return viewsOf(dv.d.Children, dv.v.page) }
func (dv *dataView) Pager() *pager          { return dv.d.Pager }
func (dv *dataView) Feeds() []feedLink      { return dv.d.Feeds }
func (dv *dataView) SeeAlso() []string      { return dv.d.SeeAlso }
func (dv *dataView) Sidebar() template.HTML { return dv.d.Sidebar }
func (dv *dataView) Links() []feedLink      { return dv.d.Links }
func (dv *dataView) Scheduled() bool        { return dv.d.Scheduled }
func (dv *dataView) NoIndex() bool          { return dv.d.NoIndex }

// Description may be the page's own, which its body may give it.
func (dv *dataView) Description() string {
	dv.v.read(dv.d.Page, readsSummary)
	if dv.d.Series != nil {
		dv.v.read(dv.d.Series.Page, readsSummary)
	}
	return dv.d.Description
}

// Content is the page's own HTML.
func (dv *dataView) Content() template.HTML {
	dv.v.read(dv.d.Page, readsOwn)
	return dv.d.Content
}

// Headings are the page's outline.
func (dv *dataView) Headings() []content.Heading {
	dv.v.read(dv.d.Page, readsHeadings)
	return dv.d.Headings
}

// creditView is a photo credit as templates see it.
type creditView struct {
	Photo *content.Photo
	Page  *pageView
}

func (dv *dataView) Credits() []creditView {
	return viewsOf(dv.d.Credits, func(c credit) creditView { return creditView{Photo: c.Photo, Page: dv.v.page(c.Page)} })
}

// Print is the print edition as its template sees it.
func (dv *dataView) Print() *printView {
	ed := dv.d.Print
	if ed == nil {
		return nil
	}
	v := dv.v
	pv := &printView{Book: v.book(ed.Book), Anchors: make(map[*pageView]string, len(ed.Anchors))}
	for p, a := range ed.Anchors {
		pv.Anchors[v.page(p)] = a
	}
	pv.Parts = viewsOf(ed.Parts, func(pp editions.PrintPart) printPartView {
		return printPartView{Part: v.part(pp.Part), Anchor: pp.Anchor, Intro: pp.Intro,
			Chapters: viewsOf(pp.Chapters, func(pc editions.PrintChapter) printChapterView {
				return printChapterView{Chapter: v.chapter(pc.Chapter), Anchor: pc.Anchor, HTML: pc.HTML}
			})}
	})
	return pv
}

// printView, printPartView and printChapterView are editions.Print and its
// parts with the model behind views.
type printView struct {
	Book    *bookView
	Parts   []printPartView
	Anchors map[*pageView]string
}

type printPartView struct {
	Part     *partView
	Anchor   string
	Intro    template.HTML
	Chapters []printChapterView
}

type printChapterView struct {
	Chapter *chapterView
	Anchor  string
	HTML    template.HTML
}

// contentsPartView and contentsItemView are what the "contents-part" and
// "contents-item" templates receive.
type contentsPartView struct {
	Part     *partView
	Current  *chapterView
	Expanded bool
	Items    []template.HTML
}

type contentsItemView struct {
	Chapter *chapterView
	Current bool
}
