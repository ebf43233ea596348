package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Every build into an output folder after the second updates the previous
// output left beside it: an unchanged site writes no file and removes
// none, an edit writes only the files it changed, and the output is the
// same as a build into an empty folder. The work is counted from -v.
func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	site := writeSite(t, goodSite)
	out := filepath.Join(site, "public")
	var counts [3]int
	for range 3 {
		counts = buildCounts(t, site, out)
	}
	if counts[0] != 0 || counts[1] == 0 || counts[2] != 0 {
		t.Fatalf("third build of an unchanged site: %d written, %d unchanged, %d removed", counts[0], counts[1], counts[2])
	}
	total := counts[1]
	if err := os.WriteFile(filepath.Join(site, "content", "book", "one.md"), []byte("---\ntitle: One\n---\nA changed chapter.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content", "about.md")); err != nil {
		t.Fatal(err)
	}
	counts = buildCounts(t, site, out)
	if counts[0] == 0 || counts[0] >= total || counts[2] == 0 {
		t.Errorf("after one edit and one removal: %d written, %d unchanged, %d removed (of %d files)", counts[0], counts[1], counts[2], total)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if r := runCLI("build", "-q", "-s", site, "-o", fresh); r.code != 0 {
		t.Fatalf("fresh build: %+v", r)
	}
	if !equalFiles(snapshot(t, out), snapshot(t, fresh)) {
		t.Error("the updated output differs from a build into an empty folder")
	}
}

var diskLine = regexp.MustCompile(`output folder: (\d+) files written, (\d+) unchanged, (\d+) stale entries removed`)

func buildCounts(t *testing.T, site, out string) (counts [3]int) {
	t.Helper()
	r := runCLI("build", "-v", "-s", site, "-o", out)
	m := diskLine.FindStringSubmatch(r.stdout + r.stderr)
	if r.code != 0 || m == nil {
		t.Fatalf("build: %+v", r)
	}
	for i := range counts {
		counts[i], _ = strconv.Atoi(m[i+1])
	}
	return counts
}
