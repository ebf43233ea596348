package build

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/editions"
)

// dataView is what a page template receives: the fields of pageData, with
// the model behind views (views.go) and its plain fields as they are. What the build took from a page's
// body for the page being rendered (its HTML, outline and description) is
// recorded as read when the template shows it.
type dataView struct {
	*pageData // its plain fields: kind, title, URL, pager, feeds, ...
	// The model's objects the page shows most are fields, made with the
	// view (html/template reads a field without the cost of a call).
	Site    *siteView
	Page    *pageView
	Book    *bookView
	Chapter *chapterView
	Post    *postView
	Series  *seriesView
	Tag     *tagView

	v *viewer
}

// newDataView makes the view of d for one output.
func newDataView(d *pageData, v *viewer) *dataView {
	return &dataView{pageData: d, Site: v.siteOf(), Page: v.page(d.Page), Book: v.book(d.Book), Chapter: v.chapter(d.Chapter),
		Post: v.post(d.Post), Series: v.seriesOf(d.Series), Tag: v.tag(d.Tag), v: v}
}

func (dv *dataView) Tags() []*tagView      { return viewsOf(dv.pageData.Tags, dv.v.tag) }
func (dv *dataView) Posts() []*postView    { return viewsOf(dv.pageData.Posts, dv.v.post) }
func (dv *dataView) Children() []*pageView { return viewsOf(dv.pageData.Children, dv.v.page) }

// Description may be the page's own, which its body may give it.
func (dv *dataView) Description() string {
	dv.v.read(dv.pageData.Page, readsSummary)
	if dv.pageData.Series != nil {
		dv.v.read(dv.pageData.Series.Page, readsSummary)
	}
	return dv.pageData.Description
}

// Content is the page's own HTML.
func (dv *dataView) Content() template.HTML {
	dv.v.read(dv.pageData.Page, readsOwn)
	return dv.pageData.Content
}

// Headings are the page's outline.
func (dv *dataView) Headings() []content.Heading {
	dv.v.read(dv.pageData.Page, readsHeadings)
	return dv.pageData.Headings
}

// creditView is a photo credit as templates see it.
type creditView struct {
	Photo *content.Photo
	Page  *pageView
}

func (dv *dataView) Credits() []creditView {
	return viewsOf(dv.pageData.Credits, func(c credit) creditView { return creditView{Photo: c.Photo, Page: dv.v.page(c.Page)} })
}

// Print is the print edition as its template sees it.
func (dv *dataView) Print() *printView {
	ed := dv.pageData.Print
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
