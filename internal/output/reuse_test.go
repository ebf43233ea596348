package output

import (
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// build writes files (slash path → content) into final and commits,
// returning how they reached the disk.
func build(t *testing.T, final string, files map[string]string) WriteCounts {
	t.Helper()
	return buildWith(t, final, files, false)
}

// buildWith is build, each file written through Stream when stream is set.
func buildWith(t *testing.T, final string, files map[string]string, stream bool) WriteCounts {
	t.Helper()
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		put := func() error { return w.Write(rel, "src/"+rel, []byte(data)) }
		if stream {
			put = func() error {
				return w.Stream(rel, "src/"+rel, func(out io.Writer) error { _, err := io.WriteString(out, data); return err })
			}
		}
		if err := put(); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d.Counts()
}

// tree reads every file under dir; links are recorded as "-> target".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			dest, _ := os.Readlink(p)
			got[filepath.ToSlash(rel)] = "-> " + dest
		case e.IsDir():
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				got[filepath.ToSlash(rel)+"/"] = ""
			}
		default:
			got[filepath.ToSlash(rel)] = readFile(t, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func assertTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("%s holds\n%v\nwant\n%v", dir, got, want)
	}
}

// assertSpare checks that dir holds the output folder and one spare
// beside it (a staging folder and its marker), nothing else.
func assertSpare(t *testing.T, dir, output string) {
	t.Helper()
	names := entryNames(t, dir)
	ok := len(names) == 3 && names[2] == output &&
		strings.HasPrefix(names[0], "."+output+stagingInfix) && names[1] == names[0]+lockSuffix
	if !ok {
		t.Errorf("%s holds %v, want %s and one spare folder with its marker", dir, names, output)
	}
}

// Every build after the second writes into the spare the previous one
// left, and writes and removes only what changed: the work is counted.
func TestRebuildWritesOnlyChangedFiles(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	site := map[string]string{"index.html": "home"}
	for i := range 50 {
		site["blog/p"+string(rune('a'+i%26))+string(rune('a'+i/26))+"/index.html"] = strings.Repeat("x", i)
	}
	if c := build(t, final, site); c != (WriteCounts{Written: 51}) {
		t.Errorf("first build: %+v", c)
	}
	assertOnly(t, root, "public") // nothing was there before: no spare
	if c := build(t, final, site); c != (WriteCounts{Written: 51}) {
		t.Errorf("second build: %+v", c)
	}
	assertSpare(t, root, "public")
	if c := build(t, final, site); c != (WriteCounts{Unchanged: 51}) {
		t.Errorf("unchanged rebuild: %+v", c)
	}
	assertTree(t, final, site)

	// One page changed (same size), one added, one section gone.
	next := maps.Clone(site)
	next["index.html"] = "HOME"
	next["about/index.html"] = "about"
	for rel := range next {
		if strings.HasPrefix(rel, "blog/pa") {
			delete(next, rel)
		}
	}
	c := build(t, final, next)
	if want := (WriteCounts{Written: 2, Unchanged: int64(len(next) - 2), Removed: 2}); c != want {
		t.Errorf("rebuild after edits: %+v, want %+v", c, want)
	}
	assertTree(t, final, next)
	assertSpare(t, root, "public")
	// The spare held the second build's output; back to the first site.
	build(t, final, site)
	assertTree(t, final, site)
}

// A file of the previous output hard-linked from elsewhere (a backup made
// with cp -al or rsync --link-dest) is replaced, never written through.
func TestRebuildNeverWritesThroughHardLinks(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	mustWrite(t, filepath.Join(final, "index.html"), "v1")
	build(t, final, map[string]string{"index.html": "v2"})
	spare := spareOf(t, root, "public")
	backup := filepath.Join(root, "backup.html")
	if err := os.Link(filepath.Join(spare, "index.html"), backup); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	build(t, final, map[string]string{"index.html": "v3"})
	if got := readFile(t, backup); got != "v1" {
		t.Errorf("the hard-linked copy became %q", got)
	}
	assertTree(t, final, map[string]string{"index.html": "v3"})
}

func spareOf(t *testing.T, root, output string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(root, "."+output+stagingInfix+"*"+lockSuffix))
	if len(m) != 1 {
		t.Fatalf("spares beside %s: %v", output, m)
	}
	return strings.TrimSuffix(m[0], lockSuffix)
}

// Whatever the previous output held where the new one puts a file or a
// folder (a folder, a file, a link to something precious, a named pipe)
// is replaced, and links are removed, never followed, whether the files
// are written whole or streamed (Stream).
func TestRebuildReplacesOddEntries(t *testing.T) {
	t.Run("written", func(t *testing.T) { rebuildReplacesOddEntries(t, false) })
	t.Run("streamed", func(t *testing.T) { rebuildReplacesOddEntries(t, true) })
}

func rebuildReplacesOddEntries(t *testing.T, stream bool) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	precious := filepath.Join(root, "precious")
	mustWrite(t, filepath.Join(precious, "index.html"), "keep")
	mustWrite(t, filepath.Join(precious, "page", "index.html"), "keep too")
	old := filepath.Join(root, "old")
	mustWrite(t, filepath.Join(old, "dir-now-file", "index.html"), "was a folder")
	mustWrite(t, filepath.Join(old, "file-now-dir"), "was a file")
	mustWrite(t, filepath.Join(old, "stale", "deep", "x.html"), "stale")
	if err := os.Symlink(filepath.Join(precious, "index.html"), filepath.Join(old, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(precious, filepath.Join(old, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(old, "pipe.html"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Rename(old, final); err != nil {
		t.Fatal(err)
	}
	build(t, final, map[string]string{"index.html": "home"}) // old becomes the spare
	site := map[string]string{
		"index.html":               "home",
		"dir-now-file":             "a file",
		"file-now-dir/index.html":  "a folder",
		"linked/index.html":        "mine",
		"linked/page/index.html":   "mine too",
		"pipe.html":                "a page",
		"new/section/a/index.html": "new",
	}
	c := buildWith(t, final, site, stream)
	if want := (WriteCounts{Written: 7, Removed: 1}); c != want { // all replaced; stale/ removed
		t.Errorf("counts %+v, want %+v", c, want)
	}
	assertTree(t, final, site)
	assertTree(t, precious, map[string]string{"index.html": "keep", "page/index.html": "keep too"})
}

// A failed build into the spare leaves the published site as it was and
// the spare for the next build, which still produces exactly its files.
func TestFailedRebuildKeepsSpare(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	site := map[string]string{"index.html": "home", "a/index.html": "a"}
	build(t, final, site)
	build(t, final, site)
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Reused() {
		t.Fatal("the third build did not take the spare")
	}
	_ = w.Write("index.html", "home", []byte("half-built"))
	_ = w.Write("b/index.html", "b", []byte("b"))
	d.Abort()
	assertTree(t, final, site)
	assertSpare(t, root, "public")
	next := map[string]string{"index.html": "home", "c/index.html": "c"}
	c := build(t, final, next)
	if want := (WriteCounts{Written: 2, Removed: 2}); c != want { // a/ and b/ removed
		t.Errorf("counts %+v, want %+v", c, want)
	}
	assertTree(t, final, next)
}

// Two files of one build where one needs a folder stay an error when the
// folder came from the spare.
func TestRebuildConflictInOneBuild(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	site := map[string]string{"book/ch/index.html": "x"}
	build(t, final, site)
	build(t, final, site)
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := w.Write("book/ch/index.html", "ch.md", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("book", "book.md", []byte("a file")); err == nil || !strings.Contains(err.Error(), "book") {
		t.Errorf("a file where this build's folder is: err = %v", err)
	}
}
