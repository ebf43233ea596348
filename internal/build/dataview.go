package build

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/feeds"
)

// dataView is what a page template receives: the fields of pageData, with
// the model behind views (views.go) and its plain fields as they are.
type dataView struct {
	// pageData's plain fields. (Fields of their own, not an embedded
	// struct: html/template finds a promoted field by a slow search that
	// allocates.)
	Kind                               content.Kind
	Title, Description, URL, Canonical string
	Content, Sidebar                   template.HTML
	Headings                           []content.Heading
	Photo                              *content.Photo
	Image                              *feeds.Image
	Pager                              *pager
	Feeds, Links                       []feedLink
	SeeAlso                            []string
	Scheduled, NoIndex                 bool

	pageData *pageData
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

// newDataView makes the view of d for one output. The output reads what
// the build took from its own page's body (its HTML, outline and
// description, pageData's fields), and a series page its series'
// description, which may come from that page.
func newDataView(d *pageData, v *viewer) *dataView {
	v.read(d.Page, readsOwn|readsSummary|readsHeadings)
	if d.Series != nil {
		v.read(d.Series.Page, readsSummary)
	}
	return &dataView{Kind: d.Kind, Title: d.Title, Description: d.Description, URL: d.URL, Canonical: d.Canonical,
		Content: d.Content, Sidebar: d.Sidebar, Headings: d.Headings, Photo: d.Photo, Image: d.Image, Pager: d.Pager,
		Feeds: d.Feeds, Links: d.Links, SeeAlso: d.SeeAlso, Scheduled: d.Scheduled, NoIndex: d.NoIndex,
		pageData: d, Site: v.siteOf(), Page: v.page(d.Page), Book: v.book(d.Book), Chapter: v.chapter(d.Chapter),
		Post: v.post(d.Post), Series: v.seriesOf(d.Series), Tag: v.tag(d.Tag), v: v}
}

func (dv *dataView) Tags() []*tagView      { return viewsOf(dv.pageData.Tags, dv.v.tag) }
func (dv *dataView) Posts() []*postView    { return viewsOf(dv.pageData.Posts, dv.v.post) }
func (dv *dataView) Children() []*pageView { return viewsOf(dv.pageData.Children, dv.v.page) }

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
