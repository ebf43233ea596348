package build

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"folio/internal/buildtest"
	"folio/internal/output"
)

// update regenerates golden files (expected site output, expected error
// text) from what the build produces; review the diff before committing.
var update = flag.Bool("update", false, "rewrite golden files in testdata/ from the current output")

// fixtureNow is the present of every fixture build, so that scheduled posts
// and anything else that depends on the date cannot make a golden file drift.
var fixtureNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// buildFS runs a whole build of the site in fsys into memory and returns
// the files written, by slash path. Without Now or Clock, the present is
// fixtureNow.
func buildFS(fsys fs.FS, opts Options) (map[string][]byte, *Result, error) {
	if opts.Now.IsZero() && opts.Clock == nil {
		opts.Now = fixtureNow
	}
	cfg, err := Configure(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	res, err := Run(fsys, cfg, opts, w)
	if err != nil {
		return nil, nil, err
	}
	return mem.Files(), res, nil
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees reports every file that is missing, extra or different, so that
// one run shows the whole difference.
func diffTrees(want, got map[string][]byte) error {
	var errs []error
	for _, rel := range buildtest.SortedKeys(want) {
		g, ok := got[rel]
		switch {
		case !ok:
			errs = append(errs, errors.New("missing "+rel))
		case !bytes.Equal(g, want[rel]):
			errs = append(errs, errors.New("differs "+rel+": "+buildtest.FirstDifference(want[rel], g)))
		}
	}
	for _, rel := range buildtest.SortedKeys(got) {
		if _, ok := want[rel]; !ok {
			errs = append(errs, errors.New("unexpected "+rel))
		}
	}
	return errors.Join(errs...)
}

// fixtureDirs lists the case folders under testdata/<kind>.
func fixtureDirs(t *testing.T, kind string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", kind))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no fixtures in testdata/%s", kind)
	}
	return dirs
}
