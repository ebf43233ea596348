package build_test

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"folio/internal/build"
)

// The Atom elements the tests read (RFC 4287), decoded independently of
// the structs the build encodes with, so that a field the build leaves out
// shows as missing here.
type testFeed struct {
	XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	IDs     []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles  []string     `xml:"http://www.w3.org/2005/Atom title"`
	Updated []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Authors []testPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links   []testLink   `xml:"http://www.w3.org/2005/Atom link"`
	Entries []testEntry  `xml:"http://www.w3.org/2005/Atom entry"`
}

type testPerson struct {
	Name string `xml:"http://www.w3.org/2005/Atom name"`
}

type testLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type testEntry struct {
	IDs       []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles    []string     `xml:"http://www.w3.org/2005/Atom title"`
	Updated   []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Published []string     `xml:"http://www.w3.org/2005/Atom published"`
	Authors   []testPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links     []testLink   `xml:"http://www.w3.org/2005/Atom link"`
	Content   []struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	} `xml:"http://www.w3.org/2005/Atom content"`
}

func parseFeed(t *testing.T, files map[string][]byte, rel string) testFeed {
	t.Helper()
	data, ok := files[rel]
	if !ok {
		t.Fatalf("%s was not written", rel)
	}
	var f testFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s is not an Atom feed: %v", rel, err)
	}
	return f
}

// checkAtom holds a feed to RFC 4287: one id, title and updated for the
// feed and each entry, an author for the feed or every entry, a self link,
// absolute IRIs, RFC 3339 dates, and ids unique within the feed. It returns
// the entry ids in feed order.
func checkAtom(t *testing.T, rel string, f testFeed, self string) []string {
	t.Helper()
	one := func(what string, vs []string) string {
		if len(vs) != 1 || strings.TrimSpace(vs[0]) == "" {
			t.Errorf("%s: want exactly one non-empty %s, got %q", rel, what, vs)
			return ""
		}
		return vs[0]
	}
	absolute := func(what, v string) {
		if u, err := url.Parse(v); err != nil || u.Scheme == "" {
			t.Errorf("%s: %s %q is not an absolute IRI", rel, what, v)
		}
	}
	date := func(what, v string) time.Time {
		d, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Errorf("%s: %s %q is not an RFC 3339 date: %v", rel, what, v, err)
		}
		return d
	}
	absolute("feed id", one("feed id", f.IDs))
	one("feed title", f.Titles)
	feedUpdated := date("feed updated", one("feed updated", f.Updated))
	if f.Lang == "" {
		t.Errorf("%s: no xml:lang", rel)
	}
	var selfs []string
	for _, l := range f.Links {
		absolute("feed link", l.Href)
		if l.Rel == "self" {
			selfs = append(selfs, l.Href)
		}
	}
	if strings.Join(selfs, " ") != self {
		t.Errorf("%s: self links %q, want %q", rel, selfs, self)
	}
	feedAuthor := len(f.Authors) > 0 && f.Authors[0].Name != ""
	var ids []string
	seen := map[string]bool{}
	var newest time.Time
	for i, e := range f.Entries {
		what := "entry " + strings.Join(e.Titles, "")
		id := one(what+" id", e.IDs)
		absolute(what+" id", id)
		if seen[id] {
			t.Errorf("%s: id %s used twice", rel, id)
		}
		seen[id] = true
		ids = append(ids, id)
		one(what+" title", e.Titles)
		up := date(what+" updated", one(what+" updated", e.Updated))
		pub := date(what+" published", one(what+" published", e.Published))
		if up.Before(pub) {
			t.Errorf("%s: %s updated %s before published %s", rel, what, up, pub)
		}
		newest = latestTime(newest, up)
		if !feedAuthor && len(e.Authors) == 0 {
			t.Errorf("%s: %s has no author and neither has the feed", rel, what)
		}
		var alternate int
		for _, l := range e.Links {
			absolute(what+" link", l.Href)
			if l.Rel == "alternate" || l.Rel == "" {
				alternate++
			}
		}
		if alternate != 1 {
			t.Errorf("%s: %s has %d alternate links, want 1", rel, what, alternate)
		}
		if len(e.Content) != 1 || e.Content[0].Type != "html" {
			t.Errorf("%s: %s wants one html content", rel, what)
			continue
		}
		checkAbsoluteHTML(t, rel+": "+what, e.Content[0].Body)
		if i > 0 {
			prev := date("", f.Entries[i-1].Published[0])
			if pub.After(prev) {
				t.Errorf("%s: %s is newer than the entry before it; want newest first", rel, what)
			}
		}
	}
	if !feedUpdated.Equal(newest) && len(f.Entries) > 0 {
		t.Errorf("%s: feed updated %s, want the newest entry's %s", rel, feedUpdated, newest)
	}
	return ids
}

func latestTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// checkAbsoluteHTML parses entry content and reports every link and image
// that a feed reader, which has no page URL to resolve against, would break.
func checkAbsoluteHTML(t *testing.T, what, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: content is not HTML: %v", what, err)
	}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" || n.Data == "img" }) {
		key := "href"
		if n.Data == "img" {
			key = "src"
		}
		if u, err := url.Parse(attr(n, key)); err != nil || !u.IsAbs() {
			t.Errorf("%s: <%s %s=%q> is not absolute", what, n.Data, key, attr(n, key))
		}
	}
}

// TestFeedsRFC4287 checks the blog and series feeds of the fixture site.
func TestFeedsRFC4287(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	blog := parseFeed(t, files, "blog/feed.xml")
	blogIDs := checkAtom(t, "blog/feed.xml", blog, "https://notes.example.org/blog/feed.xml")
	want := []string{
		"tag:notes.example.org,2026-04-01:/blog/news/",
		"tag:notes.example.org,2026-03-20:/blog/asking/",
		"tag:notes.example.org,2026-02-14:/blog/pausing/",
		"tag:notes.example.org,2026-01-10:/blog/hearing/",
	}
	if strings.Join(blogIDs, " ") != strings.Join(want, " ") {
		t.Errorf("blog feed ids %q, want %q (no draft, no scheduled post)", blogIDs, want)
	}
	series := parseFeed(t, files, "series/listening-well/feed.xml")
	seriesIDs := checkAtom(t, "series feed", series, "https://notes.example.org/series/listening-well/feed.xml")
	if strings.Join(seriesIDs, " ") != strings.Join(want[1:], " ") {
		t.Errorf("series feed ids %q, want the three published parts, newest first", seriesIDs)
	}
	if series.Titles[0] != "Listening Well · Fixture Notes" {
		t.Errorf("series feed title %q", series.Titles[0])
	}
	for _, e := range blog.Entries {
		body := e.Content[0].Body
		switch e.Titles[0] {
		case "Listening Well: Pausing":
			for _, s := range []string{`<img src="https://notes.example.org/blog/img/pause-960w-efe46557c1b5.jpg" alt="An orange rectangle."`,
				`Photo by <a href="https://photos.example.com/sam">Sam Lens</a>`,
				`<a href="https://notes.example.org/blog/hearing/#before-you-speak">`, `<a href="https://notes.example.org/book/">`,
				`<img src="https://notes.example.org/blog/img/ear-960w-7e7c282fa9e9.jpg" alt="an ear" width="960" height="640" srcset="https://notes.example.org/blog/img/ear-480w-b8cff38e7ee0.jpg 480w, https://notes.example.org/blog/img/ear-800w-4d8faf49eef8.jpg 800w,`} {
				if !strings.Contains(body, s) {
					t.Errorf("pausing entry lacks %s in\n%s", s, body)
				}
			}
			if e.Updated[0] != "2026-03-01T08:00:00Z" || e.Published[0] != "2026-02-14T00:00:00Z" {
				t.Errorf("pausing entry published %s updated %s", e.Published[0], e.Updated[0])
			}
		case "Listening Well: Hearing":
			// The credit link is written relative to the post; the feed
			// resolves it, and the captioned image becomes a figure.
			for _, s := range []string{`Photo by <a href="https://notes.example.org/about/">Sam Lens</a> (CC0 1.0)`,
				`<figcaption>The pause, drawn</figcaption>`, `href="https://notes.example.org/book/hearing/#what"`} {
				if !strings.Contains(body, s) {
					t.Errorf("hearing entry lacks %s in\n%s", s, body)
				}
			}
		}
	}
	if blog.Updated[0] != "2026-04-01T00:00:00Z" {
		t.Errorf("blog feed updated %s, want the newest entry's date", blog.Updated[0])
	}
}

// TestFeedIDsStable rebuilds the site later, with the scheduled post now
// published, and on http instead of https: the ids of entries already
// published must not change, or feed readers would show them again as new.
func TestFeedIDsStable(t *testing.T) {
	first, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	later, _ := mustBuild(t, siteFS(t, blogSite), build.Options{Now: blogNow.AddDate(1, 0, 0), BaseURL: "http://notes.example.org/"})
	for _, rel := range []string{"blog/feed.xml", "series/listening-well/feed.xml"} {
		before := parseFeed(t, first, rel)
		after := parseFeed(t, later, rel)
		ids := map[string]string{}
		for _, e := range after.Entries {
			ids[e.Titles[0]] = e.IDs[0]
		}
		for _, e := range before.Entries {
			if ids[e.Titles[0]] != e.IDs[0] {
				t.Errorf("%s: %q had id %s, then %s", rel, e.Titles[0], e.IDs[0], ids[e.Titles[0]])
			}
		}
		if len(after.Entries) != len(before.Entries)+1 {
			t.Errorf("%s: %d entries after the scheduled post's date, want %d", rel, len(after.Entries), len(before.Entries)+1)
		}
		if after.IDs[0] != strings.Replace(before.IDs[0], "https:", "http:", 1) {
			t.Errorf("%s: feed id %s, then %s", rel, before.IDs[0], after.IDs[0])
		}
	}
}

// TestFeedSize caps the blog feed at feed_size entries while the series
// feed keeps every part.
func TestFeedSize(t *testing.T) {
	fsys := siteFS(t, blogSite)
	fsys["folio.yaml"].Data = append(fsys["folio.yaml"].Data, "feed_size: 2\n"...)
	files, _ := mustBuild(t, fsys, build.Options{})
	if n := len(parseFeed(t, files, "blog/feed.xml").Entries); n != 2 {
		t.Errorf("blog feed has %d entries, want feed_size 2", n)
	}
	if n := len(parseFeed(t, files, "series/listening-well/feed.xml").Entries); n != 3 {
		t.Errorf("series feed has %d entries, want all 3 parts", n)
	}
	checkAtom(t, "blog/feed.xml", parseFeed(t, files, "blog/feed.xml"), "https://notes.example.org/blog/feed.xml")
}

// TestFeedsNeedBaseURL: a blog's feeds cannot be written without knowing
// the site's address, and the error says how to give it.
func TestFeedsNeedBaseURL(t *testing.T) {
	fsys := siteFS(t, blogSite)
	fsys["folio.yaml"].Data = []byte("title: Fixture Notes\n")
	_, _, err := buildInMemory(t, fsys, build.Options{})
	want := "folio.yaml: feeds need absolute URLs: set base_url (base_url: https://example.org/) or pass --base-url"
	if err == nil || err.Error() != want {
		t.Fatalf("build without base_url: got %v, want %q", err, want)
	}
	files, _ := mustBuild(t, fsys, build.Options{BaseURL: "http://127.0.0.1:8080/"})
	checkAtom(t, "blog/feed.xml", parseFeed(t, files, "blog/feed.xml"), "http://127.0.0.1:8080/blog/feed.xml")
}
