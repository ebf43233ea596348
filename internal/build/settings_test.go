package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
)

// templateSite uses params, menu and edit_url.
func templateSite(yaml string) fstest.MapFS {
	return fstest.MapFS{
		"folio.yaml":                       {Data: []byte("title: Settings\nbase_url: https://s.example.org/\n" + yaml)},
		"content/_index.md":                {Data: []byte("---\ntitle: Home\n---\nHi.\n")},
		"content/about.md":                 {Data: []byte("---\ntitle: About\n---\nMe.\n")},
		"content/book/_index.md":           {Data: []byte("---\ntitle: Book\n---\n")},
		"content/book/one.md":              {Data: []byte("---\ntitle: One\n---\nA chapter.\n")},
		"content/blog/_index.md":           {Data: []byte("---\ntitle: Blog\n---\n")},
		"content/blog/first post.md":       {Data: []byte("---\ntitle: First\ndate: 2026-01-05\n---\nA post.\n")},
		"layouts/partials/head-extra.html": {Data: []byte(`{{define "head-extra"}}{{with .Site.Params.analytics}}<meta name="x-analytics" content="{{.}}">{{end}}{{with .Site.Params.social}}<meta name="x-social" content="{{.mastodon}}">{{end}}{{end}}`)},
	}
}

// params reach templates as .Site.Params; menu replaces the header's links
// in its order; edit_url gives chapters and posts an edit link with their
// source path, escaped.
func TestSettingsForTemplates(t *testing.T) {
	files, _ := mustBuild(t, templateSite(`params:
  analytics: G-123
  social:
    mastodon: "@me@example.social"
menu:
  - title: Read
    url: /book/
  - title: Code
    url: https://code.example.org/me/site
edit_url: https://code.example.org/me/site/edit/main/{path}
`), build.Options{})
	chapter := string(files["book/one/index.html"])
	for _, want := range []string{
		`<meta name="x-analytics" content="G-123">`,
		`<meta name="x-social" content="@me@example.social">`,
		"<nav class=\"site-nav\" aria-label=\"Site\">\n<a href=\"/book/\">Read</a>\n<a href=\"https://code.example.org/me/site\">Code</a>\n</nav>",
		`<p class="edit-page"><a href="https://code.example.org/me/site/edit/main/content/book/one.md">Edit this page</a></p>`,
	} {
		if !strings.Contains(chapter, want) {
			t.Errorf("the chapter lacks %s:\n%s", want, chapter)
		}
	}
	post := string(files["blog/first post/index.html"])
	if !strings.Contains(post, `href="https://code.example.org/me/site/edit/main/content/blog/first%20post.md">Edit this page</a>`) {
		t.Errorf("the post has no edit link:\n%s", post)
	}
	if about := string(files["about/index.html"]); strings.Contains(about, "Edit this page") || strings.Contains(about, ">About</a>") {
		t.Errorf("the about page has an edit link, or the menu kept the built-in links:\n%s", about)
	}

	// Without the settings: the built-in navigation, no edit links, no params.
	files, _ = mustBuild(t, templateSite(""), build.Options{})
	chapter = string(files["book/one/index.html"])
	if strings.Contains(chapter, "Edit this page") || strings.Contains(chapter, "x-analytics") ||
		!strings.Contains(chapter, `<a href="/about/">About</a>`) || !strings.Contains(chapter, `<a href="/book/">Book</a>`) {
		t.Errorf("a site without the settings:\n%s", chapter)
	}
}
