package feeds

import (
	"bytes"
	"encoding/xml"
	"io/fs"
	"time"

	"folio/internal/content"
	"folio/internal/siteurl"
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

// Sitemap is sitemap.xml of a site with a base URL (its URLs must be
// absolute). fsys is the site folder, whose file times date the pages
// without a date.
func Sitemap(site *content.Site, fsys fs.FS, urls siteurl.Base) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: sitemapURLs(site, fsys, urls)}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Robots is robots.txt: everything allowed, and the sitemap named when the
// site has one (sitemap is its absolute URL, "" without).
func Robots(sitemap string) []byte {
	robots := "User-agent: *\nAllow: /\n"
	if sitemap != "" {
		robots += "Sitemap: " + sitemap + "\n"
	}
	return []byte(robots)
}

// listedPages are the pages that the generated lists show, whose changes
// date those lists: the posts, the tagged pages and the pages with a
// photo (the credits).
func listedPages(site *content.Site) (posts, tagged, photographed []*content.Page) {
	for _, p := range site.Pages {
		if p.Post != nil {
			posts = append(posts, p)
		}
		if len(p.Tags) > 0 {
			tagged = append(tagged, p)
		}
		if p.Photo != nil {
			photographed = append(photographed, p)
		}
	}
	return posts, tagged, photographed
}

// sitemapURLs lists every page a reader or a search engine should find:
// each page with a source, and the series and tag pages generated for them.
// The generated home page and the photo credits are in; later pages of the
// blog index, the print edition (noindex: it repeats the chapters) and the
// 404 page are left out.
func sitemapURLs(site *content.Site, fsys fs.FS, urls siteurl.Base) []sitemapURL {
	lm := lastMods{fsys: fsys, mtimes: map[*content.Page]time.Time{}}
	var out []sitemapURL
	add := func(path string, t time.Time) {
		u := sitemapURL{Loc: urls.Abs(path)}
		if !t.IsZero() {
			u.LastMod = t.UTC().Format("2006-01-02")
		}
		out = append(out, u)
	}
	posts, tagged, photographed := listedPages(site)
	seriesOf := map[*content.Page]*content.Series{}
	for _, s := range site.Series {
		if s.Page != nil {
			seriesOf[s.Page] = s
		}
	}
	if site.PageByPath("_index.md") == nil {
		add("/", lm.newest(posts)) // the generated home page
	}
	// A page that lists others changes when they do.
	for _, p := range site.Pages {
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
	if len(site.Series) > 0 {
		add("/"+content.SeriesDir+"/", lm.newest(posts))
	}
	for _, s := range site.Series {
		if s.Page == nil {
			add(s.URL, lm.newest(postPages(s.Posts)))
		}
	}
	if len(site.Tags) > 0 {
		add("/"+content.TagsDir+"/", lm.newest(tagged))
	}
	for _, t := range site.Tags {
		add(t.URL, lm.newest(t.Pages))
	}
	// The photo credits are pages of their own (the print edition, which
	// repeats the chapters, is noindex and left out).
	add("/credits/", lm.newest(photographed))
	for _, book := range site.Books {
		add(book.Index.URL+"credits/", lm.newest(content.BookPages(book)))
	}
	return out
}

// lastMods dates pages for the sitemap: by updated, else date, else the
// modification time of the source file, since an undated page (a chapter,
// the about page) changes when its file does.
type lastMods struct {
	fsys   fs.FS
	mtimes map[*content.Page]time.Time
}

func (l lastMods) of(p *content.Page) time.Time {
	if t := Updated(p); !t.IsZero() {
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
