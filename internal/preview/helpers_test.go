package preview

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/buildtest"
	"folio/internal/content"
	"folio/internal/search"
	"folio/internal/sourcetree"
)

// What the session tests share: a copy of a site's sources to edit, and
// the comparison of a session's output with a clean build's.

// copySite copies the parts of a site a build reads into a new folder.
func copySiteSources(t testing.TB, from string) string {
	t.Helper()
	dir := t.TempDir()
	for _, root := range sourcetree.Roots() {
		src := filepath.Join(from, root)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, root), os.DirFS(src)); err != nil {
			// folio.yaml is a file, which CopyFS does not take.
			data, rerr := os.ReadFile(src)
			if rerr != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, root), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// cleanBuild builds the folder from scratch into memory, as folio build
// would, but without writing anything.
func cleanBuild(opts build.Options) (map[string][]byte, error) {
	files, _, err := cleanResult(opts)
	return files, err
}

// errorLines lists a build error's problems, one per line.
func errorLines(err error) string {
	var lines []string
	for _, e := range content.Flatten(err) {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// sameBuild reports how a session's result differs from a clean build's.
func sameBuild(got map[string][]byte, gotErr error, want map[string][]byte, wantErr error) string {
	if (gotErr != nil) != (wantErr != nil) {
		return fmt.Sprintf("session error %v, clean build error %v", gotErr, wantErr)
	}
	if wantErr != nil {
		if g, w := errorLines(gotErr), errorLines(wantErr); g != w {
			return fmt.Sprintf("errors differ:\nsession:\n%s\nclean build:\n%s", g, w)
		}
		return ""
	}
	var diffs []string
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case !bytes.Equal(g, w):
			diffs = append(diffs, fmt.Sprintf("%s differs:\n%s", name, buildtest.FirstDifference(w, g)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("... and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "\n")
}

// without is files less the names.
func without(files map[string][]byte, names []string) map[string][]byte {
	out := maps.Clone(files)
	for _, n := range names {
		delete(out, n)
		if n == search.ManifestPath {
			// The search index stands pending by its manifest; the
			// names of its other files follow their contents.
			maps.DeleteFunc(out, func(f string, _ []byte) bool { return search.IsIndexFile(f) })
		}
	}
	return out
}

// absPaths makes paths relative to dir absolute, as a watcher reports them.
func absPaths(dir string, rels []string) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = filepath.Join(dir, filepath.FromSlash(r))
	}
	return out
}
