package build

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/content"
)

// TestErrorFixtures builds every site under testdata/errors/<case>/ and
// compares the error with the case's want.txt, word for word: each message
// names its file (and line where known), says what is wrong and how to fix
// it, and a build with several problems reports them all, sorted by file and
// line. A case may list, in unreadable.txt, paths the test makes unreadable.
func TestErrorFixtures(t *testing.T) {
	for _, name := range fixtureDirs(t, "errors") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "errors", name)
			fsys := fixtureFS(t, dir)
			_, _, err := buildFS(fsys, Options{})
			if err == nil {
				t.Fatal("the build succeeded; want an error")
			}
			got := err.Error() + "\n"
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, rerr := os.ReadFile(wantFile)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if got != string(want) {
				t.Errorf("error text differs (run with -update to accept)\n--- want\n%s--- got\n%s", want, got)
			}
			checkNamesFiles(t, err)
		})
	}
}

// checkNamesFiles holds every content error to the rule that it names a
// file of the site.
func checkNamesFiles(t *testing.T, err error) {
	t.Helper()
	var ce *content.Error
	if !errors.As(err, &ce) {
		return // configuration and template errors carry the file in the text
	}
	for _, e := range content.Flatten(err) {
		if e.File == "" {
			t.Errorf("an error names no file: %v", e)
		}
	}
}

// fixtureFS returns the site of a fixture. Paths listed in unreadable.txt are
// made unreadable in a copy of the site; when the test runs with privileges
// that read them anyway (root), the file system refuses them instead, so the
// case runs everywhere.
func fixtureFS(t *testing.T, dir string) fs.FS {
	t.Helper()
	list, err := os.ReadFile(filepath.Join(dir, "unreadable.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return os.DirFS(dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := os.CopyFS(tmp, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	denied := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		rel := strings.TrimSpace(sc.Text())
		if rel == "" {
			continue
		}
		p := filepath.Join(tmp, filepath.FromSlash(rel))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(p, 0o755) })
		if readable(p) {
			denied[rel] = true
		}
	}
	if len(denied) == 0 {
		return os.DirFS(tmp)
	}
	return deniedFS{FS: os.DirFS(tmp), denied: denied}
}

func readable(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		_, err = f.ReadDir(1)
		return err == nil
	}
	_, err = f.Read(make([]byte, 1))
	return err == nil
}

// deniedFS refuses to open some paths, as the operating system does for a
// file without read permission.
type deniedFS struct {
	fs.FS
	denied map[string]bool
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if d.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}
