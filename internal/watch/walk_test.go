package watch

import (
	"os"
	"path/filepath"
	"testing"
)

// A link to a folder that Follow allows is watched under the link's path;
// one it does not allow is not gone into.
func TestFollowsAllowedLinkedFolders(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		base := t.TempDir()
		root := filepath.Join(base, "content")
		shared, other := filepath.Join(base, "shared"), filepath.Join(base, "other")
		mkdirAll(t, root)
		mkdirAll(t, shared)
		mkdirAll(t, other)
		for link, target := range map[string]string{"linked": shared, "refused": other} {
			if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
				t.Fatal(err)
			}
		}
		follow := func(p string) bool { return p == filepath.Join(root, "linked") || p == filepath.Join(root, "later") }
		w := start(t, poll, Options{Roots: []string{root}, Follow: follow})
		writeFile(t, filepath.Join(other, "no.md"), "x")
		writeFile(t, filepath.Join(shared, "a.md"), "x")
		seen := waitFor(t, w, "a change in the linked folder", present(filepath.Join(root, "linked", "a.md")))
		for _, c := range seen {
			if c.Path == filepath.Join(root, "refused", "no.md") {
				t.Errorf("a refused link was followed: %v", c)
			}
		}
		// A link made while watching is followed from then on.
		later := filepath.Join(base, "later")
		mkdirAll(t, later)
		if err := os.Symlink(later, filepath.Join(root, "later")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, w, "the new link", present(filepath.Join(root, "later")))
		writeFile(t, filepath.Join(later, "b.md"), "x")
		waitFor(t, w, "a change in the newly linked folder", present(filepath.Join(root, "later", "b.md")))
	})
}

// walkTree with a follow that allows a loop would never end; folio's
// follow refuses loops, and walkTree without follow never goes into links.
func TestWalkTreeDoesNotFollowByDefault(t *testing.T) {
	root := t.TempDir()
	if err := os.Symlink(".", filepath.Join(root, "self")); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := walkTree(root, nil, func(string, os.DirEntry, error) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("walk: %d entries, %v", n, err)
	}
}
