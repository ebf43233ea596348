package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
)

// TestTemplatesCannotReadOtherPagesBuilding runs the two probes of a
// template reading what the build is still making: every page's HTML from a
// partial that every page uses, and every page's Markdown from the home
// page. Pages are converted and rendered in parallel, and their HTML and
// source are freed once used, so such a read could only give what happened
// to be there (different on each run, and between folio serve and folio
// build, and a data race). Both are refused with the template's file and
// line and what to use instead, the same on every clean build and in a
// preview session; go test -race runs this in CI.
func TestTemplatesCannotReadOtherPagesBuilding(t *testing.T) {
	probes := []struct{ file, text, want string }{
		{"layouts/partials/head-extra.html", "{{define \"head-extra\"}}{{range .Site.Pages}}{{len .HTML}},{{end}}{{end}}\n",
			`layouts/partials/head-extra.html:1: executing "head-extra" at <.HTML>: error calling HTML: templates cannot read a page's HTML (.HTML)`},
		// The literal probe: the partial as Hugo writes one, the
		// whole file its content (package templates makes it "head-extra").
		{"layouts/partials/head-extra.html", "{{range .Site.Pages}}{{len .HTML}},{{end}}\n",
			`layouts/partials/head-extra.html:1: executing "head-extra" at <.HTML>: error calling HTML: templates cannot read a page's HTML (.HTML)`},
		{"layouts/home.html", "{{template \"base\" .}}\n{{define \"main\"}}{{range .Site.Pages}}{{len .Body}},{{end}}{{end}}\n",
			`layouts/home.html:2: executing "main" at <.Body>: error calling Body: templates cannot read a page's Markdown source (.Body)`},
	}
	for _, probe := range probes {
		t.Run(filepath.Base(probe.file), func(t *testing.T) {
			dir := copySiteSources(t, "../..")
			if err := os.WriteFile(filepath.Join(dir, probe.file), []byte(probe.text), 0o644); err != nil {
				t.Fatal(err)
			}
			var first string
			for run := range 3 {
				_, err := cleanBuild(build.Options{Source: dir, Now: sessionNow})
				if err == nil {
					t.Fatalf("clean build %d succeeded", run)
				}
				if !strings.Contains(err.Error(), probe.want) {
					t.Fatalf("clean build %d: error\n%v\nlacks %q", run, err, probe.want)
				}
				if run == 0 {
					first = err.Error()
				} else if err.Error() != first {
					t.Errorf("clean build %d reports\n%v\nthe first reported\n%s", run, err, first)
				}
			}
			s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Build(nil)
			if err == nil || err.Error() != first {
				t.Errorf("the preview reports\n%v\nthe clean build\n%s", err, first)
			}
		})
	}
}

// TestTemplatesReadOtherPagesSummaries is the probe of what templates may
// read of other pages: summaries, descriptions and headings, which the
// build fills in as it converts each page, from a partial every page uses.
// Every page then waits for all conversions, so three clean builds and a
// preview session write the same bytes (and go test -race sees no race).
func TestTemplatesReadOtherPagesSummaries(t *testing.T) {
	dir := copySiteSources(t, "../..")
	probe := `{{define "head-extra"}}<meta name="probe" content="{{range .Site.Pages}}{{len .SummaryHTML}},{{len .Description}},{{len .Headings}};{{end}}">{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "layouts/partials/head-extra.html"), []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Source: dir, Now: sessionNow}
	first, err := cleanBuild(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first["about/index.html"]), `;`) {
		t.Fatal("the probe is not in the page")
	}
	for run := 1; run < 3; run++ {
		again, err := cleanBuild(opts)
		if diff := sameBuild(again, err, first, nil); diff != "" {
			t.Fatalf("clean build %d differs from the first: %s", run, diff)
		}
	}
	s, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	up, err := s.Build(nil)
	if err == nil && len(up.Pending) > 0 {
		up, err = s.Complete()
	}
	if diff := sameBuild(up.Files, err, first, nil); diff != "" {
		t.Fatalf("the preview differs from the clean build: %s", diff)
	}
}
