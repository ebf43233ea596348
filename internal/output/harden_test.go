package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// An output path that is a link to a folder: the site goes into the folder
// the link names, the link stays, the staging folder sits beside the
// target, and nothing a link inside the old output points to is touched.
func TestDirSymlinkedOutputReplacesTarget(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "site")
	mustWrite(t, filepath.Join(target, "old.html"), "old")
	mustWrite(t, filepath.Join(root, "precious", "keep.txt"), "keep")
	if err := os.Symlink(filepath.Join(root, "precious"), filepath.Join(target, "linked")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "public")
	if err := os.Symlink(filepath.Join("www", "site"), link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		w, d, err := NewDir(link, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := filepath.Dir(d.st.dir); got != filepath.Join(root, "www") {
			t.Errorf("staging in %s, want beside the target", got)
		}
		if err := w.Write("index.html", "home", []byte("new")); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", fi, err)
		}
		if got := readFile(t, filepath.Join(link, "index.html")); got != "new" {
			t.Errorf("through the link: %q", got)
		}
	}
	if got := readFile(t, filepath.Join(root, "precious", "keep.txt")); got != "keep" {
		t.Errorf("a folder linked from the old output lost its file: %q", got)
	}
	assertSpare(t, filepath.Join(root, "www"), "site")
}

func TestDirRefusesFileAndDanglingLink(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "notes.txt")
	mustWrite(t, file, "mine")
	_, _, err := NewDir(file, Options{})
	if err == nil || !strings.Contains(err.Error(), "is a file, not a folder") || !strings.Contains(err.Error(), "-o") {
		t.Errorf("-o a file: %v", err)
	}
	if got := readFile(t, file); got != "mine" {
		t.Errorf("the file changed: %q", got)
	}
	dangling := filepath.Join(root, "gone")
	if err := os.Symlink("nowhere", dangling); err != nil {
		t.Fatal(err)
	}
	if _, _, err := NewDir(dangling, Options{}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("-o a dangling link: %v", err)
	}
	assertOnly(t, root, "gone", "notes.txt")
}

// The output folder gets what mkdir would give it: 0777 less the umask.
func TestDirModeFollowsUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o027, 0o002} {
		old := syscall.Umask(mask)
		final := filepath.Join(t.TempDir(), "public")
		w, d, err := NewDir(final, Options{})
		if err == nil {
			err = w.Write("a/index.html", "a", []byte("x"))
		}
		if err == nil {
			err = d.Commit()
		}
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o777 &^ mask)
		for _, p := range []string{final, filepath.Join(final, "a")} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
				t.Errorf("umask %03o: %s has mode %v, want %v", mask, p, fi.Mode().Perm(), want)
			}
		}
		if fi, _ := os.Stat(filepath.Join(final, "a", "index.html")); fi.Mode().Perm() != 0o666&^os.FileMode(mask) {
			t.Errorf("umask %03o: file mode %v", mask, fi.Mode().Perm())
		}
	}
}

// A build takes the staging folder a killed build into the same output
// left as its spare, removes the other stale ones, and nothing else: not a
// folder without a marker, not the staging of a build that is running.
func TestNewDirRemovesOnlyStaleStaging(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	stale := filepath.Join(root, ".public.folio-123")
	mustWrite(t, filepath.Join(stale, "a", "index.html"), "half")
	mustWrite(t, stale+".lock", "folio build, process 1\n")
	mustWrite(t, filepath.Join(root, ".public.folio-55.old", "x"), "old")
	mustWrite(t, filepath.Join(root, ".public.folio-55.lock"), "folio build, process 2\n")
	mustWrite(t, filepath.Join(root, ".public.folio-77", "x"), "no marker")
	mustWrite(t, filepath.Join(root, ".other.folio-1", "x"), "another output's")
	mustWrite(t, filepath.Join(root, ".other.folio-1.lock"), "folio build, process 3\n")
	_, running, err := NewDir(final, Options{}) // holds its lock
	if err != nil {
		t.Fatal(err)
	}
	runningDir := running.st.dir
	if runningDir != stale || !running.reuse {
		t.Errorf("the build writes into %s (reusing: %v), want the killed build's %s", runningDir, running.reuse, stale)
	}
	// A second build into the same folder, as a second terminal would start.
	_, d2, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d2.reuse {
		t.Error("the second build took the folder the first one holds")
	}
	for _, gone := range []string{filepath.Join(root, ".public.folio-55.lock"), filepath.Join(root, ".public.folio-55.old")} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s was not removed", gone)
		}
	}
	for _, kept := range []string{runningDir, filepath.Join(root, ".public.folio-77"), filepath.Join(root, ".other.folio-1")} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
	running.Abort() // keeps its spare
	d2.Abort()      // removes its new folder
	assertOnly(t, root, ".other.folio-1", ".other.folio-1.lock", ".public.folio-123", ".public.folio-123.lock", ".public.folio-77")
}

// AbortAll, as an interrupt calls it, removes the staging folder while
// writers are busy, and writes after it fail instead of recreating it.
func TestAbortAllDuringWrites(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	mustWrite(t, filepath.Join(final, "index.html"), "published")
	w, _, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 8 {
		wg.Go(func() {
			<-start
			for j := range 200 {
				_ = w.Write(filepath.Join("p", string(rune('a'+i)), strings.Repeat("x", j%7+1), "index.html")+string(rune('0'+j%10)), "p", []byte("x"))
			}
		})
	}
	close(start)
	AbortAll()
	wg.Wait()
	if err := w.Write("late/index.html", "late", []byte("x")); !errors.Is(err, errInterrupted) {
		t.Errorf("a write after the abort: %v", err)
	}
	assertOnly(t, root, "public")
	if got := readFile(t, filepath.Join(final, "index.html")); got != "published" {
		t.Errorf("published = %q", got)
	}
}

// Both ways of swapping leave the new site in place and return where the
// previous one went.
func TestSwapWays(t *testing.T) {
	for name, fn := range map[string]func(string, string) (string, error){"swap": swap, "renames": swapByRenames} {
		root := t.TempDir()
		final, tmp := filepath.Join(root, "public"), filepath.Join(root, ".public.folio-1")
		mustWrite(t, filepath.Join(final, "v"), "old")
		mustWrite(t, filepath.Join(tmp, "v"), "new")
		old, err := fn(tmp, final)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if readFile(t, filepath.Join(final, "v")) != "new" || readFile(t, filepath.Join(old, "v")) != "old" {
			t.Errorf("%s: swap went wrong", name)
		}
		// Into a place where nothing was.
		mustWrite(t, filepath.Join(tmp+"2", "v"), "first")
		if old, err := fn(tmp+"2", filepath.Join(root, "fresh")); err != nil || old != "" {
			t.Errorf("%s into nothing: %q %v", name, old, err)
		}
	}
}

func TestDiskErrorSaysWhatToDo(t *testing.T) {
	err := diskError(&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC})
	var de *DiskError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "disk is full") || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("ENOSPC: %v", err)
	}
	if err := diskError(os.ErrPermission); errors.As(err, &de) {
		t.Errorf("a permission error became a disk error: %v", err)
	}
}

// An interrupt that arrives while the previous output is being removed,
// after the swap, says that the new site is published.
func TestAbortAllAfterTheSwapSaysPublished(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "public")
	mustWrite(t, filepath.Join(final, "index.html"), "old")
	var published bool
	afterSwap = func() { published = AbortAll() }
	defer func() { afterSwap = func() {} }()
	w, d, err := NewDir(final, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Write("index.html", "home", []byte("new"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if !published {
		t.Error("AbortAll after the swap did not report the new site as published")
	}
	if got := readFile(t, filepath.Join(final, "index.html")); got != "new" {
		t.Errorf("published = %q", got)
	}
	if AbortAll() {
		t.Error("AbortAll with no build running reported one published")
	}
	assertSpare(t, root, "public")
}
