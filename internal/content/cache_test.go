package content

import (
	"io/fs"
	"testing"
	"testing/fstest"
	"unsafe"
)

// sharedFS hands out the bytes of a MapFS without copying them.
type sharedFS struct{ fstest.MapFS }

func (s sharedFS) ReadShared(name string) ([]byte, error) {
	f, ok := s.MapFS[name]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return f.Data, nil
}

// A page decoded from a SharedFS keeps the file system's bytes of its body
// rather than a copy (a 10,000-page preview held its Markdown twice), and
// one from any other file system gets its own.
func TestCacheLoadSharesSource(t *testing.T) {
	src := []byte("---\ntitle: One\n---\nThe body of the page.\n")
	files := fstest.MapFS{"content/one.md": {Data: src}}
	inside := func(b, in []byte) bool {
		p, start := uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(in)))
		return len(b) > 0 && p >= start && p < start+uintptr(len(in))
	}
	for _, tc := range []struct {
		name   string
		fsys   fs.FS
		shared bool
	}{{"shared", sharedFS{files}, true}, {"copied", files, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p, probs := NewCache().Load(tc.fsys, "one.md")
			if p == nil || len(probs) > 0 {
				t.Fatalf("load: %v", probs)
			}
			if string(BodyOf(p)) != "The body of the page.\n" {
				t.Fatalf("body %q", BodyOf(p))
			}
			if got := inside(BodyOf(p), src); got != tc.shared {
				t.Errorf("body shares the file's bytes: %v, want %v", got, tc.shared)
			}
		})
	}
}
