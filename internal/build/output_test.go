package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/buildtest"
)

// copySite copies the fixture site testdata/sites/<name> (without its
// expected output) into a new folder and returns the folder. Every file is
// dated fixtureNow: the sitemap dates undated pages by their files, which a
// checkout dates by when it happened.
func copySite(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "sites", name))); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "expected")); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, fixtureNow, fixtureNow)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// entries lists the names in dir, to find temporary folders left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func mustBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = fixtureNow
	}
	res, err := Build(opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res
}

// A failed build leaves the published output exactly as it was, and no
// temporary folder beside it.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := copySite(t, "coaching")
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	mustBuild(t, Options{Source: site, Output: out})
	before := readTree(t, out)

	failures := map[string]func(){
		"content error": func() { buildtest.WriteFile(t, filepath.Join(site, "content", "broken.md"), "---\ntitle: [\n---\n") },
		"broken link": func() {
			buildtest.WriteFile(t, filepath.Join(site, "content", "broken.md"), "---\ntitle: B\n---\n[x](nowhere.md)\n")
		},
		"template error": func() {
			buildtest.WriteFile(t, filepath.Join(site, "layouts", "page.html"), "{{template \"base\" .}}{{define \"main\"}}{{.Nope}}{{end}}")
		},
		"config error": func() { buildtest.WriteFile(t, filepath.Join(site, "folio.yaml"), "titel: x\n") },
	}
	for name, breakSite := range failures {
		t.Run(name, func(t *testing.T) {
			good := readTree(t, site)
			t.Cleanup(func() { buildtest.WriteTree(t, site, good) })
			breakSite()
			if _, err := Build(Options{Source: site, Output: out, Now: fixtureNow}); err == nil {
				t.Fatal("the broken site built")
			}
			if err := diffTrees(before, readTree(t, out)); err != nil {
				t.Errorf("the failed build changed the output:\n%v", err)
			}
			if names := entries(t, parent); len(names) != 1 || names[0] != "public" {
				t.Errorf("beside the output after a failed build: %v, want only public", names)
			}
		})
	}
}

// A rebuild removes what the previous build wrote and this one does not:
// the folder of a deleted page, a static file taken away, a stray file;
// so does the next one, which updates the previous output (kept beside as
// the spare) that still holds them.
func TestRebuildLeavesNoStaleFiles(t *testing.T) {
	site := copySite(t, "coaching")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Output: out})
	for _, p := range []string{"about/index.html", "js/app.js"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Fatalf("the first build did not write %s", p)
		}
	}
	buildtest.WriteFile(t, filepath.Join(out, "stray.html"), "left by hand")
	for _, p := range []string{"content/about.md", "static/js/app.js"} {
		if err := os.Remove(filepath.Join(site, p)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		mustBuild(t, Options{Source: site, Output: out})
		for _, p := range []string{"about", "js", "stray.html"} {
			if _, err := os.Stat(filepath.Join(out, p)); err == nil {
				t.Errorf("%s survived rebuild %d", p, i+1)
			}
		}
		if names := entries(t, filepath.Dir(out)); len(names) != 3 || names[2] != "public" {
			t.Errorf("beside the output after rebuild %d: %v, want public and the spare folder with its marker", i+1, names)
		}
	}
}

// Pages are converted and rendered in parallel, yet two builds of a site
// write the same bytes.
func TestBuildIsDeterministic(t *testing.T) {
	for _, src := range []string{filepath.Join("testdata", "sites", "coaching"), filepath.Join("..", "..")} {
		t.Run(src, func(t *testing.T) {
			var trees []map[string][]byte
			for range 3 {
				out := filepath.Join(t.TempDir(), "public")
				mustBuild(t, Options{Source: src, Output: out})
				trees = append(trees, readTree(t, out))
			}
			for i := 1; i < len(trees); i++ {
				if err := diffTrees(trees[0], trees[i]); err != nil {
					t.Errorf("build %d differs from build 1:\n%v", i+1, err)
				}
			}
		})
	}
}

// The output folder is replaced whole, so it may be neither the site, nor a
// folder holding it, nor a folder inside its sources, nor any folder that
// looks like a source folder.
func TestOutputGuard(t *testing.T) {
	site := copySite(t, "coaching")
	// Folders that look like sources, made here: a regression of the guard
	// must not be able to replace a real one.
	repo := filepath.Join(t.TempDir(), "repo")
	buildtest.WriteFile(t, filepath.Join(repo, "go.mod"), "module example\n")
	other := filepath.Join(t.TempDir(), "other-site")
	buildtest.WriteFile(t, filepath.Join(other, "content", "_index.md"), "---\ntitle: Other\n---\n")
	tests := []struct{ name, source, output, want string }{
		{"site itself", site, site, "is the site folder itself"},
		{"site itself, spelt otherwise", site, site + "/content/..", "is the site folder itself"},
		{"parent of the site", site, filepath.Dir(site), "holds the site folder"},
		{"content", site, filepath.Join(site, "content"), "inside the site's content/ folder"},
		{"inside static", site, filepath.Join(site, "static", "out"), "inside the site's static/ folder"},
		{"layouts", site, filepath.Join(site, "layouts"), "inside the site's layouts/ folder"},
		{"another site", site, other, "holds content, so it looks like a source folder"},
		{"a repository", site, repo, "holds go.mod, so it looks like a source folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := readTree(t, site)
			beside := entries(t, filepath.Dir(site))
			_, err := Build(Options{Source: tt.source, Output: tt.output, Now: fixtureNow})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one saying %q", err, tt.want)
			}
			if err := diffTrees(before, readTree(t, site)); err != nil {
				t.Errorf("the refused build changed the site:\n%v", err)
			}
			if got := entries(t, filepath.Dir(site)); strings.Join(got, " ") != strings.Join(beside, " ") {
				t.Errorf("beside the site: %v, before the build: %v", got, beside)
			}
		})
	}
}

// Static text files are minified with the pages unless --no-minify or
// folio.yaml's minify: false says otherwise; other files are copied as they
// are either way.
func TestStaticMinify(t *testing.T) {
	site := copySite(t, "coaching")
	files := map[string]string{
		"static/css/folio.css":  "/* comment */\nbody {\n    color: #333333;\n}\n",
		"static/js/app.js":      "// comment\nvar answer = 40 + 2 ;\n",
		"static/data.json":      "{\n  \"a\": [1, 2]\n}\n",
		"static/mark.svg":       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n  <!-- comment -->\n  <rect width=\"10\" height=\"10\"/>\n</svg>\n",
		"static/notes.txt":      "Plain   text\n",
		"content/book/note.xml": "<note>\n  <to>reader</to>\n</note>\n",
	}
	for p, text := range files {
		buildtest.WriteFile(t, filepath.Join(site, p), text)
	}
	minified := map[string]bool{"static/css/folio.css": true, "static/js/app.js": true, "static/data.json": true, "static/mark.svg": true, "content/book/note.xml": true}
	config, err := os.ReadFile(filepath.Join(site, "folio.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		noMinify bool
		config   string
		minify   bool
	}{
		{"default", false, "", true},
		{"--no-minify", true, "", false},
		{"minify: false", false, "minify: false\n", false},
	}
	pages := map[string][]byte{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buildtest.WriteFile(t, filepath.Join(site, "folio.yaml"), string(config)+tt.config)
			out := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Source: site, Output: out, NoMinify: tt.noMinify})
			for p, text := range files {
				rel := strings.TrimPrefix(strings.TrimPrefix(p, "static/"), "content/")
				got, err := os.ReadFile(filepath.Join(out, rel))
				if err != nil {
					t.Fatal(err)
				}
				asWritten := bytes.Equal(got, []byte(text))
				if want := !(tt.minify && minified[p]); asWritten != want {
					t.Errorf("%s: copied as written = %v, want %v; got %q", p, asWritten, want, got)
				}
				if !asWritten && len(got) >= len(text) {
					t.Errorf("%s: minified to %d bytes from %d", p, len(got), len(text))
				}
			}
			page, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			pages[tt.name] = page
		})
	}
	if len(pages["default"]) >= len(pages["--no-minify"]) {
		t.Errorf("the minified page has %d bytes, the page as rendered %d", len(pages["default"]), len(pages["--no-minify"]))
	}
	if !bytes.Equal(pages["--no-minify"], pages["minify: false"]) {
		t.Error("--no-minify and minify: false render different pages")
	}
}
