package preview

import (
	"math/rand/v2"
	"slices"
	"testing"

	"folio/internal/build"
	"folio/internal/corpus"
)

// TestSessionFollowsRecordedReads: with layouts of the site's own, a body
// edit is redone from what the views recorded each output reading
// (package views): the outputs that show what changed are rendered again, the
// others are kept, and the site is the clean build's. A sidebar that
// shows reading times (which the patch path takes over) sends the edit
// through the whole build instead.
func TestSessionFollowsRecordedReads(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		// fast: the edit takes the patch path; most: at most that many
		// files rendered (0: no bound); least: at least that many.
		fast        bool
		most, least int
	}{
		{name: "own word count", file: "layouts/partials/head-extra.html",
			text: `{{define "head-extra"}}{{with .Page}}<meta name="x-words" content="{{.Words}}">{{end}}{{end}}`,
			fast: true, most: 6},
		{name: "chapters' word counts in the book", file: "layouts/partials/head-extra.html",
			text: `{{define "head-extra"}}{{with .Book}}<meta name="x-words" content="{{range .Chapters}}{{.Page.Words}} {{end}}">{{end}}{{end}}`,
			fast: true, least: 10},
		{name: "every page's summary", file: "layouts/partials/footer.html",
			text: `{{define "footer"}}<footer>{{range .Site.Pages}}{{.SummaryHTML}}{{end}}</footer>{{end}}`,
			fast: true, least: 40},
		// Rendered once per build (package sitewide): what it read
		// counts as read by every page that shows it.
		{name: "word counts in the search box", file: "layouts/partials/search.html",
			text: `{{define "search-box"}}<p>{{range .Site.Pages}}{{.Words}} {{end}}</p>{{end}}{{define "search-script"}}{{end}}`,
			fast: true, least: 40},
		{name: "reading times in the sidebar", file: "layouts/partials/contents.html",
			text: `{{define "contents"}}<nav>{{.Sidebar}}</nav>{{end}}` +
				`{{define "contents-part"}}{{range .Part.Chapters}}<p>{{.Page.Title}} {{.Page.ReadingMinutes}}</p>{{end}}{{end}}`,
			fast: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, s, opts := corpusSession(t, func(ed *siteEditor) { ed.write(tc.file, []byte(tc.text+"\n")) })
			dir, chapter := ed.dir, ed.chapters()[0]
			format, fm, body := splitSource(ed.read(chapter))
			if format == "" {
				t.Fatalf("%s has no front matter", chapter)
			}
			// A new first paragraph, long enough to change the reading time.
			opening := []byte("\n" + ed.sentence(400) + "\n")
			ed.write(chapter, slices.Concat(fm, opening, body))
			up, err := s.Build(absPaths(dir, []string{chapter}))
			if err != nil {
				t.Fatal(err)
			}
			if up.Fast != tc.fast || tc.most > 0 && up.Rendered > tc.most || up.Rendered < tc.least {
				t.Errorf("%s: fast %v; want fast %v, at most %d and at least %d files rendered", up.Line(), up.Fast, tc.fast, tc.most, tc.least)
			}
			want, wantErr := cleanBuild(opts)
			if diff := sameBuild(without(up.Files, up.Pending), err, without(want, up.Pending), wantErr); diff != "" {
				t.Fatalf("session and clean build differ:\n%s", diff)
			}
		})
	}
}

// corpusSession generates a site of 60 pages, lets prepare change it, and
// builds it in a new session.
func corpusSession(t *testing.T, prepare func(*siteEditor)) (*siteEditor, *Session, build.Options) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Spec{Pages: 60, Parts: 3, Series: 4, Tags: 8, Photos: 4, Words: 150, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ed := &siteEditor{t: t, dir: dir, rng: rand.New(rand.NewPCG(1, 2))}
	prepare(ed)
	opts := build.Options{Source: dir, BaseURL: "http://127.0.0.1:4242/", Now: sessionNow, WaitForImages: true}
	s, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	return ed, s, opts
}
