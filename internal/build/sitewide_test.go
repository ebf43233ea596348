package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The search box and script tag are rendered once per build (package
// sitewide) from partials/search.html: a site's own partial shows on every
// page, the built-in header and frame write it where the built-in form
// and tag stood, and a partial that fails is reported once with its file
// and line.
func TestSitewidePieces(t *testing.T) {
	const own = `{{define "search-box"}}<p class="box">{{.Site.Config.Title}} {{T "search"}}</p>{{end}}` +
		`{{define "search-script"}}<script src="{{url "/own.js"}}"></script>{{end}}`
	fsys := linkSite("title: Links\nbase_url: https://example.org/sub/\n")
	fsys["layouts/partials/search.html"] = &fstest.MapFile{Data: []byte(own)}
	files, _, err := buildFS(fsys, Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") || strings.Contains(name, "/print/") {
			continue
		}
		pages++
		got := string(data)
		if !strings.Contains(got, "<p class=\"box\">Links Search</p></header>") ||
			!strings.Contains(got, "<link rel=\"stylesheet\" href=\"/sub/css/folio.css\">\n<script src=\"/sub/own.js\"></script>") {
			t.Errorf("%s lacks the site's search box or script where the built-in ones stand:\n%s", name, got)
		}
	}
	if pages < 8 {
		t.Errorf("%d pages checked", pages)
	}

	fsys["layouts/partials/search.html"] = &fstest.MapFile{Data: []byte("{{define \"search-box\"}}\n{{.Site.Nope}}{{end}}")}
	_, _, err = buildFS(fsys, Options{NoMinify: true})
	if err == nil || strings.Count(err.Error(), "field Nope") != 1 ||
		!strings.Contains(err.Error(), `render the partial "search-box", which every page shows: layouts/partials/search.html:2:`) {
		t.Errorf("a failing search box: %v", err)
	}
}
