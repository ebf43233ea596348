package build

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/feeds"
	"folio/internal/views"
)

// dataView is what a page template receives: the fields of PageData, with
// the model behind views (package views) and its plain fields as they are.
type dataView struct {
	// PageData's plain fields. (Fields of their own, not an embedded
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

	PageData *PageData
	// The model's objects the page shows most are fields, made with the
	// view (html/template reads a field without the cost of a call).
	Site    *views.Site
	Page    *views.Page
	Book    *views.Book
	Chapter *views.Chapter
	Post    *views.Post
	Series  *views.Series
	Tag     *views.Tag

	v *views.Viewer
}

// newDataView makes the view of d for one output. The output reads what
// the build took from its own page's body (its HTML, outline and
// description, PageData's fields), and a series page its series'
// description, which may come from that page.
func newDataView(d *PageData, v *views.Viewer) *dataView {
	v.Read(d.Page, views.ReadsOwn|views.ReadsSummary|views.ReadsHeadings)
	if d.Series != nil {
		v.Read(d.Series.Page, views.ReadsSummary)
	}
	return &dataView{Kind: d.Kind, Title: d.Title, Description: d.Description, URL: d.URL, Canonical: d.Canonical,
		Content: d.Content, Sidebar: d.Sidebar, Headings: d.Headings, Photo: d.Photo, Image: d.Image, Pager: d.Pager,
		Feeds: d.Feeds, Links: d.Links, SeeAlso: d.SeeAlso, Scheduled: d.Scheduled, NoIndex: d.NoIndex,
		PageData: d, Site: v.Site(), Page: v.Page(d.Page), Book: v.Book(d.Book), Chapter: v.Chapter(d.Chapter),
		Post: v.Post(d.Post), Series: v.Series(d.Series), Tag: v.Tag(d.Tag), v: v}
}

func (dv *dataView) Tags() []*views.Tag      { return views.Of(dv.PageData.Tags, dv.v.Tag) }
func (dv *dataView) Posts() []*views.Post    { return views.Of(dv.PageData.Posts, dv.v.Post) }
func (dv *dataView) Children() []*views.Page { return views.Of(dv.PageData.Children, dv.v.Page) }

// creditView is a photo credit as templates see it.
type creditView struct {
	Photo *content.Photo
	Page  *views.Page
}

func (dv *dataView) Credits() []creditView {
	return views.Of(dv.PageData.Credits, func(c credit) creditView { return creditView{Photo: c.Photo, Page: dv.v.Page(c.Page)} })
}

// Print is the print edition as its template sees it.
func (dv *dataView) Print() *printView {
	ed := dv.PageData.Print
	if ed == nil {
		return nil
	}
	v := dv.v
	pv := &printView{Book: v.Book(ed.Book), Anchors: make(map[*views.Page]string, len(ed.Anchors))}
	for p, a := range ed.Anchors {
		pv.Anchors[v.Page(p)] = a
	}
	pv.Parts = views.Of(ed.Parts, func(pp editions.PrintPart) printPartView {
		return printPartView{Part: v.Part(pp.Part), Anchor: pp.Anchor, Intro: pp.Intro,
			Chapters: views.Of(pp.Chapters, func(pc editions.PrintChapter) printChapterView {
				return printChapterView{Chapter: v.Chapter(pc.Chapter), Anchor: pc.Anchor, HTML: pc.HTML}
			})}
	})
	return pv
}

// printView, printPartView and printChapterView are editions.Print and its
// parts with the model behind views.
type printView struct {
	Book    *views.Book
	Parts   []printPartView
	Anchors map[*views.Page]string
}

type printPartView struct {
	Part     *views.Part
	Anchor   string
	Intro    template.HTML
	Chapters []printChapterView
}

type printChapterView struct {
	Chapter *views.Chapter
	Anchor  string
	HTML    template.HTML
}

// contentsPartView and contentsItemView are what the "contents-part" and
// "contents-item" templates receive.
type contentsPartView struct {
	Part     *views.Part
	Current  *views.Chapter
	Expanded bool
	Items    []template.HTML
}

type contentsItemView struct {
	Chapter *views.Chapter
	Current bool
}
