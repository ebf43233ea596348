// Package feeds owns the files a site offers to programs rather than to
// readers: an Atom feed per blog and per series, sitemap.xml, robots.txt,
// _redirects for the hosts that answer an alias with a real 301, and the
// image of a page's share card. It reads the linked site (package content)
// and returns bytes and values; package build decides when each file is
// written, where, and whether a preview session may reuse it. Every URL
// goes through the build's siteurl.Base. It does not import package build.
package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"folio/internal/content"
	"folio/internal/scratch"
	"folio/internal/siteurl"
	"folio/internal/xmltext"
)

// Members lists the posts whose content appears in a feed: the newest of
// each blog (up to feed_size) and every part of every series.
func Members(site *content.Site) (all, blogs map[*content.Page]bool) {
	all, blogs = map[*content.Page]bool{}, map[*content.Page]bool{}
	for _, blog := range site.Blogs {
		for _, p := range blog.Posts[:min(len(blog.Posts), site.Config.FeedSize)] {
			all[p.Page], blogs[p.Page] = true, true
		}
	}
	for _, s := range site.Series {
		for _, p := range s.Posts {
			all[p.Page] = true
		}
	}
	return all, blogs
}

// Updated is when a page last changed: its updated date, else its date.
func Updated(p *content.Page) time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

// Writer writes the Atom feeds of one build.
type Writer struct {
	Site *content.Site
	URLs siteurl.Base
	// Credit is a photo's credit line ("Photo by …") in the site's
	// language, linked to url when it is set.
	Credit func(credit, url string) template.HTML
	// Tags lists a page's tags, once each.
	Tags func(*content.Page) []*content.Tag
	// Describe is a page's description: its front matter's, else what
	// converting its body gave; nil: the front matter's.
	Describe func(*content.Page) string
	// Body is the HTML of a post's body with absolute links, as the page
	// stage converted it (markdown.Env.Base).
	Body func(*content.Page) []byte
}

// Feed is one feed: a blog's or a series'.
type Feed struct {
	// Path is the site path of the blog or series ("/blog/"); the feed is
	// Path + "feed.xml".
	Path, Title, Subtitle string
	// Posts are the entries, newest first.
	Posts []*content.Post
}

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Rights    string      `xml:"rights,omitempty"`
	Entries   atomEntries `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Author     *atomPerson    `xml:"author,omitempty"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomContent    `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// atomContent is an entry's HTML, escaped by package xmltext:
// encoding/xml escapes character data a rune at a time, and the full text
// of every post in the feeds made that a noticeable part of a build.
type atomContent struct {
	Type    string `xml:"type,attr"`
	Escaped []byte `xml:",innerxml"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// Atom is the feed f as an Atom document. The site must have a base URL:
// a feed's URLs are absolute.
func (w *Writer) Atom(f Feed) ([]byte, error) { return w.atom(f, false) }

// atom is the feed f as an Atom document, each entry's content the
// placeholder alone in a skeleton (minified.go).
func (w *Writer) atom(f Feed, skeleton bool) ([]byte, error) {
	cfg := w.Site.Config
	self := w.URLs.Abs(f.Path + "feed.xml")
	feed := atomFeed{NS: atomNS, Lang: cfg.Language, Title: f.Title, Subtitle: f.Subtitle, ID: self,
		Links:     []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: w.URLs.Abs(f.Path)}},
		Author:    atomPerson{Name: firstNonEmpty(cfg.Author, cfg.Title)},
		Generator: "folio", Rights: cfg.Copyright, Entries: atomEntries{w: w, posts: f.Posts, skeleton: skeleton}}
	var newest time.Time
	for _, post := range f.Posts {
		if u := Updated(post.Page); u.After(newest) {
			newest = u
		}
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0) // an empty feed still needs a valid, stable date
	}
	feed.Updated = newest.UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	if skeleton {
		buf.Grow(2048 + 1024*len(f.Posts))
	} else {
		buf.Grow(w.feedSize(f)) // the entries' content is most of a feed; one allocation, not a doubling series
	}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// feedSize is room for the feed f.
func (w *Writer) feedSize(f Feed) int {
	size := 2048
	for _, post := range f.Posts {
		size += escapedSize(w.Body(post.Page)) + 1024
	}
	return size
}

// escapedSize is room for a post's HTML escaped, with its photo's figure:
// escaping adds about a seventh to a post's HTML (its tags' < and >).
func escapedSize(html []byte) int { return len(html) + len(html)/4 + 1024 }

// atomEntries are a feed's entries, each made as the encoder reaches it,
// its content escaped into one recycled buffer (entryBuffers): the feed
// itself is the only copy of the posts' HTML that stays until it is
// written, where each entry's escaped HTML stayed until the whole feed
// was encoded (at 1,000 pages the feeds' entries were about 14 MB of
// the build's allocations).
type atomEntries struct {
	w        *Writer
	posts    []*content.Post
	skeleton bool
}

// entryBuffers recycle the entries' escaped HTML; a post longer than the
// bound is escaped into a buffer of its own.
var entryBuffers = scratch.New(1 << 20)

// MarshalXML encodes the entries one after the other, as a slice of them
// is encoded.
func (es atomEntries) MarshalXML(enc *xml.Encoder, start xml.StartElement) error {
	buf := entryBuffers.Get()
	defer entryBuffers.Put(buf)
	for _, post := range es.posts {
		e := es.w.entry(post, *buf, es.skeleton)
		*buf = e.Content.Escaped
		if err := enc.EncodeElement(e, start); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) describe(p *content.Page) string {
	if w.Describe == nil {
		return p.Description
	}
	return w.Describe(p)
}

// entry is the post's entry, its content escaped into esc, which it
// grows if need be (the placeholder, in a skeleton).
func (w *Writer) entry(post *content.Post, esc []byte, skeleton bool) atomEntry {
	p := post.Page
	e := atomEntry{Title: p.Title, ID: w.entryID(p), Published: p.Date.UTC().Format(time.RFC3339),
		Updated: Updated(p).UTC().Format(time.RFC3339),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: w.URLs.Abs(p.URL)}}}
	if p.Author != "" {
		e.Author = &atomPerson{Name: p.Author}
	}
	if desc := w.describe(p); desc != "" {
		e.Summary = &atomText{Type: "text", Body: desc}
	}
	for _, t := range w.Tags(p) {
		e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
	}
	if skeleton {
		e.Content = atomContent{Type: "html", Escaped: append(esc[:0], contentPlaceholder...)}
		return e
	}
	html := w.Body(p)
	esc = slices.Grow(esc[:0], escapedSize(html))
	if p.Photo != nil && p.Photo.URL != "" {
		// The figure ends in a tag, so that escaping it apart from the
		// HTML after it escapes what escaping the two together would
		// (Preformatted: a space after a space).
		esc = xmltext.Append(esc, w.photoFigure(p), xmltext.Preformatted)
	}
	// The HTML is only read, and escaped as it is read.
	e.Content = atomContent{Type: "html", Escaped: xmltext.Append(esc, unsafe.String(unsafe.SliceData(html), len(html)), xmltext.Preformatted)}
	return e
}

// photoFigure is the figure of a post's photo that starts its entry.
func (w *Writer) photoFigure(p *content.Page) string {
	ph := *p.Photo
	ph.URL = w.URLs.Abs(ph.URL)
	if ph.CreditURL != "" {
		ph.CreditURL = siteurl.Resolve(w.URLs.Abs(p.URL), ph.CreditURL)
	}
	d := struct {
		content.Photo
		By template.HTML
	}{ph, w.Credit(ph.Credit, ph.CreditURL)}
	if fig, ok := plainFigure(d.Photo, d.By); ok {
		return fig
	}
	var fig strings.Builder
	if err := feedPhoto.Execute(&fig, d); err != nil {
		panic(err) // the template is fixed; a failure is a programming error
	}
	return fig.String()
}

var feedPhoto = template.Must(template.New("photo").Parse(
	`<figure><img src="{{.URL}}" alt="{{.Alt}}"{{if .Width}} width="{{.Width}}" height="{{.Height}}"{{end}}>` +
		`{{if .Credit}}<figcaption>{{.By}}{{with .License}} ({{.}}){{end}}</figcaption>{{end}}</figure>`))

// plainFigure is what feedPhoto writes of ph and its credit line by,
// written without it when its escapers would leave the URL, the alt text
// and the license as they are, which they do with most; false otherwise.
func plainFigure(ph content.Photo, by template.HTML) (string, bool) {
	if !plainURL(ph.URL) || !plainText(ph.Alt) || !plainText(ph.License) {
		return "", false
	}
	b := make([]byte, 0, 128+len(ph.URL)+len(ph.Alt)+len(by)+len(ph.License))
	b = append(append(append(append(b, `<figure><img src="`...), ph.URL...), `" alt="`...), ph.Alt...)
	b = append(b, '"')
	if ph.Width != 0 {
		b = strconv.AppendInt(append(b, ` width="`...), int64(ph.Width), 10)
		b = strconv.AppendInt(append(b, `" height="`...), int64(ph.Height), 10)
		b = append(b, '"')
	}
	b = append(b, '>')
	if ph.Credit != "" {
		b = append(append(b, "<figcaption>"...), by...)
		if ph.License != "" {
			b = append(append(append(b, " ("...), ph.License...), ')')
		}
		b = append(b, "</figcaption>"...)
	}
	return string(append(b, "</figure>"...)), true
}

// plainText reports whether html/template writes s as it is in HTML text
// and in a quoted attribute: it has none of the bytes its escapers replace.
func plainText(s string) bool { return !strings.ContainsAny(s, "\x00\"&'+<>") }

// plainURL reports whether html/template writes the URL s as it is in a
// src attribute: an http or https URL, or one without a scheme, of
// letters, digits and bytes its URL normalizer leaves alone.
func plainURL(s string) bool {
	rest, _ := strings.CutPrefix(s, "https:")
	if rest == s {
		rest, _ = strings.CutPrefix(s, "http:")
	}
	for _, c := range []byte(rest) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/#?=", c) >= 0) {
			return false
		}
	}
	return true
}

// entryID is a tag URI (RFC 4151) built from the host, the first
// publication day and the path, so it survives a move from http to https.
func (w *Writer) entryID(p *content.Page) string {
	u, err := url.Parse(w.Site.Config.BaseURL)
	if err != nil {
		return w.URLs.Abs(p.URL)
	}
	return fmt.Sprintf("tag:%s,%s:%s", u.Hostname(), p.Date.UTC().Format("2006-01-02"), p.URL)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
