//go:build unix

package sitefs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadPlain holds the short read of a file in a checked folder to
// os.ReadFile, byte for byte, into a buffer of any size: the bytes share
// it when they fit with a byte to spare and write nothing past it, and
// have memory of their own otherwise (a file larger than its slot in a
// slab, or grown since its size was taken).
func FuzzReadPlain(f *testing.F) {
	f.Add([]byte(""), 0)
	f.Add([]byte(""), 1)
	f.Add([]byte("---\ntitle: A\n---\nbody\n"), 22)
	f.Add([]byte("---\ntitle: A\n---\nbody\n"), 23)
	f.Add([]byte("---\ntitle: A\n---\nbody\n"), 40)
	f.Add(bytes.Repeat([]byte("x"), 70000), 4096)
	f.Add(bytes.Repeat([]byte("x"), 70000), 70001)
	root := f.TempDir()
	fsys, err := New(root, nil)
	if err != nil {
		f.Fatal(err)
	}
	write(f, filepath.Join(root, "content", "first.md"), "first")
	if _, err := fsys.ReadFile("content/first.md"); err != nil { // the folder is checked
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, room int) {
		if room < 0 || room > 1<<20 {
			t.Skip()
		}
		p := filepath.Join(root, "content", "page.md")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		slab := bytes.Repeat([]byte{0xA5}, room+8)
		buf := slab[:room:room]
		got, ok := fsys.readPlain("content/page.md", buf)
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("readPlain = %d bytes, %v; os.ReadFile %d bytes", len(got), ok, len(want))
		}
		shared := room > 0 && cap(got) > 0 && &got[:1][0] == &buf[:1][0]
		if fits := room >= len(want)+1; shared != fits {
			t.Errorf("%d bytes read into %d bytes of room: shared %v", len(want), room, shared)
		}
		if !bytes.Equal(slab[room:], bytes.Repeat([]byte{0xA5}, 8)) {
			t.Errorf("the read wrote past the %d bytes of room", room)
		}
	})
}
