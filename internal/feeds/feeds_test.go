package feeds

import (
	"encoding/xml"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/output"
	"folio/internal/siteurl"
)

// linked loads and links a small blog with a series, as the build does.
func linked(t *testing.T, baseURL string) *content.Site {
	t.Helper()
	fsys := fstest.MapFS{
		"content/blog/_index.md": {Data: []byte("---\ntitle: Notes\n---\n")},
		"content/blog/first.md": {Data: []byte("---\ntitle: First & foremost\ndate: 2026-03-01\ntags: [Listening]\nseries: Behaviors\n---\nBody.\n"),
			ModTime: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
		"content/blog/second.md": {Data: []byte("---\ntitle: Second\ndate: 2026-03-08\nupdated: 2026-03-09\nseries: Behaviors\n---\nBody.\n")},
		"content/about.md":       {Data: []byte("---\ntitle: About\n---\nUndated.\n"), ModTime: time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)},
	}
	cfg := config.Default()
	cfg.Title, cfg.Author = "Site", "Ada"
	if baseURL != "" {
		if err := cfg.SetBaseURL(baseURL); err != nil {
			t.Fatal(err)
		}
	}
	site, err := content.Load(fsys, cfg, content.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := content.Link(site); err != nil {
		t.Fatal(err)
	}
	return site
}

func TestAtom(t *testing.T) {
	site := linked(t, "https://example.org/writing/")
	w := &Writer{Site: site, URLs: siteurl.New(site.Config.BaseURL),
		Credit: func(c, _ string) template.HTML { return template.HTML("by " + c) },
		Tags:   func(*content.Page) []*content.Tag { return site.Tags },
		Body:   func(p *content.Page) []byte { return []byte("<p>" + p.Title + "\n\tcode</p>\x01") }}
	blog := site.Blogs[0]
	data, err := w.Atom(Feed{Path: blog.Index.URL, Title: "Notes", Posts: blog.Posts})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Content string `xml:"content"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, data)
	}
	if feed.ID != "https://example.org/writing/blog/feed.xml" || feed.Updated != "2026-03-09T00:00:00Z" {
		t.Errorf("feed id %q updated %q", feed.ID, feed.Updated)
	}
	if len(feed.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(feed.Entries))
	}
	e := feed.Entries[1]
	if e.ID != "tag:example.org,2026-03-01:/blog/first/" || e.Title != "First & foremost" || e.Link.Href != "https://example.org/writing/blog/first/" {
		t.Errorf("entry id %q title %q link %q", e.ID, e.Title, e.Link.Href)
	}
	// The body's white space survives as references; what XML cannot
	// carry is U+FFFD (package xmltext).
	if e.Content != "<p>First & foremost\n\tcode</p>\ufffd" {
		t.Errorf("content %q", e.Content)
	}
	if !strings.Contains(string(data), "&#10;&#9;code") {
		t.Errorf("the body's line feed and tab are not references, which a minifier would collapse:\n%s", data)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	site := linked(t, "https://example.org/")
	fsys := fstest.MapFS{"content/about.md": {ModTime: time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)}}
	data, err := Sitemap(site, fsys, siteurl.New(site.Config.BaseURL))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		got[u.Loc] = u.LastMod
	}
	for loc, mod := range map[string]string{
		"https://example.org/":                  "2026-03-09", // the generated home lists the posts
		"https://example.org/about/":            "2026-05-02", // undated: its file's time
		"https://example.org/blog/first/":       "2026-03-01",
		"https://example.org/blog/":             "2026-03-09",
		"https://example.org/series/behaviors/": "2026-03-09",
		"https://example.org/tags/listening/":   "2026-03-01",
		"https://example.org/credits/":          "",
	} {
		if m, ok := got[loc]; !ok || m != mod {
			t.Errorf("%s: lastmod %q (listed %v), want %q", loc, m, ok, mod)
		}
	}
	if got, want := string(Robots("https://example.org/sitemap.xml")), "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt %q", got)
	}
	if got := string(Robots("")); got != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots.txt without a sitemap %q", got)
	}
}

func TestRedirects(t *testing.T) {
	got := string(Redirects([]Redirect{{"/old/b/", "/new/"}, {"/old/a/", "/new/"}}))
	want := "# Written by folio from the aliases of pages: old address, new address, status.\n/old/a/ /new/ 301\n/old/b/ /new/ 301\n"
	if got != want {
		t.Errorf("_redirects\n%s\nwant\n%s", got, want)
	}
}

func TestCardImages(t *testing.T) {
	ph := &content.Photo{URL: "/blog/p.jpg", Alt: "A", Width: 800, Height: 600}
	if img := CardImage(siteurl.New(""), ph); img != nil {
		t.Errorf("a card image without a base URL: %+v", img)
	}
	img := CardImage(siteurl.New("https://example.org/sub/"), ph)
	if img == nil || img.URL != "https://example.org/sub/blog/p.jpg" || img.Width != 800 {
		t.Errorf("card image %+v", img)
	}
}

// An entry's indented code keeps its indentation through the minifier the
// build writes feeds with, which collapses runs of white space in XML text.
func TestAtomKeepsIndentationMinified(t *testing.T) {
	site := linked(t, "https://example.org/")
	code := "<pre><code>def f():\n    if x:\n\t\treturn 1\n</code></pre>"
	w := &Writer{Site: site, URLs: siteurl.New(site.Config.BaseURL),
		Credit: func(c, _ string) template.HTML { return template.HTML(c) },
		Tags:   func(*content.Page) []*content.Tag { return nil },
		Body:   func(*content.Page) []byte { return []byte(code) }}
	data, err := w.Atom(Feed{Path: "/blog/", Title: "Notes", Posts: site.Blogs[0].Posts[:1]})
	if err != nil {
		t.Fatal(err)
	}
	ow, mem := output.NewMemory(nil, output.Options{Minify: true})
	if err := ow.Write("blog/feed.xml", "test", data); err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	minified := mem.Files()["blog/feed.xml"]
	if err := xml.Unmarshal(minified, &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Content != code {
		t.Errorf("minified entry content %q, want %q", feed.Entries, code)
	}
}

// TestAtomEntriesEachTheirOwn: the entries' escaped HTML is made in one
// recycled buffer, an entry at a time as the encoder reaches it
// (atomEntries); each entry still has its own post's HTML, whether the
// buffer grew for it or not, and a feed of no posts has no entries.
func TestAtomEntriesEachTheirOwn(t *testing.T) {
	site := linked(t, "https://example.org/")
	body := map[*content.Page]string{}
	for i, post := range site.Blogs[0].Posts {
		body[post.Page] = strings.Repeat("<p>"+post.Page.Title+" &amp; more</p>\n", 1+2000*(1-i))
	}
	w := &Writer{Site: site, URLs: siteurl.New(site.Config.BaseURL),
		Tags: func(*content.Page) []*content.Tag { return nil },
		Body: func(p *content.Page) []byte { return []byte(body[p]) }}
	posts := site.Blogs[0].Posts
	data, err := w.Atom(Feed{Path: "/blog/", Title: "Notes", Posts: append(posts, posts...)})
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("the feed is not XML: %v", err)
	}
	if len(feed.Entries) != 2*len(posts) {
		t.Fatalf("%d entries, want %d", len(feed.Entries), 2*len(posts))
	}
	for i, e := range feed.Entries {
		if p := posts[i%len(posts)].Page; e.Title != p.Title || e.Content != body[p] {
			t.Errorf("entry %d, %q: %d bytes of content, want the %d of %q", i, e.Title, len(e.Content), len(body[p]), p.Title)
		}
	}
	empty, err := w.Atom(Feed{Path: "/blog/", Title: "Notes"})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(empty); strings.Contains(s, "<entry") || !strings.Contains(s, "<updated>1970-01-01T00:00:00Z</updated>") || !strings.HasSuffix(s, "</feed>\n") {
		t.Errorf("a feed of no posts:\n%s", s)
	}
}
