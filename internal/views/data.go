package views

import (
	"html/template"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/feeds"
)

// Data is what the build gives a page's template, which receives it as a
// DataView. Fields that do not apply to a page are nil.
type Data struct {
	Site        *content.Site
	Page        *content.Page
	Kind        content.Kind
	Title       string
	Description string
	// URL is the page's site path; Canonical its absolute URL (empty
	// without a base URL).
	URL       string
	Canonical string
	Content   template.HTML
	Headings  []content.Heading
	Photo     *content.Photo
	// Image is the photo for social cards, with an absolute URL.
	Image    *feeds.Image
	Book     *content.Book
	Chapter  *content.Chapter
	Post     *content.Post
	Series   *content.Series
	Tag      *content.Tag
	Tags     []*content.Tag
	Posts    []*content.Post
	Children []*content.Page
	Pager    *Pager
	Feeds    []Link
	SeeAlso  []string
	Credits  []Credit
	// Sidebar is a chapter's contents, rendered by "contents-part" when
	// the page is (sidebarOf), not when its data is made: a preview that
	// hands the page over need not render it.
	Sidebar   template.HTML
	Links     []Link
	Print     *editions.Print
	Scheduled bool
	// NoIndex asks search engines to leave the page out (the 404 page).
	NoIndex bool
	// SearchBox and SearchScript are the header's search form and the
	// search client's script tag, the same on every page of a build
	// (package sitewide renders them once).
	SearchBox, SearchScript template.HTML
	// Pieces are the partials that read nothing of the page (the
	// header, the footer), rendered once per build (package sitewide),
	// which the page's layout writes instead of calling them
	// (templates.Set.PieceNames).
	Pieces Pieces

	sidebarOf *content.Chapter
}

// Pieces are partials rendered once per build, by name.
type Pieces map[string]template.HTML

// PieceOf is the piece name in the data of a page (a DataView), "" for
// any other data or a piece the build did not render: the function
// through which a layout writes a piece (package templates).
func PieceOf(name string, data any) template.HTML {
	if dv, ok := data.(*DataView); ok && dv != nil && dv.data != nil {
		return dv.data.Pieces[name]
	}
	return ""
}

// Link is a feed or another page linked to from a page: its title and URL.
type Link struct{ Title, URL string }

// Pager places one page of a paginated list among the others.
type Pager struct {
	Number, Total    int
	PrevURL, NextURL string
}

// Credit is a photo and the page it heads (the credits page).
type Credit struct {
	Photo *content.Photo
	Page  *content.Page
}

// ShowSidebar has the page show the contents of c's book beside it,
// rendered when the page is (see Sidebar); SidebarOf is that chapter.
func (d *Data) ShowSidebar(c *content.Chapter) { d.sidebarOf = c }
func (d *Data) SidebarOf() *content.Chapter    { return d.sidebarOf }

// DataView is what a page template receives: the fields of Data, with
// the model behind views (package views) and its plain fields as they are.
type DataView struct {
	// Data's plain fields. (Fields of their own, not an embedded
	// struct: html/template finds a promoted field by a slow search that
	// allocates.)
	Kind                               content.Kind
	Title, Description, URL, Canonical string
	Content, Sidebar                   template.HTML
	SearchBox, SearchScript            template.HTML
	Headings                           []content.Heading
	Photo                              *content.Photo
	Image                              *feeds.Image
	Pager                              *Pager
	Feeds, Links                       []Link
	SeeAlso                            []string
	Scheduled, NoIndex                 bool

	data *Data
	// The model's objects the page shows most are fields, made with the
	// view (html/template reads a field without the cost of a call).
	Site    *Site
	Page    *Page
	Book    *Book
	Chapter *Chapter
	Post    *Post
	Series  *Series
	Tag     *Tag

	v     *Viewer
	print *printView
}

// NewDataView makes the view of d for one output. The output reads what
// the build took from its own page's body (its HTML, outline and
// description, Data's fields), and a series page its series'
// description, which may come from that page.
func NewDataView(d *Data, v *Viewer) *DataView {
	v.Read(d.Page, ReadsOwn|ReadsSummary|ReadsHeadings)
	if d.Series != nil {
		v.Read(d.Series.Page, ReadsSummary)
	}
	return &DataView{Kind: d.Kind, Title: d.Title, Description: d.Description, URL: d.URL, Canonical: d.Canonical,
		Content: d.Content, Sidebar: d.Sidebar, Headings: d.Headings, Photo: d.Photo, Image: d.Image, Pager: d.Pager,
		Feeds: d.Feeds, Links: d.Links, SeeAlso: d.SeeAlso, Scheduled: d.Scheduled, NoIndex: d.NoIndex,
		SearchBox: d.SearchBox, SearchScript: d.SearchScript,
		data: d, Site: v.Site(), Page: v.Page(d.Page), Book: v.Book(d.Book), Chapter: v.Chapter(d.Chapter),
		Post: v.Post(d.Post), Series: v.Series(d.Series), Tag: v.Tag(d.Tag), v: v}
}

func (dv *DataView) Tags() []*Tag      { return Of(dv.data.Tags, dv.v.Tag) }
func (dv *DataView) Posts() []*Post    { return Of(dv.data.Posts, dv.v.Post) }
func (dv *DataView) Children() []*Page { return Of(dv.data.Children, dv.v.Page) }

// creditView is a photo credit as templates see it.
type creditView struct {
	Photo *content.Photo
	Page  *Page
}

func (dv *DataView) Credits() []creditView {
	return Of(dv.data.Credits, func(c Credit) creditView { return creditView{Photo: c.Photo, Page: dv.v.Page(c.Page)} })
}

// Print is the print edition as its template sees it, made on the first
// call (the built-in layout asks for it once a photo credit, to find the
// photo's page's anchor).
func (dv *DataView) Print() *printView {
	ed := dv.data.Print
	if ed == nil || dv.print != nil {
		return dv.print
	}
	dv.print = dv.newPrint(ed)
	return dv.print
}

// newPrint is the view of the print edition ed.
func (dv *DataView) newPrint(ed *editions.Print) *printView {
	v := dv.v
	pv := &printView{Book: v.Book(ed.Book), Anchors: make(map[*Page]string, len(ed.Anchors))}
	for p, a := range ed.Anchors {
		pv.Anchors[v.Page(p)] = a
	}
	pv.Parts = Of(ed.Parts, func(pp editions.PrintPart) printPartView {
		return printPartView{Part: v.Part(pp.Part), Anchor: pp.Anchor, intro: pp.Intro,
			Chapters: Of(pp.Chapters, func(pc editions.PrintChapter) printChapterView {
				return printChapterView{Chapter: v.Chapter(pc.Chapter), Anchor: pc.Anchor, html: pc.HTML}
			})}
	})
	return pv
}

// printView, printPartView and printChapterView are editions.Print and its
// parts with the model behind
type printView struct {
	Book    *Book
	Parts   []printPartView
	Anchors map[*Page]string
}

type printPartView struct {
	Part     *Part
	Anchor   string
	intro    editions.PrintHTML
	Chapters []printChapterView
}

type printChapterView struct {
	Chapter *Chapter
	Anchor  string
	html    editions.PrintHTML
}

// Intro and HTML are a part's introduction and a chapter's text, read
// when the layout asks for them (editions.PrintHTML): the print edition
// holds one at a time.
func (pp printPartView) Intro() (template.HTML, error)   { return pp.intro.Read() }
func (pc printChapterView) HTML() (template.HTML, error) { return pc.html.Read() }

// ContentsPart and ContentsItem are what the "contents-part" and
// "contents-item" templates receive.
type ContentsPart struct {
	Part     *Part
	Current  *Chapter
	Expanded bool
	Items    []template.HTML
}

type ContentsItem struct {
	Chapter *Chapter
	Current bool
}
