package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// The raw calls report errors as os.Mkdir and os.OpenFile do, so that
// the callers' checks (fs.ErrExist, a full disk) hold for them.
func TestRawCallsReportErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := writeFile(file, []byte("data"), os.O_EXCL); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "data" {
		t.Fatalf("wrote %q, %v", b, err)
	}
	var pe *fs.PathError
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"create again with O_EXCL", writeFile(file, []byte("x"), os.O_EXCL), fs.ErrExist},
		{"create in a missing folder", writeFile(filepath.Join(dir, "no", "f"), []byte("x"), 0), fs.ErrNotExist},
		{"create through a file", writeFile(filepath.Join(file, "f"), []byte("x"), 0), unix.ENOTDIR},
		{"mkdir where a file is", mkdirOne(file), fs.ErrExist},
		{"mkdir in a missing folder", mkdirOne(filepath.Join(dir, "no", "d")), fs.ErrNotExist},
		{"mkdir with a NUL", mkdirOne(dir + "/a\x00b"), unix.EINVAL},
	} {
		if !errors.Is(c.err, c.want) || !errors.As(c.err, &pe) {
			t.Errorf("%s: %v (%T), want a *fs.PathError of %v", c.name, c.err, c.err, c.want)
		}
	}
	if _, err := writeFD(-1, []byte("x")); !errors.Is(err, unix.EBADF) {
		t.Errorf("write to a closed descriptor: %v", err)
	}
	if err := closeFD(-1); !errors.Is(err, unix.EBADF) {
		t.Errorf("close of a closed descriptor: %v", err)
	}
	if err := mkdirOne(filepath.Join(dir, "d")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "d")); err != nil || !fi.IsDir() {
		t.Errorf("mkdirOne made %v, %v", fi, err)
	}
}
