package preview

import (
	"strings"
	"testing"
)

// TestSessionTracesFrontMatter: a front matter edit loads the site again,
// and each output is handed over or rendered from what its trace says it
// read (trace.go), with layouts of the site's own reading other pages'
// fields, lists and lookups: the outputs that read the edited page's
// fields are rendered again, the others kept, and the site is the clean
// build's.
func TestSessionTracesFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		key, value       string
		// at most (0: no bound) and at least that many files rendered
		most, least int
	}{
		{name: "no layout of its own", key: "mood", value: `"calm"`, most: 6},
		{name: "a param looked up by path", file: "layouts/partials/head-extra.html",
			text: `{{define "head-extra"}}{{with .Site.PageByPath "CHAPTER"}}<meta name="x-mood" content="{{.Params.mood}}">{{end}}{{end}}`,
			key:  "mood", value: `"calm"`, least: 40},
		{name: "every page's title", file: "layouts/partials/footer.html",
			text: `{{define "footer"}}<footer>{{range .Site.Pages}}{{.Title}} {{end}}</footer>{{end}}`,
			key:  "title", value: `"A title of its own"`, least: 40},
		{name: "a param nobody reads", file: "layouts/partials/footer.html",
			text: `{{define "footer"}}<footer>{{range .Site.Tags}}{{.Name}} {{end}}</footer>{{end}}`,
			key:  "mood", value: `"calm"`, most: 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, s, opts := corpusSession(t, func(ed *siteEditor) {
				if tc.file != "" {
					chapter := strings.TrimPrefix(ed.chapters()[0], "content/")
					ed.write(tc.file, []byte(strings.ReplaceAll(tc.text, "CHAPTER", chapter)+"\n"))
				}
			})
			dir, chapter := ed.dir, ed.chapters()[0]
			ed.write(chapter, setKey(ed.read(chapter), tc.key, tc.value))
			up, err := s.Build(absPaths(dir, []string{chapter}))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s", up.Line())
			if up.Patched || tc.most > 0 && up.Rendered > tc.most || up.Rendered < tc.least {
				t.Errorf("%s: patched %v; want a full build, at most %d and at least %d files rendered", up.Line(), up.Patched, tc.most, tc.least)
			}
			want, wantErr := cleanBuild(opts)
			if diff := sameBuild(without(up.Files, up.Pending), err, without(want, up.Pending), wantErr); diff != "" {
				t.Fatalf("session and clean build differ:\n%s", diff)
			}
		})
	}
}

// TestSessionTracesTemplates: an edit of the layouts re-renders the pages
// whose layouts run the edited file (templates.Set.Digest), and nothing
// else; the site is the clean build's.
func TestSessionTracesTemplates(t *testing.T) {
	for _, tc := range []struct {
		name, file, text string
		most, least      int
	}{
		{name: "a partial nothing calls", file: "layouts/partials/unused.html",
			text: `{{define "unused"}}<p>unused</p>{{end}}`, most: 0},
		{name: "the tag pages' layout", file: "layouts/tag.html",
			text:  `{{template "base" .}}{{define "main"}}<h1>{{.Title}}</h1>{{range .Tag.Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}`,
			least: 8, most: 8},
		{name: "the frame every page runs", file: "layouts/partials/footer.html",
			text: `{{define "footer"}}<footer>Another footer</footer>{{end}}`, least: 80, most: 94},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, s, opts := corpusSession(t, func(*siteEditor) {})
			ed.write(tc.file, []byte(tc.text+"\n"))
			up, err := s.Build(absPaths(ed.dir, []string{tc.file}))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s", up.Line())
			if up.Rendered > tc.most || up.Rendered < tc.least {
				t.Errorf("%s: want at most %d and at least %d files rendered", up.Line(), tc.most, tc.least)
			}
			want, wantErr := cleanBuild(opts)
			if diff := sameBuild(without(up.Files, up.Pending), err, without(want, up.Pending), wantErr); diff != "" {
				t.Fatalf("session and clean build differ:\n%s", diff)
			}
		})
	}
}
