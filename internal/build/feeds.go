package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"folio/internal/content"
)

// feedMembers lists the posts whose content appears in a feed: the newest
// of each blog and every part of every series.
func feedMembers(site *content.Site) (all, blogs map[*content.Page]bool) {
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
	Entries   []atomEntry `xml:"entry"`
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

// atomContent is an entry's HTML, escaped by escapeXMLText: encoding/xml
// escapes character data a rune at a time, and the full text of every
// post in the feeds made that a noticeable part of a build.
type atomContent struct {
	Type    string `xml:"type,attr"`
	Escaped string `xml:",innerxml"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// renderFeeds writes an Atom feed per blog and per series.
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
	describeSeries(s)
	if b.cfg.BaseURL == "" {
		return // renderFeeds reports the missing base URL once
	}
	// Newest first, as feed readers expect, though the series page lists
	// parts in reading order.
	posts := make([]*content.Post, len(s.Posts))
	for i, p := range s.Posts {
		posts[len(s.Posts)-1-i] = p
	}
	b.writeFeed(s.URL, s.Name+" · "+b.cfg.Title, s.Description, posts, "series "+s.Name)
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
	if b.memo.reuseFeed(b, base, title, subtitle, posts, by) {
		return
	}
	self := b.absolute(base + "feed.xml")
	f := atomFeed{NS: atomNS, Lang: b.cfg.Language, Title: title, Subtitle: subtitle, ID: self,
		Links:     []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: b.absolute(base)}},
		Author:    atomPerson{Name: firstNonEmpty(b.cfg.Author, b.cfg.Title)},
		Generator: "folio", Rights: b.cfg.Copyright}
	var newest time.Time
	for _, post := range posts {
		e := b.entry(post)
		f.Entries = append(f.Entries, e)
		if u := updated(post.Page); u.After(newest) {
			newest = u
		}
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0) // an empty feed still needs a valid, stable date
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	size := 2048
	for _, e := range f.Entries {
		size += len(e.Content.Escaped) + 1024
	}
	buf.Grow(size) // the entries' content is most of a feed; one allocation, not a doubling series
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		b.problem(content.Errorf(by, 0, "write feed: %v", err))
		return
	}
	buf.WriteByte('\n')
	b.write(strings.TrimPrefix(base, "/")+"feed.xml", by, buf.Bytes())
}

func updated(p *content.Page) time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

func (b *builder) entry(post *content.Post) atomEntry {
	p := post.Page
	e := atomEntry{Title: p.Title, ID: b.entryID(p), Published: p.Date.UTC().Format(time.RFC3339),
		Updated: updated(p).UTC().Format(time.RFC3339),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.absolute(p.URL)}}}
	if p.Author != "" {
		e.Author = &atomPerson{Name: p.Author}
	}
	if p.Description != "" {
		e.Summary = &atomText{Type: "text", Body: p.Description}
	}
	var body strings.Builder
	if p.Photo != nil && p.Photo.URL != "" {
		ph := *p.Photo
		ph.URL = b.absolute(ph.URL)
		if ph.CreditURL != "" {
			ph.CreditURL = absURL(b.absolute(p.URL), ph.CreditURL)
		}
		d := struct {
			content.Photo
			By template.HTML
		}{ph, b.creditLine(ph.Credit, ph.CreditURL)}
		if err := feedPhoto.Execute(&body, d); err != nil {
			panic(err) // the template is fixed; a failure is a programming error
		}
	}
	b.mu.Lock()
	html := b.feedHTML[p]
	b.mu.Unlock()
	body.Write(html)
	e.Content = atomContent{Type: "html", Escaped: escapeXMLText(body.String())}
	for _, t := range b.tagsOf(p) {
		e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
	}
	return e
}

// escapeXMLText escapes s as xml.EscapeText does, byte for byte: markup
// characters and line breaks as references, characters XML cannot carry
// as U+FFFD. Bytes that need nothing are copied in runs.
func escapeXMLText(s string) string {
	var out strings.Builder
	out.Grow(len(s) + len(s)/8)
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			width = n
			if r == utf8.RuneError && n == 1 || !xmlChar(r) {
				esc = "\uFFFD"
			}
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\t':
			esc = "&#x9;"
		case c == '\n':
			esc = "&#xA;"
		case c == '\r':
			esc = "&#xD;"
		case c < 0x20:
			esc = "\uFFFD"
		}
		if esc != "" {
			out.WriteString(s[last:i])
			out.WriteString(esc)
			last = i + width
		}
		i += width
	}
	out.WriteString(s[last:])
	return out.String()
}

// xmlChar reports whether XML 1.0 allows r in text (its Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

var feedPhoto = template.Must(template.New("photo").Parse(
	`<figure><img src="{{.URL}}" alt="{{.Alt}}"{{if .Width}} width="{{.Width}}" height="{{.Height}}"{{end}}>` +
		`{{if .Credit}}<figcaption>{{.By}}{{with .License}} ({{.}}){{end}}</figcaption>{{end}}</figure>`))

// entryID is a tag URI (RFC 4151) built from the host, the first
// publication day and the path, so it survives a move from http to https.
func (b *builder) entryID(p *content.Page) string {
	u, err := url.Parse(b.cfg.BaseURL)
	if err != nil {
		return b.absolute(p.URL)
	}
	return fmt.Sprintf("tag:%s,%s:%s", u.Hostname(), p.Date.UTC().Format("2006-01-02"), p.URL)
}

// siteFeeds are the feeds every page links to.
func (b *builder) siteFeeds() []feedLink {
	var out []feedLink
	if b.cfg.BaseURL == "" {
		return nil
	}
	for _, blog := range b.site.Blogs {
		out = append(out, feedLink{Title: blog.Index.Title, URL: b.absolute(blog.Index.URL + "feed.xml")})
	}
	return out
}
