package output

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// topDir reports whether dir carries FS_TOPDIR_FL.
func topDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	return flags&fsTopDirFl != 0, err
}

// TestNewOutputSpreadsItsFolders checks that a build into a new folder
// marks it, and only it, as the top of a folder hierarchy, where the file
// system keeps the flag (ext2/3/4): a section carries it only while one
// of its folders is made (mkdirSpread), and keeps none afterwards.
func TestNewOutputSpreadsItsFolders(t *testing.T) {
	root := t.TempDir()
	probe := filepath.Join(root, "probe")
	if err := os.Mkdir(probe, 0o777); err != nil {
		t.Fatal(err)
	}
	spreadFolders(probe)
	if kept, err := topDir(probe); !kept {
		t.Skipf("the file system of %s does not keep FS_TOPDIR_FL (%v)", root, err)
	}
	final := filepath.Join(root, "public")
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "blog/index.html", "blog/post/index.html", "book/part/chapter/index.html"} {
		if err := w.Write(rel, rel, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{".": true, "blog": false, "book": false, "blog/post": false, "book/part": false, "book/part/chapter": false} {
		if got, err := topDir(filepath.Join(final, rel)); err != nil || got != want {
			t.Errorf("%s: FS_TOPDIR_FL = %v (%v), want %v", rel, got, err, want)
		}
	}
}
