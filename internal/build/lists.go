package build

import (
	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/listpages"
	"folio/internal/workpool"
)

// This file drives package listpages, the pages that list others, and
// orders the stage that renders them with the site-wide files.

// renderLists renders the pages that list others, once every page has been
// converted, and the site-wide files.
func (b *builder) renderLists() {
	lp := b.listPages()
	concurrently(
		// The print edition (a whole book on one page, at 10,000 pages
		// tens of megabytes) comes after the lists, once their garbage
		// is collected, and the search index beside it (builder.run).
		b.renderSearch,
		lp.Home,
		func() {
			for _, book := range b.site.Books {
				b.renderPage(book.Index)
			}
		},
		func() {
			for _, blog := range b.site.Blogs {
				lp.Blog(blog)
			}
		},
		lp.Series,
		lp.Tags,
		lp.Credits,
		lp.NotFound,
		b.feedFiles.Aliases,
		b.feedFiles.BlogFeeds,
		b.feedFiles.Sitemap,
	)
}

// renderListsAndPrints renders the lists, then the print editions, a
// whole book on one page each, on top of little but the model (after the
// lists' garbage is collected) and on one core; the search index is
// written beside them on a goroutine of its own (startSearchIndex):
// beside the print editions, which leave a core idle, or in a site
// without a book beside the lists, which keep the cores busy but for
// the index's own stretches on one core.
func (b *builder) renderListsAndPrints() {
	var indexed func()
	if len(b.site.Books) == 0 {
		indexed = b.startSearchIndex()
	}
	b.renderLists()
	b.collectGarbage()
	if indexed == nil {
		indexed = b.startSearchIndex()
	}
	b.renderPrints()
	indexed()
}

// concurrently runs independent render stages on all cores. Each writes
// its own files, so the output does not depend on their order.
func concurrently(stages ...func()) { workpool.Run(workers(), stages) }

// listPages is package listpages' view of this build.
func (b *builder) listPages() *listpages.Renderer {
	return &listpages.Renderer{Site: b.site, Config: b.cfg, Words: b.words, URLs: b.urls,
		SeriesDescription: func(s *content.Series) string { return b.conv.SeriesDescription(s) }, PageData: b.pageDataFor, NewData: b.newData,
		Render: b.renderData, Absolute: b.absolute, Generated: func(n int64) { b.generated.Add(n) }}
}

// newFeeds is the feed glue of this build (package listpages), which
// holds the feed entries' HTML until their feeds are written. It reads
// b.conv when called: a preview's patch build replaces the store.
func (b *builder) newFeeds(inBlogFeed map[*content.Page]bool) *listpages.Feeds {
	return &listpages.Feeds{Renderer: b.listPages(),
		Writer:         feeds.Writer{Site: b.site, URLs: b.urls, Credit: b.creditLine, Tags: b.tagsOf, Describe: func(p *content.Page) string { return b.conv.Description(p) }},
		DescribeSeries: func(s *content.Series) { b.conv.DescribeSeries(s) }, Problem: b.problem, Write: b.write, FS: b.fsys, WriteAsIs: func(rel, by string, data []byte) { b.wrote(b.w.Keep(rel, by, data), by) },
		ReuseFeed: func(base, title, subtitle string, posts []*content.Post, by string) bool {
			return b.cache.ReuseFeed(b.h, base, title, subtitle, posts, by)
		},
		ReuseSitemap: func() bool { return b.cache.ReuseSitemap(b.h) },
		InBlogFeed:   inBlogFeed}
}

func (b *builder) absoluteIf(p string) string {
	if b.cfg.BaseURL == "" {
		return ""
	}
	return b.absolute(p)
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

// RenderListStage runs one stage of renderLists (listpages.Stage).
func (h *Builder) RenderListStage(stage string) {
	b := h.b
	lp := b.listPages()
	switch stage {
	case string(content.KindHome):
		lp.Home()
	case "series":
		lp.Series()
	case "tags":
		lp.Tags()
	case "credits":
		lp.Credits()
	case "404":
		lp.NotFound()
	case "search":
		b.renderSearchPage()
	default:
		for _, blog := range b.site.Blogs {
			if "blog:"+blog.Index.Path == stage {
				lp.Blog(blog)
			}
		}
	}
}
