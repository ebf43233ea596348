package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRemoveTree covers every depth the remover treats differently: files
// and folders at the top, in sections, in page folders and below them, and
// empty folders at each level.
func TestRemoveTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "old")
	files := []string{
		"index.html",
		"blog/index.html",
		"blog/a/index.html",
		"blog/a/photo.jpg",
		"blog/b/index.html",
		"book/part-1/one/index.html",
		"book/part-1/one/img/deep/x.png",
		"css/folio.css",
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"empty", "blog/empty", "book/part-1/empty", "book/part-1/one/empty"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(root); err != nil {
		t.Fatalf("removeTree: %v", err)
	}
	if _, err := os.Lstat(root); !os.IsNotExist(err) {
		t.Fatalf("%s still exists (Lstat: %v)", root, err)
	}
}

func TestRemoveTreeMissingFolder(t *testing.T) {
	err := removeTree(filepath.Join(t.TempDir(), "none"))
	if !os.IsNotExist(err) {
		t.Fatalf("removeTree of a missing folder: got %v, want a not-exist error", err)
	}
}
