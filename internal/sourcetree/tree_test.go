package sourcetree

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"folio/internal/buildtest"
)

// TestSync: the first Sync reads the site's roots and nothing else; later
// ones report what changed at the paths given, and the tree reads as the
// folder does (fstest.TestFS).
func TestSync(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		buildtest.WriteFile(t, filepath.Join(dir, filepath.FromSlash(rel)), text)
	}
	write("folio.yaml", "title: T\n")
	write("content/a.md", "# A\n")
	write("content/b/c.md", "# C\n")
	write("public/index.html", "built")
	tree := New(dir)
	steps := []struct {
		name  string
		do    func()
		paths []string
		want  []Change
	}{
		{"first", func() {}, []string{dir}, []Change{{"content/a.md", Added}, {"content/b/c.md", Added}, {"folio.yaml", Added}}},
		{"edit", func() { write("content/a.md", "# A again\n") }, []string{"content/a.md"}, []Change{{"content/a.md", Modified}}},
		{"untouched", func() {}, []string{"content/a.md"}, []Change{}},
		{"remove a folder", func() { _ = os.RemoveAll(filepath.Join(dir, "content/b")) }, []string{filepath.Join(dir, "content/b")}, []Change{{"content/b/c.md", Removed}}},
		{"the output", func() { write("public/index.html", "again") }, []string{"public/index.html"}, []Change{}},
	}
	for _, st := range steps {
		st.do()
		got, err := tree.Sync(st.paths)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !slices.Equal(got, st.want) {
			t.Errorf("%s: changes %v, want %v", st.name, got, st.want)
		}
	}
	if tree.Has("public/index.html") || !tree.Has("content/a.md") || string(tree.Data("content/a.md")) != "# A again\n" {
		t.Error("the tree holds what the site folder does not, or lacks what it has")
	}
	if err := fstest.TestFS(tree, "folio.yaml", "content/a.md"); err != nil {
		t.Error(err)
	}
}
