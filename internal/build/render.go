package build

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/feeds"
	"folio/internal/output"
	"folio/internal/siteurl"
	"folio/internal/views"
)

// newData fills the fields every page of the site shares.
func (b *builder) newData(kind content.Kind, title, urlPath string) *views.Data {
	d := &views.Data{Site: b.site, Kind: kind, Title: title, URL: urlPath, Description: b.cfg.Description}
	if b.urls.HasOrigin() {
		d.Canonical = b.urls.Abs(urlPath)
	}
	d.Feeds = b.feeds
	b.sitewide.Fill(d)
	return d
}

// pageDataFor describes a page that has a source.
func (b *builder) pageDataFor(p *content.Page) *views.Data {
	d := b.newData(p.Kind, p.Title, p.URL)
	d.Page, d.Content, d.Headings, d.Photo = p, b.conv.HTML(p), b.conv.Headings(p), p.Photo
	d.Book, d.Chapter, d.Post = p.Book, p.Chapter, p.Post
	if desc := b.conv.Description(p); desc != "" {
		d.Description = desc
	}
	if p.Kind == content.KindHome {
		d.Title = ""
	}
	if p.Kind == content.KindBook {
		d.Links = b.bookLinks(p.Book)
	}
	d.Image = feeds.CardImage(b.urls, p.Photo)
	if p.Chapter != nil {
		d.ShowSidebar(p.Chapter)
	}
	if p.Post != nil {
		d.Tags = b.tagsOf(p)
		if s := p.Post.Series; s != nil {
			d.Feeds = append(d.Feeds, views.Link{Title: s.Name, URL: b.absolute(s.URL + "feed.xml")})
			for _, other := range s.Posts {
				if other != p.Post {
					d.SeeAlso = append(d.SeeAlso, b.absolute(other.Page.URL))
				}
			}
		}
		d.Scheduled = p.Date.After(b.site.Now)
	}
	return d
}

// absolute makes a site path absolute when the site has a base URL, and
// root-relative (with the site's path prefix) otherwise: siteurl.Base.Abs.
func (b *builder) absolute(p string) string {
	return b.urls.Abs(p)
}

// tagsOf lists a page's tags once each: two spellings of one tag
// ("Listening", "listening!") share a slug, hence a page.
func (b *builder) tagsOf(p *content.Page) []*content.Tag {
	var out []*content.Tag
	for _, name := range p.Tags {
		slug := content.Slugify(name)
		for _, t := range b.site.Tags {
			if t.Slug == slug && !slices.Contains(out, t) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// LayoutFor picks a page's template: its layout key, else its kind's.
func LayoutFor(p *content.Page) string {
	if p.Layout != "" {
		return p.Layout
	}
	return string(p.Kind)
}

// renderPage renders one page with a source to its output file.
func (b *builder) renderPage(p *content.Page) {
	d := b.pageDataFor(p)
	if b.cache.ReusePage(b.h, p, d) {
		return
	}
	b.renderData(LayoutFor(p), p.OutPath, p.File, d)
}

// newViewer makes the views of one output (package views); a preview session
// keeps what they read.
func (b *builder) newViewer() *views.Viewer {
	return views.NewViewer(b.site, b.conv, b.source, b.cache.RecordsReads())
}

// renderBuffers recycles page-sized buffers across pages; writers copy what
// they keep. One above maxPooledBuffer is left to the collector.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is far larger than a page's HTML.
const maxPooledBuffer = 1 << 18

func recycleBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		renderBuffers.Put(buf)
	}
}

// renderData executes a layout and writes the result; the print edition,
// a whole book, goes into its file as the layout runs (output.Writer.Stream,
// editions.PrintHTML), a failure of the layout reported as renderFailed.
func (b *builder) renderData(layout, out, by string, d *views.Data) {
	if b.cache.ReuseData(b.h, layout, out, by, d) {
		return
	}
	if d.Page != nil && d.Page.Layout == layout && !b.tmpl.Has(layout) {
		b.problem(content.Errorf(d.Page.File, d.Page.Line("layout"), "layout %q does not exist; add layouts/%s.html, or use one of: %s",
			layout, layout, strings.Join(b.tmpl.Names(), ", ")))
		return
	}
	v := b.newViewer()
	if c := d.SidebarOf(); c != nil && d.Sidebar == "" {
		d.Sidebar = b.sidebars.Sidebar(c, v)
	}
	if d.Print != nil {
		err := b.w.Stream(out, by, func(w io.Writer) error { return b.tmpl.Execute(w, layout, views.NewDataView(d, v)) })
		b.cache.NoteReads(out, append(v.Reads(), b.sitewide.Reads()...))
		if fe := (*output.FillError)(nil); errors.As(err, &fe) && !errors.As(err, new(*content.Error)) {
			b.renderFailed(layout, by, fe.Err)
		} else {
			b.wrote(err, by)
		}
		return
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer recycleBuffer(buf)
	buf.Reset()
	n := len(d.Content) + len(d.Sidebar) // and room for the layout, to grow it once
	buf.Grow(n + n/8 + 16<<10)
	err := b.tmpl.Execute(buf, layout, views.NewDataView(d, v))
	b.cache.NoteReads(out, append(v.Reads(), b.sitewide.Reads()...)) // nil, nil in a clean build
	if err != nil {
		b.renderFailed(layout, by, err)
		return
	}
	b.write(out, by, buf.Bytes())
}

// urlFuncs are the template functions that map site paths to the URLs the
// output carries: url ("/css/folio.css" → "/writing-well/css/folio.css")
// and abs (the absolute URL when the site has a base URL).
func urlFuncs(urls siteurl.Base) template.FuncMap {
	return template.FuncMap{"url": urls.Path, "abs": urls.Abs}
}
