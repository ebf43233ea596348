package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
)

// TestPermalinks: the address a Jekyll or Eleventy permalink: (or Hugo's
// url:) gave a page becomes an alias of it, so that the old address
// redirects to where folio puts the page; the page's own address adds
// nothing; one folio cannot read is a warning saying to list the old
// addresses under aliases:; one that is another page's address is an
// error on its line.
func TestPermalinks(t *testing.T) {
	const placeholders = "permalink is a key of Jekyll and Eleventy; folio's is aliases (folio gives a page its address from its file and reads a permalink that is a path from the site's root, such as /2019/old-title/, as an old address that redirects to it; this one has placeholders or is no such path, so list the addresses the page had under aliases:); rename it, or permalink is ignored"
	for _, tc := range []struct {
		name, file, front string
		aliases           []string
		warning, err      string
	}{
		// jekyll/jekyll's docs: most permalinks are the address folio
		// gives the page anyway, some are not.
		{name: "jekyll docs, same address", file: "docs/assets.md", front: `permalink: "/docs/assets/"`},
		{name: "jekyll docs, other address", file: "docs/community/community.md", front: "permalink: /docs/community/", aliases: []string{"/docs/community/"}},
		{name: "jekyll post", file: "blog/2015-02-13-final.md", front: "date: 2015-02-13\npermalink: /2015/02/13/Final-1.0-timeline.html", aliases: []string{"/2015/02/13/Final-1.0-timeline.html"}},
		{name: "no last slash", file: "about.md", front: "permalink: /about-me", aliases: []string{"/about-me/"}},
		{name: "index.html", file: "about.md", front: "permalink: /about/index.html"},
		{name: "listed under aliases too", file: "about.md", front: "aliases: [/me/]\npermalink: /me/", aliases: []string{"/me/"}},
		{name: "hugo url", file: "about.md", front: "url: /about-us/", aliases: []string{"/about-us/"}},
		{name: "a link post's url", file: "about.md", front: "url: https://example.org/elsewhere/"},
		{name: "placeholders", file: "blog/2015-02-13-final.md", front: "date: 2015-02-13\npermalink: /:categories/:year/:title/", warning: "content/blog/2015-02-13-final.md:4: " + placeholders},
		{name: "eleventy false", file: "about.md", front: "permalink: false", warning: "content/about.md:3: " + placeholders},
		{name: "another page's address", file: "about.md", front: "permalink: /other/", err: "content/about.md:3: permalink /other/ is the address of content/other.md; an alias must be an old address that no page has now"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/" + tc.file: {Data: []byte("---\ntitle: P\n" + tc.front + "\n---\nText.\n")},
				"content/other.md":   {Data: []byte("---\ntitle: Other\n---\n")},
			}
			site, err := Load(fsys, config.Default(), Options{Now: testNow})
			if err == nil {
				err = Link(site)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, w := range site.Warnings {
				warnings = append(warnings, w.Error())
			}
			if strings.Join(warnings, "\n") != tc.warning {
				t.Errorf("warnings %q, want %q", warnings, tc.warning)
			}
			p := site.PageByPath(tc.file)
			if !slices.Equal(p.Aliases, tc.aliases) {
				t.Errorf("aliases %q, want %q", p.Aliases, tc.aliases)
			}
			if strings.HasPrefix(tc.front, "url:") && p.Params["url"] == nil {
				t.Errorf("url: does not reach templates: %v", p.Params)
			}
		})
	}
}

// TestPostAliases: with post_aliases, each post gets the address that
// pattern gave it, from its date, its name without the day and its
// Jekyll categories; pages other than posts get none.
func TestPostAliases(t *testing.T) {
	fsys := fstest.MapFS{
		"content/blog/2016-04-19-jekyll-3-0-4-released.md": {Data: []byte("---\ntitle: R\ndate: 2016-04-19 10:00:00 -0700\ncategories: [Release]\n---\n")},
		"content/blog/first.md":                            {Data: []byte("---\ntitle: F\ndate: 2026-01-02\n---\n")},
		"content/about.md":                                 {Data: []byte("---\ntitle: About\n---\n")},
	}
	cfg := config.Default()
	cfg.PostAliases = "/news/:categories/:year/:month/:day/:title/"
	site, err := Load(fsys, cfg, Options{Now: testNow})
	if err == nil {
		err = Link(site)
	}
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]string{
		"blog/2016-04-19-jekyll-3-0-4-released.md": {"/news/release/2016/04/19/jekyll-3-0-4-released/"},
		"blog/first.md": {"/news/2026/01/02/first/"},
		"about.md":      nil,
	} {
		if got := site.PageByPath(file).Aliases; !slices.Equal(got, want) {
			t.Errorf("%s: aliases %q, want %q", file, got, want)
		}
	}
}
