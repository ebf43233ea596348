//go:build unix

package sitefs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadPlain holds the short read of a file in a checked folder to
// os.ReadFile, byte for byte.
func FuzzReadPlain(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("---\ntitle: A\n---\nbody\n"))
	f.Add(bytes.Repeat([]byte("x"), 70000))
	root := f.TempDir()
	fsys, err := New(root, nil)
	if err != nil {
		f.Fatal(err)
	}
	write(f, filepath.Join(root, "content", "first.md"), "first")
	if _, err := fsys.ReadFile("content/first.md"); err != nil { // the folder is checked
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(root, "content", "page.md")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := fsys.readPlain("content/page.md")
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("readPlain = %d bytes, %v; os.ReadFile %d bytes", len(got), ok, len(want))
		}
	})
}
