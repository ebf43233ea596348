package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
	"folio/internal/buildtest"
)

// unpreparable are rewrites of layouts that change nothing a page shows
// but keep package templates from preparing them (a call of a partial
// whose argument is (.) rather than ., a constant argument in
// parentheses, the sidebar's items written by index): the reference a
// prepared build is compared with.
var unpreparable = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\{\{(-?\s*)(template|block) ("[^"]+") \.(\s*-?)\}\}`), `{{$1$2 $3 (.)$4}}`},
	{regexp.MustCompile(`\{\{(-?\s*)(T|url|abs) ("[^"]*")`), `{{$1$2 ($3)`},
	{regexp.MustCompile(`\{\{range \$\.Items\}\}\{\{\.\}\}\{\{end\}\}`), `{{range $$i, $$x := $$.Items}}{{index $$.Items $$i}}{{end}}`},
}

// withUnpreparedLayouts is fsys with every built-in layout and every
// layout of the site rewritten by unpreparable, as the site's own.
func withUnpreparedLayouts(t *testing.T, fsys fstest.MapFS) fstest.MapFS {
	t.Helper()
	ref := fstest.MapFS{}
	for name, f := range fsys {
		ref[name] = f
	}
	theme := os.DirFS("../templates/theme/layouts")
	changed := 0
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if f, ok := fsys["layouts/"+p]; ok {
			data = f.Data
		}
		rewritten := data
		for _, r := range unpreparable {
			rewritten = r.re.ReplaceAll(rewritten, []byte(r.with))
		}
		if !bytes.Equal(rewritten, data) {
			changed++
		}
		ref["layouts/"+p] = &fstest.MapFile{Data: rewritten, Mode: 0o644}
		return err
	})
	if err != nil || changed == 0 {
		t.Fatalf("rewriting the layouts: %v, %d changed", err, changed)
	}
	return ref
}

// TestPreparedLayoutsWriteTheSame: the pieces (partials rendered once per
// build), the constant actions folded when the layouts load and the
// sidebar blocks joined from a frame change no byte of any file, with the built-in layouts and with overrides of
// the site's: a footer that reads the page (rendered per page), this
// repository's footer and a header of the site's own (pieces).
func TestPreparedLayoutsWriteTheSame(t *testing.T) {
	ownFooter, err := os.ReadFile("../../layouts/partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	overrides := map[string]map[string]string{
		"built-in":                nil,
		"footer reading the page": {"layouts/partials/footer.html": `{{define "footer"}}<footer title="{{T "photo_credits"}}">{{.Site.Config.Title}}: {{.Title}}{{with .Page}} ({{.Date.Year}}){{end}} <a href="{{url "/a&b/"}}">x</a></footer>{{end}}`},
		"own footer and header": {
			"layouts/partials/footer.html": string(ownFooter),
			"layouts/partials/header.html": `{{define "header"}}<header>{{$s := .Site}}{{range $s.Blogs}}<a href="{{url .Index.URL}}">{{.Index.Title}}</a>{{end}}{{template "nav" .}}{{.SearchBox}}</header>{{end}}{{define "nav"}}<nav aria-label="{{T "site_nav"}}">{{with .Site.Config.Menu}}{{range .}}{{.Title}}{{end}}{{end}}</nav>{{end}}`,
		},
	}
	for _, dir := range []string{blogSite, "testdata/book/site"} {
		for name, files := range overrides {
			t.Run(path.Base(path.Dir(dir))+"/"+name, func(t *testing.T) {
				fsys := siteFS(t, dir)
				for p, text := range files {
					fsys[p] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
				}
				got, _ := mustBuild(t, fsys, build.Options{})
				want, _ := mustBuild(t, withUnpreparedLayouts(t, fsys), build.Options{})
				if !slices.Equal(buildtest.SortedKeys(got), buildtest.SortedKeys(want)) {
					t.Fatalf("files %v, want %v", buildtest.SortedKeys(got), buildtest.SortedKeys(want))
				}
				for _, p := range buildtest.SortedKeys(want) {
					if !bytes.Equal(got[p], want[p]) {
						t.Errorf("%s differs: %s", p, buildtest.FirstDifference(want[p], got[p]))
					}
				}
			})
		}
	}
}

// TestPieceThatFailsFailsItsPages: a partial that reads only the site
// but fails is not a piece left out without a word: the pages calling it
// render it and report the failure, naming its file and line, as
// without pieces.
func TestPieceThatFailsFailsItsPages(t *testing.T) {
	fsys := siteFS(t, blogSite)
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("{{define \"footer\"}}<footer>\n{{.Site.Nope}}</footer>{{end}}"), Mode: 0o644}
	_, _, err := buildInMemory(t, fsys, build.Options{})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/footer.html:2: ") || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("error %v, want the footer's line and what it read", err)
	}
}
