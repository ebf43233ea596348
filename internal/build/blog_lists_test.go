package build_test

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/build"
)

type testURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// TestSitemap parses sitemap.xml: every published page is listed once, with
// an absolute URL and a lastmod, and nothing else is. Posts take updated or
// date, list pages their newest member, undated pages their file's time.
func TestSitemap(t *testing.T) {
	fsys := siteFS(t, blogSite)
	mtime := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
	for _, f := range fsys {
		f.ModTime = mtime
	}
	files, _ := mustBuild(t, fsys, build.Options{})
	var set testURLSet
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		if _, dup := got[u.Loc]; dup {
			t.Errorf("%s listed twice", u.Loc)
		}
		got[u.Loc] = u.LastMod
	}
	// Every HTML page written is published, but for the 404 page, later
	// pages of the blog index, the print edition, which repeats the
	// chapters, and the search page, which has no text of its own.
	var want []string
	for rel := range files {
		if !strings.HasSuffix(rel, "index.html") || strings.HasPrefix(rel, "blog/page/") || strings.Contains(rel, "print/") || rel == "search/index.html" {
			continue
		}
		loc := "https://notes.example.org/" + strings.TrimSuffix(rel, "index.html")
		want = append(want, loc)
		if _, ok := got[loc]; !ok {
			t.Errorf("sitemap lacks %s", loc)
		}
	}
	if len(got) != len(want) {
		sort.Strings(want)
		t.Errorf("sitemap lists %d URLs, want %d: %v", len(got), len(want), want)
	}
	day := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for loc, lm := range got {
		if !day.MatchString(lm) {
			t.Errorf("%s: lastmod %q, want a W3C date", loc, lm)
		}
	}
	for loc, lm := range map[string]string{
		"blog/pausing/":          "2026-03-01", // updated
		"blog/hearing/":          "2026-01-10", // date
		"blog/":                  "2026-05-20", // its own file is newer than its newest post
		"series/":                "2026-04-01", // newest post of a series
		"tags/listening/":        "2026-04-01", // newest tagged page
		"tags/silence/":          "2026-03-01",
		"book/hearing/":          "2026-05-20", // undated: the file's time
		"series/listening-well/": "2026-05-20",
	} {
		if got[base+loc] != lm {
			t.Errorf("%s: lastmod %q, want %s", loc, got[base+loc], lm)
		}
	}
	robots := string(files["robots.txt"])
	if !strings.Contains(robots, "\nSitemap: https://notes.example.org/sitemap.xml\n") {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", robots)
	}
}

const base = "https://notes.example.org/"

// paginationSite is a blog of n posts, one a day, with page_size 3.
func paginationSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"folio.yaml":             {Data: []byte("title: Pages\nbase_url: https://pages.example.org/\npage_size: 3\n")},
		"content/blog/_index.md": {Data: []byte("---\ntitle: Blog\n---\n\nIntro.\n")},
	}
	for i := 1; i <= n; i++ {
		fsys[fmt.Sprintf("content/blog/post-%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Post %d\ndate: 2026-01-%02d\n---\n\nBody %d.\n", i, i, i)}
	}
	return fsys
}

// TestBlogPagination covers the edges of the index: no posts, one, exactly
// one full page, and one more than a page.
func TestBlogPagination(t *testing.T) {
	for _, tc := range []struct {
		posts int
		pages [][]string // titles per page, newest first
	}{
		{0, [][]string{{}}},
		{1, [][]string{{"Post 1"}}},
		{3, [][]string{{"Post 3", "Post 2", "Post 1"}}},
		{4, [][]string{{"Post 4", "Post 3", "Post 2"}, {"Post 1"}}},
	} {
		t.Run(fmt.Sprintf("%d posts", tc.posts), func(t *testing.T) {
			files, _ := mustBuild(t, paginationSite(tc.posts), build.Options{})
			for n, titles := range tc.pages {
				rel := pageRel(n + 1)
				doc := page(t, files, rel)
				var got []string
				for _, e := range findAll(doc, byTagClass("li", "entry")) {
					got = append(got, text(findAll(e, byTagClass("h2", ""))[0]))
				}
				if strings.Join(got, ", ") != strings.Join(titles, ", ") {
					t.Errorf("%s lists %q, want %q", rel, got, titles)
				}
				links := map[string]string{}
				for _, a := range findAll(doc, byTagClass("a", "")) {
					if r := attr(a, "rel"); r == "prev" || r == "next" {
						links[r] = attr(a, "href")
					}
				}
				wantLinks := map[string]string{}
				if n > 0 {
					wantLinks["prev"] = "/" + strings.TrimSuffix(pageRel(n), "index.html")
				}
				if n+1 < len(tc.pages) {
					wantLinks["next"] = "/" + strings.TrimSuffix(pageRel(n+2), "index.html")
				}
				if fmt.Sprint(links) != fmt.Sprint(wantLinks) {
					t.Errorf("%s: pager links %v, want %v", rel, links, wantLinks)
				}
				pager := findAll(doc, byTagClass("nav", "pager"))
				if (len(pager) == 1) != (len(tc.pages) > 1) {
					t.Errorf("%s: %d pagers, want one only when there are several pages", rel, len(pager))
				}
				if n > 0 {
					if c := meta(doc, "og:url"); strings.Join(c, "") != "https://pages.example.org/blog/page/2/" {
						t.Errorf("%s: og:url %q", rel, c)
					}
					if title := text(findAll(doc, byTagClass("title", ""))[0]); title != "Blog, page 2 · Pages" {
						t.Errorf("%s: title %q", rel, title)
					}
				}
			}
			for rel := range files {
				if strings.HasPrefix(rel, "blog/page/") && rel != "blog/page/2/index.html" || rel == "blog/page/2/index.html" && len(tc.pages) < 2 {
					t.Errorf("unexpected page %s", rel)
				}
			}
			checkAtom(t, "blog/feed.xml", parseFeed(t, files, "blog/feed.xml"), "https://pages.example.org/blog/feed.xml")
		})
	}
}

func pageRel(n int) string {
	if n == 1 {
		return "blog/index.html"
	}
	return fmt.Sprintf("blog/page/%d/index.html", n)
}

// TestFuturePosts: a post dated after the build's present is left out of
// every list, feed and series, and reported as scheduled, unless the build
// asks for future posts.
func TestFuturePosts(t *testing.T) {
	files, res := mustBuild(t, siteFS(t, blogSite), build.Options{})
	if len(res.Scheduled) != 1 || res.Scheduled[0].File != "content/blog/later.md" || res.Scheduled[0].Date.Format("2006-01-02") != "2026-12-01" {
		t.Fatalf("scheduled = %v, want content/blog/later.md on 2026-12-01", res.Scheduled)
	}
	for rel, data := range files {
		if strings.Contains(rel, "later") || strings.Contains(string(data), "Remembering") {
			t.Errorf("%s shows the scheduled post", rel)
		}
	}
	files, res = mustBuild(t, siteFS(t, blogSite), build.Options{Future: true})
	if len(res.Scheduled) != 0 {
		t.Errorf("with Future, scheduled = %v, want none", res.Scheduled)
	}
	doc := page(t, files, "blog/later/index.html")
	if got := text(findAll(doc, byTagClass("p", "meta"))[0]); got != "December 1, 2026 · 1 minute read · Scheduled" {
		t.Errorf("later post meta %q, want it marked scheduled", got)
	}
	if got := text(findAll(doc, byTagClass("aside", "series-box"))[0]); !strings.HasPrefix(got, "Part 4 of 4 · Listening Well") {
		t.Errorf("later post series box %q", got)
	}
	if ids := checkAtom(t, "series feed", parseFeed(t, files, "series/listening-well/feed.xml"), base+"series/listening-well/feed.xml"); len(ids) != 4 {
		t.Errorf("series feed has %d entries with Future, want 4", len(ids))
	}
	if !strings.Contains(string(files["blog/index.html"]), "Listening Well: Remembering") {
		t.Error("blog index lacks the future post built with Future")
	}
}
