package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A full disk is one error, not one per file, and leaves no staging folder.
// It needs a small file system of its own: a tmpfs, which only root can
// mount.
func TestDiskFullIsOneError(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a file system; skipped with -short")
	}
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=100k", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", disk).Run() })
	site := writeSite(t, goodSite)
	big := strings.Repeat("x", 300<<10)
	if err := os.WriteFile(filepath.Join(site, "static", "big.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI("build", "-s", site, "-o", filepath.Join(disk, "out"))
	want := "error: the disk is full: free some space (or choose an output folder on another disk with -o) and build again\nfolio: build failed; the previous output is unchanged\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
	if left := snapshot(t, disk); len(left) > 1 {
		t.Errorf("left on the disk: %v", left)
	}
}

// A folder linked from inside the site is read as a folder (it used to be
// "cannot read: is a directory; check the file's permissions").
func TestLinkedFolderInsideTheSiteBuilds(t *testing.T) {
	files := maps.Clone(goodSite)
	files["shared/notes/extra.md"] = fm("title: Extra")
	site := writeSite(t, files)
	if err := os.Symlink("../shared/notes", filepath.Join(site, "content", "notes")); err != nil {
		t.Fatal(err)
	}
	if r := runCLI("build", "-q", "-s", site); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "notes", "extra", "index.html")); err != nil {
		t.Error(err)
	}
}
