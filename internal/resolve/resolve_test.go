package resolve

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/siteurl"
)

func linked(t *testing.T) Links {
	t.Helper()
	fsys := fstest.MapFS{
		"content/book/_index.md":           {Data: []byte("---\ntitle: Book\n---\n")},
		"content/book/intro.md":            {Data: []byte("---\ntitle: Intro\n---\n## Why\n")},
		"content/book/diagram.png":         {Data: []byte("png")},
		"content/blog/_index.md":           {Data: []byte("---\ntitle: Blog\n---\n")},
		"content/blog/draft.md":            {Data: []byte("---\ntitle: Draft\ndate: 2026-01-01\ndraft: true\n---\n")},
		"static/logo.svg":                  {Data: []byte("<svg/>")},
		"static/files/notes.txt":           {Data: []byte("notes")},
		"content/blog/2015-02-13-final.md": {Data: []byte("---\ntitle: Final\n---\n")},
		"content/about.md":                 {Data: []byte("---\ntitle: About\naliases: [/old/about.html]\n---\n")},
		"content/blog/first-post.md":       {Data: []byte("---\ntitle: First\ndate: 2026-01-02\n---\n")},
	}
	site, err := content.Load(fsys, config.Default(), content.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := content.Link(site); err != nil {
		t.Fatal(err)
	}
	return Links{Site: site, FS: fsys}
}

func TestTarget(t *testing.T) {
	l := linked(t)
	from := l.Site.PageByPath("blog/first-post.md")
	for _, tc := range []struct {
		dest, page, id, asset, err string
		home                       bool
	}{
		{dest: "../book/intro.md", page: "book/intro.md"},
		{dest: "../book/intro.md#why", page: "book/intro.md", id: "why"},
		{dest: "../book/intro.md?x=1#why", page: "book/intro.md", id: "why"},
		{dest: "../book/", page: "book/_index.md"},
		{dest: "../book/diagram.png", asset: "book/diagram.png"},
		{dest: "../book/intro", page: "book/intro.md"},
		{dest: "2015-02-13-final#x", page: "blog/2015-02-13-final.md", id: "x"},
		// From the site's root, as Hugo and Jekyll sites link: a page by its
		// address or its file, checked as a relative link is.
		{dest: "/book/intro.md", page: "book/intro.md"},
		{dest: "/book/intro/", page: "book/intro.md"},
		{dest: "/book/intro#why", page: "book/intro.md", id: "why"},
		{dest: "/blog", page: "blog/_index.md"},
		{dest: "/book/intro.html", page: "book/intro.md"},
		{dest: "/book/intro/index.html#why", page: "book/intro.md", id: "why"},
		{dest: "/", home: true}, // the home page, which this site has no _index.md for
		{dest: "/book/nothing.md", err: `link "/book/nothing.md" is site-absolute, and no page or file of static/ has that address; link to the Markdown file instead`},
		// A file of static/ is found from the site's root, as an image is.
		{dest: "/files/notes.txt", asset: "files/notes.txt"},
		{dest: "/files/", err: "is site-absolute, and no page or file of static/ has that address"},
		// An old address names the file to link to (a migrated blog's
		// links, with the addresses its old generator gave).
		{dest: "/2015/02/13/final.html", err: `link "/2015/02/13/final.html" is an old address of the page content/blog/2015-02-13-final.md: link to its Markdown file, 2015-02-13-final.md, so folio can check it`},
		{dest: "/news/2015/02/13/final.html#x", err: "is an old address of the page content/blog/2015-02-13-final.md"},
		{dest: "/old/about.html", err: "is an old address of the page content/about.md: link to its Markdown file, ../about.md,"},
		// Zola's links from content/ to a file.
		{dest: "@/book/intro.md#why", page: "book/intro.md", id: "why"},
		{dest: "@/book/_index.md", page: "book/_index.md"},
		{dest: "@/book/diagram.png", asset: "book/diagram.png"},
		{dest: "@/book/nothing.md", err: `link "@/book/nothing.md": no such page content/book/nothing.md; check the path (it is relative to content/, as Zola's @/ links are)`},
		{dest: "@/../x.md", err: "points outside content/"},
		{dest: "../../x.md", err: "points outside content/"},
		{dest: "nothing.md", err: "no such page content/blog/nothing.md"},
		{dest: "draft.md", err: "left out of this build: it is a draft"},
		{dest: "../book/missing.txt", err: "no page or file content/book/missing.txt"},
	} {
		p, id, err := l.Target(from, tc.dest)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one saying %q", tc.dest, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.dest, err)
		case tc.home:
			if p != nil || id != "" {
				t.Errorf("%s: page %v asset %q, want the home page's path", tc.dest, p, id)
			}
		case tc.asset != "":
			if p != nil || id != tc.asset {
				t.Errorf("%s: page %v asset %q, want asset %q", tc.dest, p, id, tc.asset)
			}
		case p == nil || p.Path != tc.page || id != tc.id:
			t.Errorf("%s: page %v id %q, want %s#%s", tc.dest, p, id, tc.page, tc.id)
		}
	}
}

func TestAsset(t *testing.T) {
	l := linked(t)
	from := l.Site.PageByPath("book/intro.md")
	if rel, err := l.Asset(from, "diagram.png"); err != nil || rel != "book/diagram.png" || l.File(rel) != "content/book/diagram.png" {
		t.Errorf("diagram.png: %q %v", rel, err)
	}
	if rel, err := l.Asset(from, "/logo.svg"); err != nil || rel != "logo.svg" || l.File(rel) != "static/logo.svg" {
		t.Errorf("/logo.svg: %q %v", rel, err)
	}
	if _, err := l.Asset(from, "gone.png"); err == nil || !strings.Contains(err.Error(), "there is no content/book/gone.png") {
		t.Errorf("gone.png: %v", err)
	}
	if _, err := l.Asset(from, "/gone.png"); err == nil || !strings.Contains(err.Error(), "there is no static/gone.png") {
		t.Errorf("/gone.png: %v", err)
	}
}

func TestMissingHeading(t *testing.T) {
	target := &content.Page{File: "content/book/intro.md"}
	out := Outline{Headings: []content.Heading{{ID: "why"}, {ID: "café"}}, IDs: []string{"raw-id"}}
	from := &content.Page{File: "content/blog/post.md"}
	for _, id := range []string{"why", "caf%C3%A9", "raw-id"} {
		if e := MissingHeading(from, 3, target, out, id, "../book/intro.md#"+id); e != nil {
			t.Errorf("#%s: %v", id, e)
		}
	}
	e := MissingHeading(from, 3, target, out, "how", "../book/intro.md#how")
	if e == nil || e.File != from.File || e.Line != 3 || !strings.Contains(e.Message, "its heading ids are why, café") {
		t.Errorf("#how: %+v", e)
	}
	if e := MissingHeading(target, 1, target, Outline{}, "x", "#x"); e == nil || !strings.Contains(e.Message, "this page has no heading") {
		t.Errorf("#x on the page itself: %+v", e)
	}
}

func TestSrcSet(t *testing.T) {
	vs := []images.Variant{{Path: "a/p,1-480.jpg", Width: 480}, {Path: "a/p,1-1200.jpg", Width: 1200}, {Path: "a/p,1-2400.jpg", Width: 2400}}
	if got, want := SrcSet(siteurl.New("https://example.org/sub/"), vs), "/sub/a/p%2C1-480.jpg 480w, /sub/a/p%2C1-1200.jpg 1200w, /sub/a/p%2C1-2400.jpg 2400w"; got != want {
		t.Errorf("srcset %q, want %q", got, want)
	}
	if got := Fallback(vs); got.Width != 1200 {
		t.Errorf("fallback %d px, want 1200", got.Width)
	}
	if !IsRaster("x/Photo.JPG") || IsRaster("x/logo.svg") {
		t.Error("IsRaster")
	}
}
