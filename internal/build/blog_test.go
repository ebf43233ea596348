package build_test

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
)

// TestBlogGoldenPages compares the pages of a post in a series and of the
// series with golden files (run with -update to accept a change). Only the
// head and main elements are kept: the site header and footer belong to the
// whole site, and a change there is not a change of the blog's pages.
func TestBlogGoldenPages(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	for _, rel := range []string{"blog/pausing/index.html", "series/listening-well/index.html", "blog/index.html", "blog/page/2/index.html"} {
		t.Run(rel, func(t *testing.T) {
			got := headAndMain(t, files[rel])
			golden := filepath.Join("testdata", "blog", "golden", filepath.FromSlash(rel))
			if updating() {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update to accept)\n%s", rel, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

func headAndMain(t *testing.T, page []byte) []byte {
	t.Helper()
	var out []byte
	for _, tags := range [][2]string{{"<head>", "</head>"}, {"<main", "</main>"}} {
		i, j := bytes.Index(page, []byte(tags[0])), bytes.Index(page, []byte(tags[1]))
		if i < 0 || j < i {
			t.Fatalf("no %s…%s in the page:\n%s", tags[0], tags[1], page)
		}
		out = append(out, page[i:j+len(tags[1])]...)
		out = append(out, '\n')
	}
	return out
}

// lineDiff shows the first line that differs, with its neighbours.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return ""
}

// TestPostPageMetadata checks what makes a post shareable: every head field
// the issue lists, with absolute URLs where a card or a feed reader needs
// them.
func TestPostPageMetadata(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	doc := page(t, files, "blog/pausing/index.html")
	if got := attr(findAll(doc, byTagClass("html", ""))[0], "lang"); got != "en-GB" {
		t.Errorf("html lang = %q, want en-GB from folio.yaml", got)
	}
	if got := text(findAll(doc, byTagClass("title", ""))[0]); got != "Listening Well: Pausing · Fixture Notes" {
		t.Errorf("title = %q", got)
	}
	want := map[string][]string{
		"description":            {"Why a pause is part of the answer."},
		"og:title":               {"Listening Well: Pausing"},
		"og:description":         {"Why a pause is part of the answer."},
		"og:type":                {"article"},
		"og:url":                 {"https://notes.example.org/blog/pausing/"},
		"og:image":               {"https://notes.example.org/blog/img/pause-960w-efe46557c1b5.jpg"},
		"og:image:alt":           {"An orange rectangle."},
		"article:published_time": {"2026-02-14T00:00:00Z"},
		"article:modified_time":  {"2026-03-01T08:00:00Z"},
		"og:see_also":            {"https://notes.example.org/blog/hearing/", "https://notes.example.org/blog/asking/"},
		"twitter:card":           {"summary_large_image"},
		"twitter:image":          {"https://notes.example.org/blog/img/pause-960w-efe46557c1b5.jpg"},
		"twitter:title":          {"Listening Well: Pausing"},
	}
	for key, w := range want {
		if got := meta(doc, key); strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("meta %s = %q, want %q", key, got, w)
		}
	}
	var canonical []string
	feeds := map[string]string{}
	for _, l := range findAll(doc, byTagClass("link", "")) {
		switch attr(l, "rel") {
		case "canonical":
			canonical = append(canonical, attr(l, "href"))
		case "alternate":
			feeds[attr(l, "href")] = attr(l, "type")
		}
	}
	if strings.Join(canonical, " ") != "https://notes.example.org/blog/pausing/" {
		t.Errorf("canonical = %q", canonical)
	}
	for _, f := range []string{"https://notes.example.org/blog/feed.xml", "https://notes.example.org/series/listening-well/feed.xml"} {
		if feeds[f] != "application/atom+xml" {
			t.Errorf("no <link rel=alternate type=application/atom+xml href=%s>; links: %v", f, feeds)
		}
	}
}

// TestEveryPageHead holds every HTML page of the build to the head every
// page needs: a title, a description, a canonical URL, the feed link and
// absolute card images.
func TestEveryPageHead(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	for rel := range files {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		doc := page(t, files, rel)
		if ts := findAll(doc, byTagClass("title", "")); len(ts) != 1 || text(ts[0]) == "" {
			t.Errorf("%s: want one non-empty <title>", rel)
		}
		if d := meta(doc, "description"); len(d) != 1 || d[0] == "" {
			t.Errorf("%s: want one meta description, got %q", rel, d)
		}
		var canonical, blogFeed bool
		for _, l := range findAll(doc, byTagClass("link", "")) {
			canonical = canonical || attr(l, "rel") == "canonical"
			blogFeed = blogFeed || attr(l, "rel") == "alternate" && attr(l, "href") == "https://notes.example.org/blog/feed.xml"
		}
		if canonical == (rel == "404.html") {
			t.Errorf("%s: canonical link present = %v; every page but 404.html has one", rel, canonical)
		}
		if !blogFeed {
			t.Errorf("%s: no <link rel=alternate> to the blog's feed", rel)
		}
		for _, key := range []string{"og:image", "twitter:image", "og:url", "og:see_also"} {
			for _, v := range meta(doc, key) {
				if u, err := url.Parse(v); err != nil || !u.IsAbs() {
					t.Errorf("%s: %s %q is not an absolute URL", rel, key, v)
				}
			}
		}
		if len(meta(doc, "og:title")) != 1 || len(meta(doc, "twitter:card")) != 1 {
			t.Errorf("%s: want one og:title and one twitter:card", rel)
		}
	}
	if got := meta(page(t, files, "404.html"), "robots"); strings.Join(got, "") != "noindex" {
		t.Errorf("404.html: robots meta = %q, want noindex", got)
	}
	if got := meta(page(t, files, "series/listening-well/index.html"), "og:image"); strings.Join(got, "") != "https://notes.example.org/blog/img/ear-960w-7e7c282fa9e9.jpg" {
		t.Errorf("series page og:image = %q, want the first part's photo", got)
	}
	if got := meta(page(t, files, "index.html"), "og:image"); strings.Join(got, "") != "https://notes.example.org/book/cover-600w-756740281958.jpg" {
		t.Errorf("home page og:image = %q, want the book's cover", got)
	}
}

// TestSeriesNavigation checks "Part n of N", previous and next, the link to
// the series page and the companion note on every part, and the series and
// book pages that list them.
func TestSeriesNavigation(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	parts := []struct{ rel, title, prev, next string }{
		{"blog/hearing/index.html", "Listening Well: Hearing", "", "/blog/pausing/"},
		{"blog/pausing/index.html", "Listening Well: Pausing", "/blog/hearing/", "/blog/asking/"},
		{"blog/asking/index.html", "Listening Well: Asking", "/blog/pausing/", ""},
	}
	for i, p := range parts {
		doc := page(t, files, p.rel)
		if h1 := text(findAll(doc, byTagClass("h1", ""))[0]); h1 != p.title {
			t.Errorf("%s: h1 %q, want the title as written, %q", p.rel, h1, p.title)
		}
		box := findAll(doc, byTagClass("aside", "series-box"))
		if len(box) != 1 {
			t.Fatalf("%s: want one series box", p.rel)
		}
		if got, want := text(findAll(box[0], byTagClass("p", ""))[0]), "Part "+strconv.Itoa(i+1)+" of 3 · Listening Well"; got != want {
			t.Errorf("%s: series box says %q, want %q", p.rel, got, want)
		}
		rels := map[string]string{}
		for _, a := range findAll(box[0], byTagClass("a", "")) {
			rels[attr(a, "rel")] = attr(a, "href")
		}
		if rels["prev"] != p.prev || rels["next"] != p.next || rels[""] != "/series/listening-well/" {
			t.Errorf("%s: series links %v, want prev %q, next %q and the series page", p.rel, rels, p.prev, p.next)
		}
		next := findAll(doc, byTagClass("p", "series-next"))
		if (len(next) == 1) != (p.next != "") || p.next != "" && !strings.HasSuffix(text(next[0]), ": "+parts[i+1].title+" →") {
			t.Errorf("%s: the end of the post should lead to the next part, if any", p.rel)
		}
		comp := findAll(doc, byTagClass("aside", "companion"))
		if len(comp) != 1 || text(comp[0]) != "This series accompanies The Quiet Book (forthcoming)." ||
			attr(findAll(comp[0], byTagClass("a", ""))[0], "href") != "/book/" {
			t.Errorf("%s: want the companion note linking to /book/", p.rel)
		}
	}
	if comp := findAll(page(t, files, "blog/news/index.html"), byTagClass("aside", "")); len(comp) != 0 {
		t.Errorf("a post outside the series has %d asides, want none", len(comp))
	}
	series := page(t, files, "series/listening-well/index.html")
	var listed []string
	for _, li := range findAll(series, byTagClass("ol", "series-parts")) {
		for _, a := range findAll(li, byTagClass("a", "")) {
			listed = append(listed, attr(a, "href"))
		}
	}
	if strings.Join(listed, " ") != "/blog/hearing/ /blog/pausing/ /blog/asking/" {
		t.Errorf("series page lists %v, want the parts in order", listed)
	}
	if !strings.Contains(text(series), "Four short posts on listening, one habit at a time.") {
		t.Error("series page lacks the description from content/series/listening-well.md")
	}
	book := text(page(t, files, "book/index.html"))
	if !strings.Contains(book, "Companion series Listening Well · 3 posts") {
		t.Errorf("book page does not list its companion series: %q", book)
	}
}

// TestBlogIndexEntries checks what each entry of the index shows, and the
// three sources of a summary: front matter, <!--more-->, first paragraph.
func TestBlogIndexEntries(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{Future: true})
	want := map[string]struct{ summary, meta string }{
		"/blog/pausing/": {"Why a pause is part of the answer.", "February 14, 2026 · 1 minute read · Part 2 of Listening Well"},
		"/blog/asking/":  {"Ask short questions. This paragraph is the summary.", "March 20, 2026 · 1 minute read · Part 3 of Listening Well"},
		"/blog/news/":    {"The Quiet Book has a cover now.", "April 1, 2026 · 1 minute read"},
		"/blog/hearing/": {"The first part. Its first paragraph is its summary, with a link to the chapter.", "January 10, 2026 · 1 minute read · Part 1 of Listening Well"},
	}
	seen := 0
	for _, rel := range []string{"blog/index.html", "blog/page/2/index.html", "blog/page/3/index.html"} {
		for _, e := range findAll(page(t, files, rel), byTagClass("li", "entry")) {
			href := attr(findAll(e, byTagClass("a", ""))[0], "href")
			w, ok := want[href]
			if !ok {
				continue
			}
			seen++
			if got := text(findAll(e, byTagClass("div", "summary"))[0]); got != w.summary {
				t.Errorf("%s summary %q, want %q", href, got, w.summary)
			}
			if got := text(findAll(e, byTagClass("p", "meta"))[0]); got != w.meta {
				t.Errorf("%s meta %q, want %q", href, got, w.meta)
			}
			thumbs := findAll(e, byTagClass("a", "thumb"))
			if hasPhoto := href == "/blog/pausing/" || href == "/blog/hearing/"; hasPhoto != (len(thumbs) == 1) {
				t.Errorf("%s: %d thumbnails, want one exactly when the post has a photo", href, len(thumbs))
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d posts on the index pages", seen, len(want))
	}
}

// TestTagsShareOnePage checks that tags differing only in case or
// punctuation ("Listening", "listening!") share one page with one count.
func TestTagsShareOnePage(t *testing.T) {
	files, _ := mustBuild(t, siteFS(t, blogSite), build.Options{})
	var cloud []string
	for _, li := range findAll(page(t, files, "tags/index.html"), byTagClass("li", "")) {
		cloud = append(cloud, text(li))
	}
	if got := strings.Join(cloud, ", "); got != "craft 1, Listening 3, News 1, questions 1, Silence 1" {
		t.Errorf("tags page lists %q", got)
	}
	var tagged []string
	main := findAll(page(t, files, "tags/listening/index.html"), byTagClass("main", ""))[0]
	for _, a := range findAll(main, byTagClass("a", "")) {
		tagged = append(tagged, attr(a, "href"))
	}
	if strings.Join(tagged, " ") != "/blog/news/ /blog/pausing/ /blog/hearing/" {
		t.Errorf("tags/listening lists %v, want news, pausing and hearing, newest first", tagged)
	}
	for rel := range files {
		if strings.HasPrefix(rel, "tags/listening") && rel != "tags/listening/index.html" {
			t.Errorf("a second page %s for the same tag", rel)
		}
	}
}

// TestTagSpelledTwiceOnOnePost: two spellings of one tag on a post make one
// tag, so the post links to its page once and its feed entry has one
// category.
func TestTagSpelledTwiceOnOnePost(t *testing.T) {
	fsys := fstest.MapFS{
		"folio.yaml":             {Data: []byte("title: Tags\nbase_url: https://tags.example.org/\n")},
		"content/blog/_index.md": {Data: []byte("---\ntitle: Blog\n---\n")},
		"content/blog/quiet.md": {Data: []byte("---\ntitle: Quiet\ndate: 2026-03-01\n" +
			"tags: [Listening, \"listening!\", Silence]\n---\n\nBody.\n")},
	}
	files, _ := mustBuild(t, fsys, build.Options{})
	var links []string
	for _, a := range findAll(page(t, files, "blog/quiet/index.html"), byTagClass("a", "")) {
		if href := attr(a, "href"); strings.HasPrefix(href, "/tags/") && href != "/tags/" {
			links = append(links, href)
		}
	}
	if got := strings.Join(links, " "); got != "/tags/listening/ /tags/silence/" {
		t.Errorf("post links to tags %q, want each tag once", got)
	}
	feed := string(files["blog/feed.xml"])
	if n := strings.Count(feed, `<category term="listening"`); n != 1 {
		t.Errorf("feed entry has the category listening %d times, want once:\n%s", n, feed)
	}
}
