package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// copyAll copies src into final as rel in a build that commits, returning
// the build's counts.
func copyAll(t *testing.T, final, rel, src string) WriteCounts {
	t.Helper()
	w, d, err := NewDir(final, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.CopyFile(rel, "content/photo.jpg", src); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := len(readFile(t, filepath.Join(final, rel))); w.Files() != 1 || w.Bytes() != int64(n) {
		t.Errorf("counted %d files, %d bytes; want 1 and %d", w.Files(), w.Bytes(), n)
	}
	return d.Counts()
}

// A copied file is a file of its own: writing to the output's copy leaves
// the cache's file as it was. Rebuilds update the previous output (the
// spare, two builds old) where the file changed and leave it alone where
// it did not.
func TestCopyFileIsAFileOfItsOwn(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "cache", "ab", "abcdef.jpg")
	mustWrite(t, src, "\xff\xd8 not really a JPEG, never minified")
	final := filepath.Join(root, "public")
	copyAll(t, final, "img/photo-480w.jpg", src)
	out := filepath.Join(final, "img", "photo-480w.jpg")
	if got, want := readFile(t, out), readFile(t, src); got != want {
		t.Fatalf("copy holds %q, want %q", got, want)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(out)
	if os.SameFile(a, b) {
		t.Fatal("the output's file is the cache's file (a hard link)")
	}
	if err := os.WriteFile(out, []byte("edited in the output"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, src); got != "\xff\xd8 not really a JPEG, never minified" {
		t.Fatalf("an edit of the output reached the cache: %q", got)
	}
	mustWrite(t, src, "\xff\xd8 a new variant")
	if c := copyAll(t, final, "img/photo-480w.jpg", src); c.Written != 1 {
		t.Errorf("rebuild into the previous output: %+v, want the changed file written", c)
	}
	if got := readFile(t, filepath.Join(final, "img", "photo-480w.jpg")); got != "\xff\xd8 a new variant" {
		t.Errorf("rebuilt copy holds %q", got)
	}
	copyAll(t, final, "img/photo-480w.jpg", src)
	if c := copyAll(t, final, "img/photo-480w.jpg", src); c.Written != 0 || c.Unchanged != 1 {
		t.Errorf("rebuild into an output with the same file: %+v, want it left alone", c)
	}
}

// A file that cannot be read is a SourceError and claims nothing; into
// memory, and for a type the minifier takes, CopyFile is Write of the
// file's bytes; a second claim of a path is refused as Write refuses it.
func TestCopyFileLikeWrite(t *testing.T) {
	root := t.TempDir()
	svg := filepath.Join(root, "icon.svg")
	mustWrite(t, svg, "<svg xmlns=\"http://www.w3.org/2000/svg\">  <g>  </g>  </svg>")
	w, m := NewMemory(nil, Options{Minify: true})
	var se *SourceError
	if err := w.CopyFile("img/gone.jpg", "content/gone.jpg", filepath.Join(root, "gone.jpg")); !errors.As(err, &se) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v, want a SourceError", err)
	}
	if err := w.CopyFile("img/gone.jpg", "content/gone.jpg", svg); err != nil {
		t.Fatalf("the path of a file that could not be read was claimed: %v", err)
	}
	if err := w.CopyFile("icon.svg", "static/icon.svg", svg); err != nil {
		t.Fatal(err)
	}
	var de *DuplicateError
	if err := w.CopyFile("icon.svg", "content/icon.svg", svg); !errors.As(err, &de) {
		t.Errorf("second claim: %v, want a DuplicateError", err)
	}
	want, wm := NewMemory(nil, Options{Minify: true})
	if err := want.Write("icon.svg", "static/icon.svg", []byte(readFile(t, svg))); err != nil {
		t.Fatal(err)
	}
	if got, want := string(m.Files()["icon.svg"]), string(wm.Files()["icon.svg"]); got != want || got == readFile(t, svg) {
		t.Errorf("copied SVG %q, want it minified as Write does: %q", got, want)
	}
	final := filepath.Join(root, "public")
	copyAll(t, final, "icon.svg", svg)
	if got, want := readFile(t, filepath.Join(final, "icon.svg")), string(wm.Files()["icon.svg"]); got != want {
		t.Errorf("SVG copied into a folder: %q, want %q", got, want)
	}
}
