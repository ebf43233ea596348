package build

import (
	"fmt"
	"strings"

	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/views"
	"folio/internal/workpool"
)

// renderLists renders the pages that list others, once every page has been
// converted, and the site-wide files.
func (b *builder) renderLists() {
	concurrently(
		// The two that hold the most memory go one after the other, the
		// search index first, which frees the pages' analyses: at 10,000
		// pages, the index's writing and a 3,000-chapter print edition
		// each held tens of megabytes at once.
		func() { b.renderSearch(); b.renderPrints() },
		b.renderHome,
		func() {
			for _, book := range b.site.Books {
				b.renderPage(book.Index)
			}
		},
		func() {
			for _, blog := range b.site.Blogs {
				b.renderBlog(blog)
			}
		},
		b.renderSeries,
		b.renderTags,
		b.renderCredits,
		b.render404,
		b.renderAliases,
		b.renderFeeds,
		b.renderSitemap,
	)
}

// concurrently runs independent render stages on all cores. Each writes
// its own files, so the output does not depend on their order.
func concurrently(stages ...func()) { workpool.Run(workers(), stages) }

func (b *builder) renderHome() {
	var d *views.Data
	home := b.site.PageByPath("_index.md")
	if home != nil {
		d = b.pageDataFor(home)
	} else {
		d = b.newData(content.KindHome, "", "/")
		b.generated.Add(1)
	}
	if d.Image == nil {
		d.Image = feeds.HomeImage(b.urls, b.site, home)
	}
	for _, blog := range b.site.Blogs {
		d.Posts = append(d.Posts, blog.Posts[:min(len(blog.Posts), 5)]...)
	}
	b.renderData(layoutOf(home, "home"), "index.html", fileOf(home, "home page"), d)
}

func layoutOf(p *content.Page, kind string) string {
	if p != nil && p.Layout != "" {
		return p.Layout
	}
	return kind
}

func fileOf(p *content.Page, what string) string {
	if p != nil {
		return p.File
	}
	return what
}

// renderBlog writes the blog's index in pages of page_size posts:
// /blog/, /blog/page/2/, ...
func (b *builder) renderBlog(blog *content.Blog) {
	size := b.cfg.PageSize
	total := max(1, (len(blog.Posts)+size-1)/size)
	for n := 1; n <= total; n++ {
		d := b.pageDataFor(blog.Index)
		d.Posts = blog.Posts[(n-1)*size : min(n*size, len(blog.Posts))]
		d.Pager = &views.Pager{Number: n, Total: total}
		if n > 1 {
			d.Pager.PrevURL = pageURL(blog.Index.URL, n-1)
			d.URL = pageURL(blog.Index.URL, n)
			d.Title = fmt.Sprintf("%s, page %d", blog.Index.Title, n)
			d.Canonical = b.absoluteIf(d.URL)
		}
		if n < total {
			d.Pager.NextURL = pageURL(blog.Index.URL, n+1)
		}
		out := strings.TrimPrefix(pageURL(blog.Index.URL, n), "/") + "index.html"
		b.renderData(layoutOf(blog.Index, "blog"), out, blog.Index.File, d)
		if n > 1 {
			b.generated.Add(1)
		}
	}
}

func (b *builder) absoluteIf(p string) string {
	if b.cfg.BaseURL == "" {
		return ""
	}
	return b.absolute(p)
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// renderSeries writes /series/ and a page per series, from its
// content/series/<slug>.md when there is one.
func (b *builder) renderSeries() {
	if len(b.site.Series) > 0 {
		b.renderGenerated("series-list", content.SeriesDir+"/index.html", b.words.Word("series"), "/"+content.SeriesDir+"/")
	}
	for _, s := range b.site.Series {
		var d *views.Data
		if s.Page != nil {
			d = b.pageDataFor(s.Page)
		} else {
			d = b.newData(content.KindSeries, s.Name, s.URL)
			if desc := b.conv.SeriesDescription(s); desc != "" {
				d.Description = desc
			}
			b.generated.Add(1)
		}
		d.Series = s
		if d.Image == nil {
			d.Image = feeds.SeriesImage(b.urls, s)
		}
		d.Feeds = append(d.Feeds, views.Link{Title: s.Name, URL: b.absolute(s.URL + "feed.xml")})
		out := strings.TrimPrefix(s.URL, "/") + "index.html"
		b.renderData(layoutOf(s.Page, "series"), out, fileOf(s.Page, "series "+s.Name), d)
	}
	// A series description page without posts still gets its page.
	for _, p := range b.site.Pages {
		if p.Kind == content.KindSeries && !b.isSeriesPage(p) {
			b.renderData(layoutOf(p, "page"), p.OutPath, p.File, b.pageDataFor(p))
		}
	}
}

func (b *builder) isSeriesPage(p *content.Page) bool {
	for _, s := range b.site.Series {
		if s.Page == p {
			return true
		}
	}
	return false
}

func (b *builder) renderTags() {
	if len(b.site.Tags) == 0 {
		return
	}
	b.renderGenerated("tags", content.TagsDir+"/index.html", b.words.Word("tags"), "/"+content.TagsDir+"/")
	for _, t := range b.site.Tags {
		d := b.newData("tag", b.words.Word("tagged_title", t.Name), t.URL)
		d.Tag = t
		b.renderData("tag", strings.TrimPrefix(t.URL, "/")+"index.html", "tag "+t.Name, d)
		b.generated.Add(1)
	}
}

// renderCredits lists every photo of the site, and of each book, with the
// page that uses it.
func (b *builder) renderCredits() {
	var all []views.Credit
	for _, p := range b.site.Pages {
		if p.Photo != nil && p.Photo.URL != "" {
			all = append(all, views.Credit{Photo: p.Photo, Page: p})
		}
	}
	d := b.newData("credits", b.words.Word("photo_credits"), "/credits/")
	d.Credits = all
	b.renderData("credits", "credits/index.html", "credits page", d)
	b.generated.Add(1)
	for _, book := range b.site.Books {
		d := b.newData("credits", b.words.Word("photo_credits_of", book.Index.Title), book.Index.URL+"credits/")
		d.Book, d.Credits = book, bookCredits(book)
		b.renderData("credits", strings.TrimPrefix(book.Index.URL, "/")+"credits/index.html", book.Index.File, d)
		b.generated.Add(1)
	}
}

// bookCredits lists the photos of a book in reading order: its cover, then
// the chapters'.
func bookCredits(book *content.Book) []views.Credit {
	var cs []views.Credit
	if book.Index.Photo != nil && book.Index.Photo.URL != "" {
		cs = append(cs, views.Credit{Photo: book.Index.Photo, Page: book.Index})
	}
	for _, c := range book.Chapters {
		if c.Page.Photo != nil && c.Page.Photo.URL != "" {
			cs = append(cs, views.Credit{Photo: c.Page.Photo, Page: c.Page})
		}
	}
	return cs
}

// renderGenerated renders a page that has no source.
func (b *builder) renderGenerated(layout, out, title, urlPath string) {
	b.renderData(layout, out, layout+" page", b.newData(content.Kind(layout), title, urlPath))
	b.generated.Add(1)
}

// describedSeries returns the series whose description page p is, if any.
func (b *builder) describedSeries(p *content.Page) *content.Series {
	if p.Kind != content.KindSeries {
		return nil
	}
	for _, s := range b.site.Series {
		if s.Page == p {
			return s
		}
	}
	return nil
}

// render404 writes the page a server shows for a missing address. It has
// no canonical URL of its own and asks search engines not to index it.
func (b *builder) render404() {
	d := b.newData("404", b.words.Word("not_found"), "/404.html")
	d.Canonical, d.NoIndex = "", true
	b.renderData("404", "404.html", "404 page", d)
	b.generated.Add(1)
}

// ListStage names the stage of renderLists that renders d: the home page,
// a blog's index (by its page), the series pages, the tag pages, the
// credits, the 404 page, the search page; "" for anything else. A preview
// runs one stage alone (RenderListStage) when an edit reaches its files.
func ListStage(d *views.Data) string {
	switch d.Kind {
	case content.KindHome, "credits", "404", "search":
		return string(d.Kind)
	case content.KindSeries, "series-list":
		return "series"
	case "tag", "tags":
		return "tags"
	case content.KindBlog:
		if d.Page != nil && d.Pager != nil {
			return "blog:" + d.Page.Path
		}
	}
	return ""
}

// RenderListStage runs one stage of renderLists (see ListStage).
func (h *Builder) RenderListStage(stage string) {
	b := h.b
	switch stage {
	case string(content.KindHome):
		b.renderHome()
	case "series":
		b.renderSeries()
	case "tags":
		b.renderTags()
	case "credits":
		b.renderCredits()
	case "404":
		b.render404()
	case "search":
		b.renderSearchPage()
	default:
		for _, blog := range b.site.Blogs {
			if "blog:"+blog.Index.Path == stage {
				b.renderBlog(blog)
			}
		}
	}
}
