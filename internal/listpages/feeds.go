package listpages

import (
	"io/fs"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/views"
)

// This file drives package feeds: which feeds a build writes and when (a
// series' feed as soon as its last post is converted), the sitemap,
// robots.txt and _redirects, and what a preview may reuse of them.

// Feeds writes one build's feeds, sitemap, robots.txt and redirects, and
// holds the feed entries' HTML until their feeds are written.
type Feeds struct {
	*Renderer
	// Writer is package feeds' view of the build, without Body, which
	// Feeds gives it from the entries it holds.
	Writer feeds.Writer
	// DescribeSeries fills in a series' description once its page is
	// converted (converted.Store.DescribeSeries).
	DescribeSeries func(*content.Series)
	Problem        func(*content.Error)
	// Write writes an output file, by naming its source; WriteAsIs writes
	// one as it is, which a build that minifies would write minified.
	Write, WriteAsIs func(out, by string, data []byte)
	// FS is the site's sources (the sitemap's dates of static files).
	FS fs.FS
	// ReuseFeed and ReuseSitemap ask the build's cache whether an earlier
	// build's file may stand (build.Cache).
	ReuseFeed    func(base, title, subtitle string, posts []*content.Post, by string) bool
	ReuseSitemap func() bool
	// InBlogFeed marks the posts of the blog feeds, written last.
	InBlogFeed map[*content.Page]bool

	mu sync.Mutex
	// html holds the absolute-link HTML of posts that appear in feeds.
	html map[*content.Page][]byte
}

// Keep holds the absolute-link HTML of a post that appears in a feed.
func (b *Feeds) Keep(p *content.Page, html []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.html == nil {
		b.html = map[*content.Page][]byte{}
	}
	b.html[p] = html
}

// feedWriter is package feeds' view of this build.
func (b *Feeds) feedWriter() *feeds.Writer {
	w := b.Writer
	w.Body = func(p *content.Page) []byte {
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.html[p]
	}
	return &w
}

// BlogFeeds writes an Atom feed per blog; the series' feeds are written
// as their series complete (SeriesFeed).
func (b *Feeds) BlogFeeds() {
	if len(b.Site.Blogs) == 0 {
		return
	}
	if b.Config.BaseURL == "" {
		b.Problem(content.Errorf("folio.yaml", 0, "feeds need absolute URLs: set base_url (base_url: https://example.org/) or pass --base-url"))
		return
	}
	for _, blog := range b.Site.Blogs {
		posts := blog.Posts[:min(len(blog.Posts), b.Config.FeedSize)]
		title := b.Config.Title
		if blog.Index.Title != "" && blog.Index.Title != "Blog" {
			title = blog.Index.Title
		}
		b.Feed(blog.Index.URL, title, b.Config.Description, posts, blog.Index.File)
		b.Generated(1)
	}
}

// SeriesFeed writes the feed of a series whose posts and description
// page are all converted, then frees the entries no other feed needs.
func (b *Feeds) SeriesFeed(s *content.Series) {
	b.DescribeSeries(s)
	if b.Config.BaseURL == "" {
		return // BlogFeeds reports the missing base URL once
	}
	// Newest first, as feed readers expect, though the series page lists
	// parts in reading order.
	posts := make([]*content.Post, len(s.Posts))
	for i, p := range s.Posts {
		posts[len(s.Posts)-1-i] = p
	}
	b.Feed(s.URL, s.Name+" · "+b.Config.Title, b.SeriesDescription(s), posts, "series "+s.Name)
	b.Generated(1)
	b.mu.Lock()
	for _, p := range s.Posts {
		if !b.InBlogFeed[p.Page] {
			delete(b.html, p.Page)
		}
	}
	b.mu.Unlock()
}

// Feed writes the feed at base of posts, unless the cache keeps it.
func (b *Feeds) Feed(base, title, subtitle string, posts []*content.Post, by string) {
	if b.ReuseFeed(base, title, subtitle, posts, by) {
		return
	}
	f, write := feeds.Feed{Path: base, Title: title, Subtitle: subtitle, Posts: posts}, b.Write
	atom := b.feedWriter().Atom
	if b.Config.Minify && b.WriteAsIs != nil {
		// Written as minifying it would write it (feeds.AtomMinified).
		atom, write = b.feedWriter().AtomMinified, b.WriteAsIs
	}
	data, err := atom(f)
	if err != nil {
		b.Problem(content.Errorf(by, 0, "write feed: %v", err))
		return
	}
	write(strings.TrimPrefix(base, "/")+"feed.xml", by, data)
}

// SiteFeeds are the feeds every page links to.
func (b *Renderer) SiteFeeds() []views.Link {
	var out []views.Link
	if b.Config.BaseURL == "" {
		return nil
	}
	for _, blog := range b.Site.Blogs {
		out = append(out, views.Link{Title: blog.Index.Title, URL: b.Absolute(blog.Index.URL + "feed.xml")})
	}
	return out
}

// Sitemap writes sitemap.xml and robots.txt pointing at it. Without
// a base URL a sitemap cannot be written (its URLs must be absolute), and
// robots.txt says nothing of it.
func (b *Feeds) Sitemap() {
	sitemap := ""
	if b.Config.BaseURL != "" && b.ReuseSitemap() {
		sitemap = b.Absolute("/sitemap.xml")
		b.Generated(1)
	} else if b.Config.BaseURL != "" {
		data, err := feeds.Sitemap(b.Site, b.FS, b.URLs)
		if err != nil {
			b.Problem(content.Errorf("sitemap.xml", 0, "write: %v", err))
			return
		}
		b.Write("sitemap.xml", "sitemap", data)
		sitemap = b.Absolute("/sitemap.xml")
		b.Generated(1)
	}
	b.Write("robots.txt", "robots.txt", feeds.Robots(sitemap))
	b.Generated(1)
}

// Aliases writes a redirect page at each old address a page lists
// under aliases: (layout alias: a meta refresh, a canonical link and a
// visible link, for any host), and _redirects with them all, for the
// hosts that answer with a real 301. content.Link has refused aliases
// that are a page's address or that two pages claim.
func (b *Feeds) Aliases() {
	var all []feeds.Redirect
	for _, p := range b.Site.Pages {
		for _, alias := range p.Aliases {
			d := b.NewData("alias", p.Title, p.URL)
			d.Page, d.NoIndex = p, true
			b.Render("alias", content.AliasFile(alias), p.File, d)
			b.Generated(1)
			all = append(all, feeds.Redirect{From: b.URLs.Path(alias), To: b.URLs.Path(p.URL)})
		}
	}
	if len(all) == 0 {
		return
	}
	b.Write(feeds.RedirectsFile, "aliases", feeds.Redirects(all))
	b.Generated(1)
}
