package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestFoldersCreatedLaterAreWatched(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		w := start(t, poll, Options{Roots: []string{dir}})

		// The file lands right after its folder, usually before the watch.
		sub := filepath.Join(dir, "part-1")
		mkdirAll(t, sub)
		writeFile(t, filepath.Join(sub, "a.md"), "a")
		waitFor(t, w, "part-1/a.md", present(filepath.Join(sub, "a.md")))

		deep := filepath.Join(dir, "part-2", "chapter-3", "figures")
		mkdirAll(t, deep)
		writeFile(t, filepath.Join(deep, "fig.svg"), "<svg/>")
		waitFor(t, w, "the file in a freshly made nested folder", present(filepath.Join(deep, "fig.svg")))

		writeFile(t, filepath.Join(sub, "b.md"), "b")
		waitFor(t, w, "a later file in part-1", present(filepath.Join(sub, "b.md")))
		writeFile(t, filepath.Join(deep, "fig2.svg"), "<svg/>")
		waitFor(t, w, "a later file in the nested folder", present(filepath.Join(deep, "fig2.svg")))
	})
}

func TestMovedAndRemovedFolders(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		old := filepath.Join(dir, "drafts")
		mkdirAll(t, filepath.Join(old, "inner"))
		writeFile(t, filepath.Join(old, "inner", "a.md"), "a")
		w := start(t, poll, Options{Roots: []string{dir}})

		moved := filepath.Join(dir, "published")
		rename(t, old, moved)
		changes := waitFor(t, w, "files of the moved folder", present(filepath.Join(moved, "inner", "a.md")))
		changes, _ = flushAfter(t, w, dir, changes)
		if op := lastOp(changes, old); op&(Remove|Rename) == 0 {
			t.Errorf("old folder reported as %v, want REMOVE or RENAME; saw %v", op, changes)
		}
		writeFile(t, filepath.Join(moved, "inner", "b.md"), "b")
		waitFor(t, w, "a new file in the moved folder", present(filepath.Join(moved, "inner", "b.md")))

		remove(t, moved)
		waitFor(t, w, "removal of the folder", gone(moved))
		// Re-created under the same name, it must be watched afresh: a stale
		// "already watched" entry would miss everything inside.
		mkdirAll(t, filepath.Join(moved, "inner"))
		writeFile(t, filepath.Join(moved, "inner", "c.md"), "c")
		waitFor(t, w, "a file in the re-created folder", present(filepath.Join(moved, "inner", "c.md")))
		writeFile(t, filepath.Join(moved, "inner", "d.md"), "d")
		waitFor(t, w, "a later file in the re-created folder", present(filepath.Join(moved, "inner", "d.md")))
	})
}

// TestNotifierDropsWatchesOfRemovedFolders drives the kernel backend by hand
// to look at its watch set, which the goroutine otherwise owns.
func TestNotifierDropsWatchesOfRemovedFolders(t *testing.T) {
	dir := t.TempDir()
	n := startTestNotifier(t, dir, nil)
	watching := func(path string) bool {
		return n.watched[path] && slices.Contains(n.fsw.WatchList(), path)
	}

	sub, inner := filepath.Join(dir, "sub"), filepath.Join(dir, "sub", "inner")
	mkdirAll(t, inner)
	writeFile(t, filepath.Join(inner, "a.md"), "a")
	cs := mustHandle(t, n, fsnotify.Event{Name: sub, Op: fsnotify.Create})
	if !watching(sub) || !watching(inner) {
		t.Fatalf("new folders not watched: %v", n.fsw.WatchList())
	}
	want := []Change{{Path: filepath.Join(inner, "a.md"), Op: Create}, {Path: sub, Op: Create}}
	if !slices.Equal(cs, want) {
		t.Errorf("changes for the new folder = %v, want %v", cs, want)
	}

	moved := filepath.Join(dir, "moved")
	rename(t, sub, moved)
	mustHandle(t, n, fsnotify.Event{Name: sub, Op: fsnotify.Rename})
	mustHandle(t, n, fsnotify.Event{Name: moved, Op: fsnotify.Create})
	if watching(sub) || watching(inner) {
		t.Errorf("old name still watched: %v", n.fsw.WatchList())
	}
	if !watching(moved) || !watching(filepath.Join(moved, "inner")) {
		t.Errorf("moved folder not watched: %v", n.fsw.WatchList())
	}

	remove(t, moved)
	mustHandle(t, n, fsnotify.Event{Name: moved, Op: fsnotify.Remove})
	for path := range n.watched {
		if isWithin(path, moved) {
			t.Errorf("removed folder %s still in the watch set", path)
		}
	}
}

// startTestNotifier runs the kernel backend without its goroutine, so a test
// can feed it events by hand and inspect its watch set.
func startTestNotifier(t *testing.T, root string, ignore func(string) bool) *notifier {
	t.Helper()
	rs, err := newRootSet([]string{root}, ignore)
	if err != nil {
		t.Fatal(err)
	}
	n, err := startNotifier(rs, Options{}.withDefaults().addWatch, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = n.close() })
	return n
}

func mustHandle(t *testing.T, n *notifier, ev fsnotify.Event) []Change {
	t.Helper()
	cs, err := n.handle(ev)
	if err != nil {
		t.Fatalf("handle(%v): %v", ev, err)
	}
	return cs
}

func TestFileRootIsWatchedThroughItsFolder(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		config := filepath.Join(dir, "folio.yaml")
		writeFile(t, config, "title: The Little Book of Coaching\n")
		other := filepath.Join(dir, "notes.md")
		writeFile(t, other, "not watched")
		w := start(t, poll, Options{Roots: []string{config}})

		writeFile(t, other, "still not watched, now longer")
		// vim saves by renaming the old file away: a watch on the file itself
		// would die here, one on the folder does not.
		editorSaves[1].save(t, dir, config)
		changes := waitFor(t, w, "the vim-saved config", present(config))
		writeFile(t, config, "title: The Little Book of Coaching\nauthor: someone\n")
		changes = append(changes, waitFor(t, w, "a second save of the config", present(config))...)
		onlyPaths(t, changes, config)
	})
}

func TestMissingRootIsPickedUpWhenCreated(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		content := filepath.Join(dir, "site", "content")
		w := start(t, poll, Options{Roots: []string{content}})

		writeFile(t, filepath.Join(dir, "outside.md"), "x")
		mkdirAll(t, filepath.Join(content, "part-1"))
		first := filepath.Join(content, "part-1", "a.md")
		writeFile(t, first, "a")
		changes := waitFor(t, w, "a file in the newly created root", present(first))
		later := filepath.Join(content, "b.md")
		writeFile(t, later, "b")
		changes = append(changes, waitFor(t, w, "a later file in the root", present(later))...)
		for _, c := range changes {
			if !isWithin(c.Path, content) {
				t.Errorf("change outside the root reported: %v %s", c.Op, c.Path)
			}
		}

		remove(t, content)
		waitFor(t, w, "removal of the root", gone(content))
		mkdirAll(t, content)
		again := filepath.Join(content, "c.md")
		writeFile(t, again, "c")
		waitFor(t, w, "a file in the re-created root", present(again))
	})
}

func TestIgnoredFoldersAreNeverWatched(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		public := filepath.Join(dir, "public")
		mkdirAll(t, public)
		ignore := func(p string) bool { return isWithin(p, public) || isWithin(p, public+"-next") }
		w := start(t, poll, Options{Roots: []string{dir}, Ignore: ignore})

		writeFile(t, filepath.Join(public, "index.html"), "<h1>built</h1>")
		mkdirAll(t, filepath.Join(public+"-next", "posts"))
		writeFile(t, filepath.Join(public+"-next", "posts", "index.html"), "<h1>built</h1>")
		changes, sentinel := flush(t, w, dir)
		onlyPaths(t, changes, sentinel)
	})
}

func TestNoRootsIsAnError(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("New without roots succeeded")
	}
}

func TestOutputFolderCreatedInsideRootIsNotWatched(t *testing.T) {
	dir := t.TempDir()
	public := filepath.Join(dir, "public")
	n := startTestNotifier(t, dir, func(p string) bool { return isWithin(p, public) })
	if err := os.Mkdir(public, 0o755); err != nil {
		t.Fatal(err)
	}
	cs := mustHandle(t, n, fsnotify.Event{Name: public, Op: fsnotify.Create})
	if len(cs) != 0 || n.watched[public] {
		t.Errorf("output folder reported %v or watched (%v)", cs, n.watched[public])
	}
}
