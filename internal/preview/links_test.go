package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/buildtest"
)

// The preview reads the site with the same link rules as folio build: a
// link out of the site is an error naming it, a folder linked from inside
// the site is read as a folder.
func TestSessionFollowsOnlyLinksInsideTheSite(t *testing.T) {
	dir := t.TempDir()
	buildtest.WriteTree(t, dir, map[string][]byte{
		"content/_index.md":      []byte("---\ntitle: Home\n---\nHi.\n"),
		"elsewhere/extra.md":     []byte("---\ntitle: Extra\n---\nLinked in.\n"),
		"static/css/site.css":    []byte("body{}"),
		"folio.yaml":             []byte("title: Links\n"),
		"content/notes/plain.md": []byte("---\ntitle: Plain\n---\nx\n"),
	})
	for link, target := range map[string]string{
		"content/inside": "../elsewhere",
		"static/env.txt": "/proc/self/environ",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Build(nil)
	if err == nil || !strings.Contains(errorLines(err), "static/env.txt: is a symbolic link to /proc/self/environ, a file of the machine") {
		t.Fatalf("preview with a link to /proc: %v", err)
	}
	_, berr := build.Build(build.Options{Source: dir, Output: filepath.Join(t.TempDir(), "out"), Now: sessionNow})
	if errorLines(berr) != errorLines(err) {
		t.Errorf("build and preview disagree:\n%v\n%v", berr, err)
	}
	if err := os.Remove(filepath.Join(dir, "static/env.txt")); err != nil {
		t.Fatal(err)
	}
	up, err := s.Build([]string{filepath.Join(dir, "static/env.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := up.Files["inside/extra/index.html"]; !ok {
		t.Errorf("the page in a linked folder is missing: %v", buildtest.SortedKeys(up.Files))
	}
	// A loop made while the preview runs is reported, not walked forever.
	if err := os.Symlink(".", filepath.Join(dir, "content/notes/again")); err != nil {
		t.Fatal(err)
	}
	_, err = s.Build([]string{filepath.Join(dir, "content/notes/again")})
	if err == nil || !strings.Contains(err.Error(), "content/notes/again: is a symbolic link to ., a folder that holds the link") {
		t.Errorf("a loop: %v", err)
	}
}
