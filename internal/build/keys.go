package build

import (
	"fmt"
	"time"
	"unsafe"

	"folio/internal/content"
	"folio/internal/feeds"
)

// This file says, for every file the build renders, what it shows: the
// memo re-renders a file exactly when the fingerprint of those inputs
// changed. It mirrors the built-in templates and the functions that fill
// pageData, and errs on the side of including too much: an input left out
// here is a preview that goes stale, which the session's equivalence test
// (random edits, each build compared with a clean one) is there to catch.
//
// What each file reads of pages' bodies is not declared here: the views
// templates read through record it (views.go), and a patch build finds
// the files an edited body reaches from those records.

// siteRead names what a layout reads from .Site beyond what every page
// shows (title, language, copyright, the navigation: books, blogs, menu,
// whether there are series and tags), which the global print covers.
type siteRead uint8

const (
	readsNothingMore siteRead = iota
	readsSeries               // every series: name, URL, parts, description
	readsTags                 // every tag: name, URL, count
	readsHome                 // series, and books' descriptions
)

// siteReads lists the built-in layouts. A page with any other layout (a
// name from layouts/, or one added later without a line here) is rendered
// every time, which is slow but never stale.
var siteReads = map[string]siteRead{
	"404": readsNothingMore, "blog": readsNothingMore, "book": readsNothingMore, "chapter": readsNothingMore,
	"credits": readsNothingMore, "home": readsHome, "page": readsNothingMore, "part": readsNothingMore,
	"post": readsNothingMore, "section": readsNothingMore, "series-list": readsSeries, "series": readsNothingMore,
	"tag": readsNothingMore, "tags": readsTags, "alias": readsNothingMore, "search": readsNothingMore,
}

// fingerprintedFields are the pageData fields dataKey knows. A field added
// to pageData without being fingerprinted turns the memo's template outputs
// off (see pageDataKnown).
var fingerprintedFields = []string{"Site", "Page", "Kind", "Title", "Description", "URL", "Canonical",
	"Content", "Headings", "Photo", "Image", "Book", "Chapter", "Post", "Series", "Tag", "Tags", "Posts",
	"Children", "Pager", "Feeds", "SeeAlso", "Credits", "Sidebar", "Links", "Print", "Scheduled", "NoIndex"}

// view is what another page can show of p: its link print and reading
// time, and once every page is converted, its summary and description.
func (m *memo) view(f *fingerprint, p *content.Page) {
	f.u64(m.link(p))
	if p == nil {
		return
	}
	mk := m.marks[p]
	if mk == nil {
		return
	}
	f.u64(mk.words)
	if m.listing.Load() {
		f.u64(mk.conv)
	}
}

// seriesView is a series as lists show it once every page is converted:
// its print, its description (which its page's first paragraph may have
// given it) and its parts.
func (m *memo) seriesView(f *fingerprint, s *content.Series) {
	f.u64(m.printSeries(s))
	f.str(m.conv.seriesDescription(s))
	m.view(f, s.Page)
	for _, post := range s.Posts {
		m.view(f, post.Page)
	}
}

// self writes everything about the page being rendered.
func (m *memo) self(f *fingerprint, p *content.Page) bool {
	mk := m.marks[p]
	if mk == nil {
		return false
	}
	f.u64(mk.link)
	f.u64(mk.words)
	f.u64(mk.conv)
	f.u64(mk.own)
	f.str(m.conv.Description(p))
	f.str(p.File) // the edit link (edit_url)
	return true
}

// start begins the key of a file rendered with layout, or reports that
// files of that layout are rendered every time.
func (m *memo) start(b *builder, kind, layout, out string) (*fingerprint, bool) {
	read, known := siteReads[layout]
	if m.off || !known && !m.user {
		return nil, false
	}
	f := newFingerprint()
	f.u64(m.prints.global)
	f.str(kind)
	f.str(layout)
	f.str(out)
	if m.user {
		f.u64(m.prints.user)
		if m.listing.Load() {
			f.u64(m.lists)
		}
	}
	switch read {
	case readsSeries:
		m.seriesDescriptions(f, b.site)
	case readsTags:
		f.u64(m.prints.tagsAll)
	case readsHome:
		m.seriesDescriptions(f, b.site)
		for _, bk := range b.site.Books {
			m.view(f, bk.Index)
		}
	}
	return f, true
}

// seriesDescriptions covers the list of every series with descriptions.
func (m *memo) seriesDescriptions(f *fingerprint, site *content.Site) {
	f.u64(m.prints.seriesAll)
	for _, s := range site.Series {
		f.str(m.conv.seriesDescription(s))
		if s.Page != nil && m.listing.Load() {
			m.view(f, s.Page)
		}
	}
}

// pageKey fingerprints what renderPage shows of a page with a source,
// straight from the model: building its pageData would cost more than
// rendering is worth skipping for. It follows pageDataFor.
func (m *memo) pageKey(b *builder, p *content.Page) (*fingerprint, bool) {
	layout := layoutFor(p)
	f, ok := m.start(b, "page", layout, p.OutPath)
	if !ok || !m.self(f, p) {
		return nil, false
	}
	m.bookKey(f, p.Book, p.Chapter, layout)
	m.chapterKey(f, p.Chapter)
	if post := p.Post; post != nil {
		f.bool(p.Date.After(b.site.Now))
		m.postKey(f, post)
		f.u64(m.prints.tagNames) // with the tags in the link print, how they are named
	}
	return f, true
}

// bookKey covers the book's title and contents as a page of it shows them:
// a chapter of a folded book sees the part titles and its own part only;
// the book's own page also shows each chapter's reading time.
func (m *memo) bookKey(f *fingerprint, bk *content.Book, c *content.Chapter, layout string) {
	f.bool(bk != nil)
	if bk == nil {
		return
	}
	bp := m.prints.books[bk]
	if bp == nil {
		bp = m.printBook(bk)
	}
	m.view(f, bk.Index)
	f.u64(bp.series)
	if layout == "book" {
		for _, ch := range bk.Chapters {
			f.u64(m.marks[ch.Page].words)
		}
		if m.listing.Load() {
			for _, s := range bk.Series {
				f.str(m.conv.seriesDescription(s))
				m.view(f, s.Page)
			}
		}
	}
	if c != nil && bk.Folded() {
		f.u64(bp.header)
		f.u64(bp.parts[c.Part])
		return
	}
	f.u64(bp.all)
}

func (m *memo) chapterKey(f *fingerprint, c *content.Chapter) {
	f.bool(c != nil)
	if c == nil {
		return
	}
	f.int(c.Number)
	if c.Part != nil {
		m.view(f, c.Part.Index)
	}
	if c.Prev != nil {
		m.view(f, c.Prev.Page)
	}
	if c.Next != nil {
		m.view(f, c.Next.Page)
	}
}

// postKey covers a post's series: its parts (the series box, see-also
// links, the series feed link) and the book it accompanies.
func (m *memo) postKey(f *fingerprint, post *content.Post) {
	f.int(post.PartNumber)
	s := post.Series
	f.bool(s != nil)
	if s == nil {
		return
	}
	if v, ok := m.prints.series[s]; ok {
		f.u64(v)
	} else {
		f.u64(m.printSeries(s))
	}
}

// dataKey fingerprints a file rendered from d. Fields pointing into the
// model are followed as far as the built-in templates follow them.
func (m *memo) dataKey(b *builder, layout, out string, d *pageData) (*fingerprint, bool) {
	f, ok := m.start(b, "data", layout, out)
	if !ok {
		return nil, false
	}
	for _, s := range []string{string(d.Kind), d.Title, d.Description, d.URL, d.Canonical} {
		f.str(s)
	}
	f.bool(d.Scheduled)
	f.bool(d.NoIndex)
	f.str(string(d.Sidebar))
	own := d.Page
	f.bool(own != nil)
	if own != nil && !m.self(f, own) {
		return nil, false
	}
	var oc *pageConv
	if own != nil {
		oc = m.conv.of(own)
	}
	if own == nil || !sameString(string(d.Content), string(oc.html)) {
		htmlPrint(f, d.Content)
	}
	if own == nil || !sameHeadings(d.Headings, oc.headings) {
		for _, h := range d.Headings {
			f.str(fmt.Sprint(h))
		}
	}
	if own == nil || d.Photo != own.Photo {
		photoPrint(f, d.Photo)
	}
	if im := d.Image; im != nil {
		f.str(im.URL)
		f.str(im.Alt)
		f.int(im.Width)
		f.int(im.Height)
	}
	m.bookKey(f, d.Book, d.Chapter, layout)
	m.chapterKey(f, d.Chapter)
	if d.Post != nil {
		m.postKey(f, d.Post)
	}
	m.listKeys(f, d)
	return f, true
}

// listKeys covers the lists a file shows. Series, tag and credit lists
// show titles, dates and photos, which link prints hold; post lists also
// show summaries and reading times.
func (m *memo) listKeys(f *fingerprint, d *pageData) {
	if s := d.Series; s != nil {
		m.seriesView(f, s)
	}
	if t := d.Tag; t != nil {
		f.str(t.Name)
		f.str(t.URL)
		for _, p := range t.Pages {
			f.u64(m.link(p))
		}
	}
	for _, t := range d.Tags {
		f.str(t.Name)
		f.str(t.URL)
	}
	f.int(len(d.Posts))
	for _, p := range d.Posts {
		m.view(f, p.Page)
		f.int(p.PartNumber)
		if p.Series != nil {
			f.str(p.Series.Name)
			f.str(p.Series.URL)
		}
	}
	f.int(len(d.Children))
	for _, p := range d.Children {
		m.view(f, p)
	}
	if pg := d.Pager; pg != nil {
		f.int(pg.Number)
		f.int(pg.Total)
		f.str(pg.PrevURL)
		f.str(pg.NextURL)
	}
	for _, l := range append(d.Feeds, d.Links...) {
		f.str(l.Title)
		f.str(l.URL)
	}
	f.int(len(d.Feeds))
	f.strs(d.SeeAlso)
	for _, c := range d.Credits {
		photoPrint(f, c.Photo)
		f.u64(m.link(c.Page))
	}
}

func sameString(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

func sameHeadings(a, b []content.Heading) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// reuseFeed covers a feed: its posts as entries show them (title, dates,
// description, photo, tags, and the HTML with absolute links), and for a
// series feed the series page, whose first paragraph may be the subtitle.
// Feeds are written once their posts are converted, in either phase.
func (m *memo) reuseFeed(b *builder, base, title, subtitle string, posts []*content.Post, by string) bool {
	f := newFingerprint()
	f.u64(m.prints.global)
	for _, s := range []string{"feed", base, title, subtitle, by} {
		f.str(s)
	}
	for _, post := range posts {
		m.convertedPrint(f, post.Page)
	}
	if len(posts) > 0 && posts[0].Series != nil && posts[0].Series.URL == base && posts[0].Series.Page != nil {
		m.convertedPrint(f, posts[0].Series.Page)
	}
	f.u64(m.prints.tagNames)
	out := feedOut(base)
	m.noteReads(out, feedReads(posts, base))
	m.mu.Lock()
	m.feeds[out] = feedJob{base: base, title: title, subtitle: subtitle, by: by, posts: posts}
	m.mu.Unlock()
	return m.reuse(b, out, by, f, true)
}

// feedReads are what a feed reads of pages: its entries' descriptions and
// HTML, and for a series feed the series page's, whose first paragraph may
// be the subtitle.
func feedReads(posts []*content.Post, base string) []pageRead {
	reads := make([]pageRead, 0, len(posts)+1)
	for _, post := range posts {
		reads = append(reads, pageRead{post.Page.Path, readsSummary | readsOwn})
	}
	if len(posts) > 0 && posts[0].Series != nil && posts[0].Series.URL == base && posts[0].Series.Page != nil {
		reads = append(reads, pageRead{posts[0].Series.Page.Path, readsSummary | readsOwn})
	}
	return reads
}

// convertedPrint writes what conversion made of a page known to be
// converted.
func (m *memo) convertedPrint(f *fingerprint, p *content.Page) {
	f.u64(m.link(p))
	if mk := m.marks[p]; mk != nil {
		f.u64(mk.conv)
		f.u64(mk.own)
	}
}

func feedOut(base string) string { return cleanOut(base + "feed.xml") }

// reuseSitemap covers the sitemap: every page's URL and date (the time its
// source was saved when it has no date), and the series and tag pages.
func (m *memo) reuseSitemap(b *builder) bool {
	f := newFingerprint()
	f.u64(m.prints.global)
	f.str("sitemap")
	m.days = make(map[*content.Page]int, len(b.site.Pages))
	for _, p := range b.site.Pages {
		f.str(p.URL)
		f.str(string(p.Kind))
		f.bool(p.Photo != nil) // the credits' lastmod
		f.int(day(feeds.Updated(p)))
		m.days[p] = m.savedOn(p)
		f.int(m.days[p])
	}
	for _, s := range b.site.Series {
		f.str(s.URL)
		f.u64(m.link(s.Page))
		for _, post := range s.Posts {
			f.str(post.Page.Path)
		}
	}
	for _, t := range b.site.Tags {
		f.str(t.URL)
		for _, p := range t.Pages {
			f.str(p.Path)
		}
	}
	return m.reuse(b, "sitemap.xml", "sitemap", f, true)
}

// day is all a sitemap shows of a time.
func day(t time.Time) int {
	if t.IsZero() {
		return -1
	}
	u := t.UTC()
	return u.Year()*1000 + u.YearDay()
}

// savedOn is the day p's source was last saved, which dates undated pages.
func (m *memo) savedOn(p *content.Page) int {
	if src := m.tree.files[p.File]; src != nil {
		return day(src.mod)
	}
	return -1
}

// bookPrint covers what a book's print edition and EPUB are made of: every
// page of the book, its place and its source, what its links and images
// point at, the book's description and the site's settings.
func (m *memo) bookPrint(book *content.Book, kind string) *fingerprint {
	f := newFingerprint()
	f.u64(m.prints.global)
	f.u64(m.prints.user)
	f.u64(m.lists)
	f.u64(m.world)
	f.str(kind)
	f.str(book.Index.Path)
	if bp := m.prints.books[book]; bp != nil {
		f.u64(bp.all)
	}
	for _, p := range content.BookPages(book) {
		m.convertedPrint(f, p)
		sum, _ := m.tree.Sum(p.File)
		f.str(sum)
	}
	f.str(m.conv.Description(book.Index))
	for _, c := range bookCredits(book) {
		photoPrint(f, c.Photo)
	}
	return f
}
