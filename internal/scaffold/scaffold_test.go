package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
)

var today = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

func read(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// buildSite builds root into a temporary folder and fails on any error or
// warning: a new site, and every page added to it, builds clean.
func buildSite(t *testing.T, root string, drafts bool) *build.Result {
	t.Helper()
	res, err := build.Build(build.Options{Source: root, Output: filepath.Join(t.TempDir(), "public"), Drafts: drafts, Now: today.Add(time.Hour)})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	return res
}

func TestNewSiteBuildsAtOnce(t *testing.T) {
	root := filepath.Join(t.TempDir(), "my-site")
	files, err := Site(root, SiteOptions{Author: "Ada Quill: Writer", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".gitignore", "folio.yaml", "content/_index.md", "content/about.md", "content/blog/_index.md",
		"content/blog/first-post.md", "content/book/_index.md", "content/book/preface.md",
		"content/book/beginnings/_index.md", "content/book/beginnings/first-chapter.md"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v\nwant %v", files, want)
	}
	res := buildSite(t, root, false)
	if res.Pages["chapter"] != 2 || res.Pages["post"] != 1 || res.Pages["part"] != 1 || res.Pages["page"] != 1 {
		t.Errorf("pages built: %v", res.Pages)
	}
	yaml := read(t, root, "folio.yaml")
	for _, s := range []string{`title: "My Site"`, `author: "Ada Quill: Writer"`, `copyright: "© 2026 Ada Quill: Writer"`} {
		if !strings.Contains(yaml, s) {
			t.Errorf("folio.yaml lacks %s:\n%s", s, yaml)
		}
	}
	if post := read(t, root, "content/blog/first-post.md"); !strings.Contains(post, "date: 2026-03-14\n") {
		t.Errorf("the first post is not dated today:\n%s", post)
	}

	// A second run overwrites nothing and writes nothing.
	if err := os.WriteFile(filepath.Join(root, "content/about.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "content/book/preface.md"))
	_, err = Site(root, SiteOptions{Today: today})
	var exists *ExistsError
	if !errors.As(err, &exists) || !strings.Contains(err.Error(), filepath.Join("my-site", "content", "about.md")) {
		t.Fatalf("second new site: %v", err)
	}
	if read(t, root, "content/about.md") != "mine" {
		t.Error("an existing file was overwritten")
	}
	if _, err := os.Stat(filepath.Join(root, "content/book/preface.md")); err == nil {
		t.Error("a refused new site still wrote files")
	}
}

func TestNewChapterPartPost(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if _, err := Site(root, SiteOptions{Today: today}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() (*Written, error)
		file string
		has  []string
	}{
		{"chapter into the last part", func() (*Written, error) { return Chapter(root, "The Second Step", "", "") },
			"content/book/beginnings/the-second-step.md", []string{`title: "The Second Step"`, "order: 20\n"}},
		{"part after the last", func() (*Written, error) { return Part(root, "Middle Things", "") },
			"content/book/middle-things/_index.md", []string{`title: "Middle Things"`, "order: 20\n"}},
		{"chapter into a named part", func() (*Written, error) { return Chapter(root, "Over the Bridge!", "Beginnings", "book") },
			"content/book/beginnings/over-the-bridge.md", []string{"order: 30\n"}},
		{"chapter into the new last part", func() (*Written, error) { return Chapter(root, "In the Middle", "", "") },
			"content/book/middle-things/in-the-middle.md", []string{"order: 10\n"}},
		{"post in a series", func() (*Written, error) {
			return Post(root, "Workshop Notes: The Outline", "workshop notes", "", today)
		}, "content/blog/workshop-notes-the-outline.md", []string{`title: "Workshop Notes: The Outline"`, "date: 2026-03-14\n", `series: "Workshop Notes"`, "order: 2\n", "draft: true\n"}},
		{"post without series", func() (*Written, error) { return Post(root, "Aside", "", "", today) },
			"content/blog/aside.md", []string{"draft: true\n"}},
	}
	for _, s := range steps {
		w, err := s.do()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if w.File != s.file {
			t.Errorf("%s: wrote %s, want %s", s.name, w.File, s.file)
			continue
		}
		text := read(t, root, w.File)
		for _, h := range s.has {
			if !strings.Contains(text, h) {
				t.Errorf("%s: %s lacks %q:\n%s", s.name, w.File, h, text)
			}
		}
	}
	res := buildSite(t, root, true)
	if res.Pages["chapter"] != 5 || res.Pages["post"] != 3 || res.Pages["part"] != 2 {
		t.Errorf("pages built: %v", res.Pages)
	}
	if res := buildSite(t, root, false); res.Pages["post"] != 1 {
		t.Errorf("new posts are not drafts: %v", res.Pages)
	}
}

func TestNewErrors(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if _, err := Site(root, SiteOptions{Today: today}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		do   func() (*Written, error)
		want string
	}{
		{"existing chapter", func() (*Written, error) { return Chapter(root, "First Chapter", "", "") }, "first-chapter.md already exists; folio new never overwrites a file"},
		{"unknown part", func() (*Written, error) { return Chapter(root, "X", "Endings", "") }, `no part "Endings" in "The Book"; its parts are "Beginnings"`},
		{"unknown book", func() (*Written, error) { return Part(root, "X", "novel") }, `no book "novel"; the site's books are book (The Book)`},
		{"no letters", func() (*Written, error) { return Post(root, "?!", "", "", today) }, `the title "?!" has no letters or digits to name a file by`},
		{"not a site", func() (*Written, error) { return Chapter(t.TempDir(), "X", "", "") }, "is not a site: it has no content/ folder"},
	}
	for _, tt := range tests {
		if _, err := tt.do(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}
