package build

import (
	"bytes"
	"encoding/xml"
	"io/fs"
	"time"

	"folio/internal/content"
)

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// renderSitemap writes sitemap.xml and robots.txt pointing at it. Without
// a base URL a sitemap cannot be written (its URLs must be absolute), and
// robots.txt says nothing of it.
func (b *builder) renderSitemap() {
	robots := "User-agent: *\nAllow: /\n"
	if b.cfg.BaseURL != "" && b.memo.reuseSitemap(b) {
		robots += "Sitemap: " + b.absolute("/sitemap.xml") + "\n"
		b.generated.Add(1)
	} else if b.cfg.BaseURL != "" {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		enc := xml.NewEncoder(&buf)
		enc.Indent("", " ")
		if err := enc.Encode(sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: b.sitemapURLs()}); err != nil {
			b.problem(content.Errorf("sitemap.xml", 0, "write: %v", err))
			return
		}
		b.write("sitemap.xml", "sitemap", buf.Bytes())
		robots += "Sitemap: " + b.absolute("/sitemap.xml") + "\n"
		b.generated.Add(1)
	}
	b.write("robots.txt", "robots.txt", []byte(robots))
	b.generated.Add(1)
}

// sitemapURLs lists every page a reader or a search engine should find:
// each page with a source, and the series and tag pages generated for them.
// The generated home page and the photo credits are in; later pages of the
// blog index, the print edition (noindex: it repeats the chapters) and the
// 404 page are left out.
func (b *builder) sitemapURLs() []sitemapURL {
	lm := lastMods{fsys: b.fsys, mtimes: map[*content.Page]time.Time{}}
	var urls []sitemapURL
	add := func(path string, t time.Time) {
		u := sitemapURL{Loc: b.absolute(path)}
		if !t.IsZero() {
			u.LastMod = t.UTC().Format("2006-01-02")
		}
		urls = append(urls, u)
	}
	var posts, tagged []*content.Page
	for _, p := range b.site.Pages {
		if p.Post != nil {
			posts = append(posts, p)
		}
		if len(p.Tags) > 0 {
			tagged = append(tagged, p)
		}
	}
	seriesOf := map[*content.Page]*content.Series{}
	for _, s := range b.site.Series {
		if s.Page != nil {
			seriesOf[s.Page] = s
		}
	}
	if b.site.PageByPath("_index.md") == nil {
		add("/", lm.newest(posts)) // the generated home page
	}
	// A page that lists others changes when they do.
	for _, p := range b.site.Pages {
		t := lm.of(p)
		switch {
		case p.Kind == content.KindHome:
			t = latest(t, lm.newest(posts))
		case p.Blog != nil && p.Post == nil:
			t = latest(t, lm.newest(postPages(p.Blog.Posts)))
		case seriesOf[p] != nil:
			t = latest(t, lm.newest(postPages(seriesOf[p].Posts)))
		}
		add(p.URL, t)
	}
	if len(b.site.Series) > 0 {
		add("/"+content.SeriesDir+"/", lm.newest(posts))
	}
	for _, s := range b.site.Series {
		if s.Page == nil {
			add(s.URL, lm.newest(postPages(s.Posts)))
		}
	}
	if len(b.site.Tags) > 0 {
		add("/"+content.TagsDir+"/", lm.newest(tagged))
	}
	for _, t := range b.site.Tags {
		add(t.URL, lm.newest(t.Pages))
	}
	// The photo credits are pages of their own (the print edition, which
	// repeats the chapters, is noindex and left out).
	var photographed []*content.Page
	for _, p := range b.site.Pages {
		if p.Photo != nil {
			photographed = append(photographed, p)
		}
	}
	add("/credits/", lm.newest(photographed))
	for _, book := range b.site.Books {
		add(book.Index.URL+"credits/", lm.newest(pagesOfBook(book)))
	}
	return urls
}

// lastMods dates pages for the sitemap: by updated, else date, else the
// modification time of the source file, since an undated page (a chapter,
// the about page) changes when its file does.
type lastMods struct {
	fsys   fs.FS
	mtimes map[*content.Page]time.Time
}

func (l lastMods) of(p *content.Page) time.Time {
	if t := updated(p); !t.IsZero() {
		return t
	}
	if t, ok := l.mtimes[p]; ok {
		return t
	}
	var t time.Time
	if fi, err := fs.Stat(l.fsys, p.File); err == nil {
		t = fi.ModTime()
	}
	l.mtimes[p] = t
	return t
}

func (l lastMods) newest(ps []*content.Page) time.Time {
	var t time.Time
	for _, p := range ps {
		t = latest(t, l.of(p))
	}
	return t
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func postPages(posts []*content.Post) []*content.Page {
	out := make([]*content.Page, len(posts))
	for i, p := range posts {
		out[i] = p.Page
	}
	return out
}
