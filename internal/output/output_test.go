package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestDirCommitReplacesWholeFolder(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	mustWrite(t, filepath.Join(final, "stale", "index.html"), "old")

	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("a/index.html", "a.md", []byte("<p>new</p>")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(final, "stale", "index.html")); got != "old" {
		t.Fatalf("the published site changed before Commit: %q", got)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(final, "stale")); !os.IsNotExist(err) {
		t.Errorf("stale file survived the commit: %v", err)
	}
	if got := readFile(t, filepath.Join(final, "a", "index.html")); got != "<p>new</p>" {
		t.Errorf("new file = %q", got)
	}
	assertSpare(t, root, "public")
}

func TestDirAbortLeavesPublishedSite(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	mustWrite(t, filepath.Join(final, "index.html"), "published")
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Write("index.html", "home", []byte("half-built"))
	d.Abort()
	if got := readFile(t, filepath.Join(final, "index.html")); got != "published" {
		t.Errorf("published file = %q", got)
	}
	assertOnly(t, root, "public")
}

func TestGuardRefusesSourceFolders(t *testing.T) {
	for _, marker := range []string{"content", "folio.yaml", ".git", "go.mod"} {
		dir := t.TempDir()
		mustWrite(t, filepath.Join(dir, marker, "x"), "")
		if marker == "folio.yaml" || marker == "go.mod" {
			_ = os.RemoveAll(filepath.Join(dir, marker))
			mustWrite(t, filepath.Join(dir, marker), "")
		}
		_, _, err := NewDir(dir, Options{})
		if err == nil || !strings.Contains(err.Error(), "looks like a source folder") {
			t.Errorf("%s: error = %v", marker, err)
		}
	}
}

func TestWriteRejectsTwoWritersAndEscapes(t *testing.T) {
	w, _ := NewMemory(nil, Options{})
	if err := w.Write("a/index.html", "content/a.md", []byte("x")); err != nil {
		t.Fatal(err)
	}
	err := w.Write("/a/index.html", "content/a/_index.md", []byte("y"))
	if err == nil || err.Error() != "content/a.md and content/a/_index.md both produce a/index.html; rename one of them" {
		t.Errorf("duplicate write: %v", err)
	}
	if err := w.Write("../x", "evil", nil); err == nil {
		t.Error("a path leaving the output folder was accepted")
	}
}

func TestMinifyByExtension(t *testing.T) {
	w, m := NewMemory(nil, Options{Minify: true})
	_ = w.Write("index.html", "t", []byte("<!DOCTYPE html>\n<html>\n  <body>\n    <p>  hi  </p>\n  </body>\n</html>\n"))
	_ = w.Write("css/a.css", "t", []byte("a {\n  color : red ;\n}\n"))
	_ = w.Write("img.png", "t", []byte("  not text  "))
	files := m.Files()
	if got := string(files["index.html"]); got != "<!doctype html><html><body><p>hi</p></body></html>" {
		t.Errorf("html = %q", got)
	}
	if got := string(files["css/a.css"]); got != "a{color:red}" {
		t.Errorf("css = %q", got)
	}
	if got := string(files["img.png"]); got != "  not text  " {
		t.Errorf("binary file changed: %q", got)
	}
	if w.Files() != 3 || w.Bytes() != int64(len(files["index.html"])+len(files["css/a.css"])+len(files["img.png"])) {
		t.Errorf("counts: %d files, %d bytes", w.Files(), w.Bytes())
	}
}

func TestMemoryKeepsIdenticalSlices(t *testing.T) {
	w1, m1 := NewMemory(nil, Options{})
	_ = w1.Write("same.html", "t", []byte("same"))
	_ = w1.Write("changed.html", "t", []byte("one"))
	prev := m1.Files()
	w2, m2 := NewMemory(prev, Options{})
	_ = w2.Write("same.html", "t", []byte("same"))
	_ = w2.Write("changed.html", "t", []byte("two"))
	next := m2.Files()
	if unsafe.SliceData(next["same.html"]) != unsafe.SliceData(prev["same.html"]) {
		t.Error("an unchanged file did not keep its slice")
	}
	if string(next["changed.html"]) != "two" || string(prev["changed.html"]) != "one" {
		t.Error("a changed file was not replaced, or the previous snapshot was modified")
	}
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entryNames lists the names in dir, sorted.
func entryNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// assertOnly checks that no temporary folder is left beside the output.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	if got := entryNames(t, dir); strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// Writers that share parent folders all find them made, whoever made them
// first; a file standing where a folder must go is an error.
func TestDirMakesSharedFolders(t *testing.T) {
	final := filepath.Join(t.TempDir(), "public")
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			rel := fmt.Sprintf("blog/%d/post-%d/index.html", i%4, i)
			if err := w.Write(rel, "post.md", []byte("x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.Write("book", "book.md", []byte("a file")); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("book/ch/index.html", "ch.md", []byte("x")); err == nil || !strings.Contains(err.Error(), "book") {
		t.Errorf("a folder where a file is: err = %v", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(final, "blog", "3", "post-63", "index.html")); got != "x" {
		t.Errorf("post-63 = %q", got)
	}
}
