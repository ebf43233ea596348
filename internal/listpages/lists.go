// Package listpages owns the pages that list others: the home page, a
// blog's index in pages of page_size posts, the series pages, the tag
// pages, the photo credits (of the site and of each book) and the 404
// page, with the rule of which stage renders which of them (Stage), by
// which a preview runs one stage alone; the chapter sidebars, the book's
// contents beside each chapter (Sidebars, sidebars.go); and the files
// that list pages for programs, written through package feeds (Feeds,
// feeds.go): the Atom feeds, a series' as soon as its last post is
// converted, the sitemap, robots.txt, the alias pages and _redirects.
//
// Package build drives it: build imports listpages and hands it a
// Renderer, its view of one build (the linked site and the functions that
// make a page's data, render it and count it); listpages never imports
// build. Which pages wait until every page is converted is decided in
// build (builder.go's listed, the rule stated in build's package comment),
// not here.
package listpages

import (
	"fmt"
	"strings"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/i18n"
	"folio/internal/siteurl"
	"folio/internal/views"
)

// Renderer is this package's view of one build.
type Renderer struct {
	Site   *content.Site
	Config config.Config
	Words  *i18n.Words
	URLs   siteurl.Base
	// SeriesDescription is a series' description from its posts, "" for none.
	SeriesDescription func(*content.Series) string
	// PageData is the data of a page with a source, NewData of one without.
	PageData func(*content.Page) *views.Data
	NewData  func(kind content.Kind, title, urlPath string) *views.Data
	// Render renders d with layout into the output file out, its problems
	// reported against by.
	Render func(layout, out, by string, d *views.Data)
	// Absolute is the absolute URL of a site path.
	Absolute func(string) string
	// Generated counts n files written without a source of their own.
	Generated func(n int64)
}

// Home renders the home page, with the newest posts of each blog.
func (r *Renderer) Home() {
	var d *views.Data
	home := r.Site.PageByPath("_index.md")
	if home != nil {
		d = r.PageData(home)
	} else {
		d = r.NewData(content.KindHome, "", "/")
		r.Generated(1)
	}
	if d.Image == nil {
		d.Image = feeds.HomeImage(r.URLs, r.Site, home)
	}
	for _, blog := range r.Site.Blogs {
		d.Posts = append(d.Posts, blog.Posts[:min(len(blog.Posts), 5)]...)
	}
	r.Render(layoutOf(home, "home"), "index.html", fileOf(home, "home page"), d)
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

// Blog writes the blog's index in pages of page_size posts:
// /blog/, /blog/page/2/, ...
func (r *Renderer) Blog(blog *content.Blog) {
	size := r.Config.PageSize
	total := max(1, (len(blog.Posts)+size-1)/size)
	for n := 1; n <= total; n++ {
		d := r.PageData(blog.Index)
		d.Posts = blog.Posts[(n-1)*size : min(n*size, len(blog.Posts))]
		d.Pager = &views.Pager{Number: n, Total: total}
		if n > 1 {
			d.Pager.PrevURL = pageURL(blog.Index.URL, n-1)
			d.URL = pageURL(blog.Index.URL, n)
			d.Title = fmt.Sprintf("%s, page %d", blog.Index.Title, n)
			d.Canonical = r.absoluteIf(d.URL)
		}
		if n < total {
			d.Pager.NextURL = pageURL(blog.Index.URL, n+1)
		}
		out := strings.TrimPrefix(pageURL(blog.Index.URL, n), "/") + "index.html"
		r.Render(layoutOf(blog.Index, "blog"), out, blog.Index.File, d)
		if n > 1 {
			r.Generated(1)
		}
	}
}

func (r *Renderer) absoluteIf(p string) string {
	if r.Config.BaseURL == "" {
		return ""
	}
	return r.Absolute(p)
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// Series writes /series/ and a page per series, from its
// content/series/<slug>.md when there is one.
func (r *Renderer) Series() {
	if len(r.Site.Series) > 0 {
		r.generated("series-list", content.SeriesDir+"/index.html", r.Words.Word("series"), "/"+content.SeriesDir+"/")
	}
	for _, s := range r.Site.Series {
		var d *views.Data
		if s.Page != nil {
			d = r.PageData(s.Page)
		} else {
			d = r.NewData(content.KindSeries, s.Name, s.URL)
			if desc := r.SeriesDescription(s); desc != "" {
				d.Description = desc
			}
			r.Generated(1)
		}
		d.Series = s
		if d.Image == nil {
			d.Image = feeds.SeriesImage(r.URLs, s)
		}
		d.Feeds = append(d.Feeds, views.Link{Title: s.Name, URL: r.Absolute(s.URL + "feed.xml")})
		out := strings.TrimPrefix(s.URL, "/") + "index.html"
		r.Render(layoutOf(s.Page, "series"), out, fileOf(s.Page, "series "+s.Name), d)
	}
	// A series description page without posts still gets its page.
	for _, p := range r.Site.Pages {
		if p.Kind == content.KindSeries && !r.isSeriesPage(p) {
			r.Render(layoutOf(p, "page"), p.OutPath, p.File, r.PageData(p))
		}
	}
}

func (r *Renderer) isSeriesPage(p *content.Page) bool {
	for _, s := range r.Site.Series {
		if s.Page == p {
			return true
		}
	}
	return false
}

// Tags writes /tags/ and a page per tag.
func (r *Renderer) Tags() {
	if len(r.Site.Tags) == 0 {
		return
	}
	r.generated("tags", content.TagsDir+"/index.html", r.Words.Word("tags"), "/"+content.TagsDir+"/")
	for _, t := range r.Site.Tags {
		d := r.NewData("tag", r.Words.Word("tagged_title", t.Name), t.URL)
		d.Tag = t
		r.Render("tag", strings.TrimPrefix(t.URL, "/")+"index.html", "tag "+t.Name, d)
		r.Generated(1)
	}
}

// Credits lists every photo of the site, and of each book, with the
// page that uses it.
func (r *Renderer) Credits() {
	var all []views.Credit
	for _, p := range r.Site.Pages {
		if p.Photo != nil && p.Photo.URL != "" {
			all = append(all, views.Credit{Photo: p.Photo, Page: p})
		}
	}
	d := r.NewData("credits", r.Words.Word("photo_credits"), "/credits/")
	d.Credits = all
	r.Render("credits", "credits/index.html", "credits page", d)
	r.Generated(1)
	for _, book := range r.Site.Books {
		d := r.NewData("credits", r.Words.Word("photo_credits_of", book.Index.Title), book.Index.URL+"credits/")
		d.Book, d.Credits = book, BookCredits(book)
		r.Render("credits", strings.TrimPrefix(book.Index.URL, "/")+"credits/index.html", book.Index.File, d)
		r.Generated(1)
	}
}

// BookCredits lists the photos of a book in reading order: its cover, then
// the chapters'.
func BookCredits(book *content.Book) []views.Credit {
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

// generated renders a page that has no source.
func (r *Renderer) generated(layout, out, title, urlPath string) {
	r.Render(layout, out, layout+" page", r.NewData(content.Kind(layout), title, urlPath))
	r.Generated(1)
}

// NotFound writes the page a server shows for a missing address. It has
// no canonical URL of its own and asks search engines not to index it.
func (r *Renderer) NotFound() {
	d := r.NewData("404", r.Words.Word("not_found"), "/404.html")
	d.Canonical, d.NoIndex = "", true
	r.Render("404", "404.html", "404 page", d)
	r.Generated(1)
}

// Stage names the stage of the list pages that renders d: the home page,
// a blog's index (by its page), the series pages, the tag pages, the
// credits, the 404 page, the search page; "" for anything else. A preview
// runs one stage alone (build.Builder.RenderListStage) when an edit reaches its files.
func Stage(d *views.Data) string {
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
