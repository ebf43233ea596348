package build

import (
	"strings"

	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/views"
)

// This file drives package feeds: which feeds a build writes and when (a
// series' feed as soon as its last post is converted), the sitemap,
// robots.txt and _redirects, and what a preview may reuse of them.

// feedWriter is package feeds' view of this build.
func (b *builder) feedWriter() *feeds.Writer {
	return &feeds.Writer{Site: b.site, URLs: b.urls, Credit: b.creditLine, Tags: b.tagsOf, Describe: b.conv.Description,
		Body: func(p *content.Page) []byte {
			b.mu.Lock()
			defer b.mu.Unlock()
			return b.feedHTML[p]
		}}
}

// renderFeeds writes an Atom feed per blog; the series' feeds are written
// as their series complete (writeSeriesFeed).
func (b *builder) renderFeeds() {
	if len(b.site.Blogs) == 0 {
		return
	}
	if b.cfg.BaseURL == "" {
		b.problem(content.Errorf("folio.yaml", 0, "feeds need absolute URLs: set base_url (base_url: https://example.org/) or pass --base-url"))
		return
	}
	for _, blog := range b.site.Blogs {
		posts := blog.Posts[:min(len(blog.Posts), b.cfg.FeedSize)]
		title := b.cfg.Title
		if blog.Index.Title != "" && blog.Index.Title != "Blog" {
			title = blog.Index.Title
		}
		b.writeFeed(blog.Index.URL, title, b.cfg.Description, posts, blog.Index.File)
		b.generated.Add(1)
	}
}

// writeSeriesFeed writes the feed of a series whose posts and description
// page are all converted, then frees the entries no other feed needs.
func (b *builder) writeSeriesFeed(s *content.Series) {
	b.conv.DescribeSeries(s)
	if b.cfg.BaseURL == "" {
		return // renderFeeds reports the missing base URL once
	}
	// Newest first, as feed readers expect, though the series page lists
	// parts in reading order.
	posts := make([]*content.Post, len(s.Posts))
	for i, p := range s.Posts {
		posts[len(s.Posts)-1-i] = p
	}
	b.writeFeed(s.URL, s.Name+" · "+b.cfg.Title, b.conv.SeriesDescription(s), posts, "series "+s.Name)
	b.generated.Add(1)
	b.mu.Lock()
	for _, p := range s.Posts {
		if !b.inBlogFeed[p.Page] {
			delete(b.feedHTML, p.Page)
		}
	}
	b.mu.Unlock()
}

func (b *builder) writeFeed(base, title, subtitle string, posts []*content.Post, by string) {
	if b.cache.ReuseFeed(b.h, base, title, subtitle, posts, by) {
		return
	}
	data, err := b.feedWriter().Atom(feeds.Feed{Path: base, Title: title, Subtitle: subtitle, Posts: posts})
	if err != nil {
		b.problem(content.Errorf(by, 0, "write feed: %v", err))
		return
	}
	b.write(strings.TrimPrefix(base, "/")+"feed.xml", by, data)
}

// siteFeeds are the feeds every page links to.
func (b *builder) siteFeeds() []views.Link {
	var out []views.Link
	if b.cfg.BaseURL == "" {
		return nil
	}
	for _, blog := range b.site.Blogs {
		out = append(out, views.Link{Title: blog.Index.Title, URL: b.absolute(blog.Index.URL + "feed.xml")})
	}
	return out
}

// renderSitemap writes sitemap.xml and robots.txt pointing at it. Without
// a base URL a sitemap cannot be written (its URLs must be absolute), and
// robots.txt says nothing of it.
func (b *builder) renderSitemap() {
	sitemap := ""
	if b.cfg.BaseURL != "" && b.cache.ReuseSitemap(b.h) {
		sitemap = b.absolute("/sitemap.xml")
		b.generated.Add(1)
	} else if b.cfg.BaseURL != "" {
		data, err := feeds.Sitemap(b.site, b.fsys, b.urls)
		if err != nil {
			b.problem(content.Errorf("sitemap.xml", 0, "write: %v", err))
			return
		}
		b.write("sitemap.xml", "sitemap", data)
		sitemap = b.absolute("/sitemap.xml")
		b.generated.Add(1)
	}
	b.write("robots.txt", "robots.txt", feeds.Robots(sitemap))
	b.generated.Add(1)
}

// renderAliases writes a redirect page at each old address a page lists
// under aliases: (layout alias: a meta refresh, a canonical link and a
// visible link, for any host), and _redirects with them all, for the
// hosts that answer with a real 301. content.Link has refused aliases
// that are a page's address or that two pages claim.
func (b *builder) renderAliases() {
	var all []feeds.Redirect
	for _, p := range b.site.Pages {
		for _, alias := range p.Aliases {
			d := b.newData("alias", p.Title, p.URL)
			d.Page, d.NoIndex = p, true
			b.renderData("alias", content.AliasFile(alias), p.File, d)
			b.generated.Add(1)
			all = append(all, feeds.Redirect{From: b.urls.Path(alias), To: b.urls.Path(p.URL)})
		}
	}
	if len(all) == 0 {
		return
	}
	b.write(feeds.RedirectsFile, "aliases", feeds.Redirects(all))
	b.generated.Add(1)
}
