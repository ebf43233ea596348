package preview

import (
	"strings"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/views"
)

// This file starts the traces of the files the build writes from Go code
// rather than through a template alone: feeds, the sitemap, each book's
// print edition and EPUB. Each declares here, where it is written, what
// it reads (the print edition's template adds what its views read).

// ReusePrint and reuseEPUB are reuse for the files made of a whole book.
// While deferring, one that changed keeps the last good build's file for now
// and waits for Session.Complete, so that an edit shows on its own page
// without waiting for the book to be converted twice more.
func (m *memo) ReusePrint(b *build.Builder, book *content.Book) bool {
	return m.reuseBook(b, book, "print", strings.TrimPrefix(book.Index.URL, "/")+editions.PrintDir+"/index.html")
}

func (m *memo) ReuseEPUB(b *build.Builder, book *content.Book) bool {
	return m.reuseBook(b, book, "epub", editions.EPUBPath(book))
}

func (m *memo) reuseBook(b *build.Builder, book *content.Book, kind, out string) bool {
	out = cleanOut(out)
	m.mu.Lock()
	m.books[out] = book
	m.mu.Unlock()
	f := views.Seeded()
	f.U64(b.Templates().Digest(kind)) // the print edition's layout; none for the EPUB
	f.Str(kind)
	f.Str(book.Index.Path)
	f.Int(int(editions.NewestDate(b.Site().Pages).Unix())) // the EPUB's dcterms:modified may come from the site
	data := f.Sum()
	var prev *trace
	if g := m.st.good; g != nil {
		prev = g.traces[out]
	}
	if !m.deferring || prev != nil && prev.data == data && m.holds(prev) {
		return m.reuse(b, out, book.Index.File, data, bookReads(book))
	}
	// Until Complete, out keeps the last good build's trace and file.
	m.carry(out)
	m.mu.Lock()
	m.later = append(m.later, out)
	m.mu.Unlock()
	if g := m.st.good; g != nil {
		if data, ok := g.files[out]; ok {
			b.KeepFile(out, book.Index.File, data)
		}
	}
	return true
}

// bookReads are what a print edition or EPUB reads: the site's settings
// and words, what links and images point at, the book's contents, and
// everything of every page of the book, its source too (converted again
// for the edition).
func bookReads(book *content.Book) []views.Read {
	pages := content.BookPages(book)
	reads := make([]views.Read, 0, len(pages)+3)
	reads = append(reads, views.Read{Kind: views.ReadSite}, views.Read{Kind: views.ReadWorld}, views.Read{Kind: views.ReadBook, Path: book.Index.Path})
	for _, p := range pages {
		reads = append(reads, views.Read{Kind: views.ReadPage, Path: p.Path, What: views.ReadsMeta | views.ReadsPlace | views.ReadsBody | views.ReadsSource})
	}
	return reads
}

// ReuseFeed starts a feed's trace: the arguments it is written with, and
// what it reads of its posts (fields, place, description and HTML with
// absolute links), of a series feed's page (whose first paragraph may be
// the subtitle), of the tags and of the site's settings and words. Feeds
// are written once their posts are converted, in either phase.
func (m *memo) ReuseFeed(b *build.Builder, base, title, subtitle string, posts []*content.Post, by string) bool {
	out := feedOut(base)
	m.mu.Lock()
	m.feeds[out] = feedJob{base: base, title: title, subtitle: subtitle, by: by, posts: posts}
	m.mu.Unlock()
	data := views.Digest(struct {
		Base, Title, Subtitle, By string
		Posts                     []*content.Post
	}{base, title, subtitle, by, posts})
	return m.reuse(b, out, by, data, feedReads(posts, base))
}

func feedReads(posts []*content.Post, base string) []views.Read {
	reads := make([]views.Read, 0, len(posts)+3)
	reads = append(reads, views.Read{Kind: views.ReadSite}, views.Read{Kind: views.ReadAllTags})
	for _, post := range posts {
		reads = append(reads, views.Read{Kind: views.ReadPage, Path: post.Page.Path, What: views.ReadsMeta | views.ReadsPlace | views.ReadsSummary | views.ReadsOwn})
	}
	if len(posts) > 0 && posts[0].Series != nil && posts[0].Series.URL == base && posts[0].Series.Page != nil {
		reads = append(reads, views.Read{Kind: views.ReadPage, Path: posts[0].Series.Page.Path, What: views.ReadsMeta | views.ReadsSummary | views.ReadsOwn})
	}
	return reads
}

func feedOut(base string) string { return cleanOut(base + "feed.xml") }

// ReuseSitemap starts the sitemap's trace: every page's fields (URL,
// dates, photo) and the day its source was saved (which dates a page
// without a date), the series and tags with their pages.
func (m *memo) ReuseSitemap(b *build.Builder) bool {
	site := b.Site()
	m.days = make(map[*content.Page]int, len(site.Pages))
	reads := make([]views.Read, 0, len(site.Pages)+len(site.Series)+len(site.Tags)+4)
	reads = append(reads, views.Read{Kind: views.ReadSite}, views.Read{Kind: views.ReadPages}, views.Read{Kind: views.ReadAllSeries}, views.Read{Kind: views.ReadAllTags})
	for _, p := range site.Pages {
		m.days[p] = m.savedOn(p)
		reads = append(reads, views.Read{Kind: views.ReadPage, Path: p.Path, What: views.ReadsMeta | views.ReadsSaved})
	}
	for _, s := range site.Series {
		reads = append(reads, views.Read{Kind: views.ReadSeries, Path: s.Slug})
	}
	for _, t := range site.Tags {
		reads = append(reads, views.Read{Kind: views.ReadTag, Path: t.Slug})
	}
	return m.reuse(b, "sitemap.xml", "sitemap", views.Digest("sitemap"), reads)
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
	if mod, ok := m.tree.ModTime(p.File); ok {
		return day(mod)
	}
	return -1
}
