package sourcetree

import (
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"folio/internal/buildtest"
)

// TestReadSlab: the files a sync reads anew share one slab, and a file the
// tree already holds, read again, gets memory of its own, so that an edit
// after the first read does not keep a slab of the whole site alive
// through the one file that changed.
func TestReadSlab(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "c.md"} {
		buildtest.WriteFile(t, filepath.Join(dir, "content", name), "# "+name+"\n")
	}
	tree := New(dir)
	if _, err := tree.Sync([]string{dir}); err != nil {
		t.Fatal(err)
	}
	inSlab := func(rel string, lo, hi uintptr) bool {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(tree.Data(rel))))
		return p >= lo && p < hi
	}
	a, c := tree.Data("content/a.md"), tree.Data("content/c.md")
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
	hi := uintptr(unsafe.Pointer(unsafe.SliceData(c))) + uintptr(cap(c))
	if !inSlab("content/b.md", lo, hi) || hi-lo != uintptr(3*len("# a.md\n")+3) {
		t.Fatalf("the first read's files are not in one slab: a at %#x, c ends at %#x", lo, hi)
	}
	edited := "# b, edited\n\n" + strings.Repeat("More words. ", 500) // not a tiny allocation
	buildtest.WriteFile(t, filepath.Join(dir, "content", "b.md"), edited)
	buildtest.WriteFile(t, filepath.Join(dir, "content", "d.md"), "# d\n")
	if _, err := tree.Sync([]string{filepath.Join(dir, "content")}); err != nil {
		t.Fatal(err)
	}
	b, d := tree.Data("content/b.md"), tree.Data("content/d.md")
	if string(b) != edited || string(d) != "# d\n" {
		t.Fatalf("b.md %q, d.md %q", b, d)
	}
	if inSlab("content/b.md", lo, hi) {
		t.Error("b.md, read again, is in the first slab")
	}
	// Read into one slab with the new d.md, b.md would lie as far before
	// it as its own slot and c.md's.
	if d0 := uintptr(unsafe.Pointer(unsafe.SliceData(d))); d0-uintptr(unsafe.Pointer(unsafe.SliceData(b))) == uintptr(len(b)+1+len(c)+1) {
		t.Error("b.md, which the tree held, was read into the slab of the new d.md")
	}
}
