package build

import (
	"os"
	"path/filepath"
	"testing"

	"folio/internal/buildtest"
)

// TestSiteFixtures builds every site under testdata/sites/<case>/ with the
// minifier on and off and compares the output, byte for byte, with
// expected/minified/ and expected/unminified/ beside it. A change to a
// template or to the Markdown features changes these files on purpose:
// regenerate them with
//
//	go test ./internal/build -run TestSiteFixtures -update
//
// and read the diff before committing it.
func TestSiteFixtures(t *testing.T) {
	modes := []struct {
		dir      string
		noMinify bool
	}{{"minified", false}, {"unminified", true}}
	for _, name := range fixtureDirs(t, "sites") {
		for _, mode := range modes {
			t.Run(name+"/"+mode.dir, func(t *testing.T) {
				site := filepath.Join("testdata", "sites", name)
				out := filepath.Join(t.TempDir(), "public")
				res, err := Build(Options{Source: copySite(t, name), Output: out, NoMinify: mode.noMinify, Now: fixtureNow})
				if err != nil {
					t.Fatalf("build failed:\n%v", err)
				}
				for _, w := range res.Warnings {
					t.Errorf("warning: %v", w)
				}
				got := readTree(t, out)
				golden := filepath.Join(site, "expected", mode.dir)
				if *update {
					buildtest.WriteTree(t, golden, got)
				}
				if err := diffTrees(readTree(t, golden), got); err != nil {
					t.Errorf("output differs from %s (regenerate with -update and review the diff):\n%v", golden, err)
				}
			})
		}
	}
}

// TestSampleSite builds the repository's own sample site, strictly: an error
// or a warning (a photo without credit or alt text) fails it.
func TestSampleSite(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		t.Fatalf("the sample site is missing: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: root, Output: out, Strict: true})
	if err != nil {
		t.Fatalf("the sample site does not build:\n%v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	for _, want := range []string{"index.html", "about/index.html", "book/index.html", "blog/index.html", "blog/partnership/index.html", "sitemap.xml", "blog/feed.xml"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("the sample site has no %s", want)
		}
	}
}
