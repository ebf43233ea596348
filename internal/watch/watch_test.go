package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"
)

// timeout bounds every wait; tests wait for events, never for time.
const timeout = 5 * time.Second

var backends = []struct {
	name string
	poll bool
}{{"notify", false}, {"poll", true}}

// forBackends runs f once with kernel notification and once polling, since
// both must honour the same contract.
func forBackends(t *testing.T, f func(t *testing.T, poll bool)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b.poll) })
	}
}

func start(t *testing.T, poll bool, opts Options) *Watcher {
	t.Helper()
	opts.Poll = poll
	if opts.PollInterval == 0 {
		opts.PollInterval = 10 * time.Millisecond
	}
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w
}

// waitFor reads batches until one holds a change satisfying match and
// returns every change read, checking each batch's own contract on the way.
func waitFor(t *testing.T, w *Watcher, what string, match func(Change) bool) []Change {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var all []Change
	for {
		select {
		case batch, ok := <-w.Batches():
			if !ok {
				t.Fatalf("Batches closed while waiting for %s; saw %v", what, all)
			}
			checkBatch(t, batch)
			all = append(all, batch...)
			for _, c := range batch {
				if match(c) {
					return all
				}
			}
		case <-timer.C:
			t.Fatalf("no %s within %v; saw %v", what, timeout, all)
		}
	}
}

func checkBatch(t *testing.T, batch []Change) {
	t.Helper()
	if len(batch) == 0 {
		t.Errorf("empty batch delivered")
	}
	for i, c := range batch {
		if !filepath.IsAbs(c.Path) || filepath.Clean(c.Path) != c.Path {
			t.Errorf("path %q is not absolute and clean", c.Path)
		}
		if i > 0 && batch[i-1].Path >= c.Path {
			t.Errorf("batch not sorted and de-duplicated at %q, %q", batch[i-1].Path, c.Path)
		}
	}
}

func present(path string) func(Change) bool {
	return func(c Change) bool { return c.Path == path && c.Op&(Create|Write) != 0 }
}

func gone(path string) func(Change) bool {
	return func(c Change) bool { return c.Path == path && c.Op&(Remove|Rename) != 0 }
}

var sentinels struct {
	sync.Mutex
	n int
}

// flush writes a fresh sentinel file into dir and waits for it. Events are
// delivered in order, so every change made before the call has been reported
// by then: this is how tests prove something was NOT reported.
func flush(t *testing.T, w *Watcher, dir string) ([]Change, string) {
	t.Helper()
	sentinels.Lock()
	sentinels.n++
	name := filepath.Join(dir, fmt.Sprintf("zz-sentinel-%d.md", sentinels.n))
	sentinels.Unlock()
	writeFile(t, name, "sentinel")
	return waitFor(t, w, "sentinel "+name, present(name)), name
}

// onlyPaths fails if changes name anything outside allowed.
func onlyPaths(t *testing.T, changes []Change, allowed ...string) {
	t.Helper()
	ok := map[string]bool{}
	for _, p := range allowed {
		ok[p] = true
	}
	for _, c := range changes {
		if !ok[c.Path] {
			t.Errorf("unexpected change %v %s (allowed: %v)", c.Op, c.Path, allowed)
		}
	}
}

// lastOp is the op of the latest change to path, 0 if none.
func lastOp(changes []Change, path string) Op {
	var op Op
	for _, c := range changes {
		if c.Path == path {
			op = c.Op
		}
	}
	return op
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdirAll(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

// editorSaves replays what each editor does on disk when saving file. Sizes
// differ from the original so that the poller, which compares mtime and size,
// is not at the mercy of the file system's timestamp granularity.
var editorSaves = []struct {
	name string
	save func(t *testing.T, dir, file string)
}{
	{"plain write", func(t *testing.T, dir, file string) {
		writeFile(t, file, "# Partnership, second draft")
	}},
	{"vim", func(t *testing.T, dir, file string) {
		probe := filepath.Join(dir, "4913")
		writeFile(t, probe, "")
		remove(t, probe)
		writeFile(t, filepath.Join(dir, "."+filepath.Base(file)+".swp"), "swap")
		rename(t, file, file+"~")
		writeFile(t, file, "# Partnership, second draft")
		remove(t, file+"~")
	}},
	{"jetbrains", func(t *testing.T, dir, file string) {
		tmp, old := file+"___jb_tmp___", file+"___jb_old___"
		writeFile(t, tmp, "# Partnership, second draft")
		rename(t, file, old)
		rename(t, tmp, file)
		remove(t, old)
	}},
	{"rename over (VS Code, atomic writers)", func(t *testing.T, dir, file string) {
		tmp := file + ".tmp"
		writeFile(t, tmp, "# Partnership, second draft")
		rename(t, tmp, file)
	}},
	{"helix", func(t *testing.T, dir, file string) {
		bck := file + "0HlVyu.bck"
		writeFile(t, bck, "# Partnership")
		writeFile(t, file, "# Partnership, second draft")
		remove(t, bck)
	}},
	{"gedit", func(t *testing.T, dir, file string) {
		tmp := filepath.Join(dir, ".goutputstream-4X7ZG2")
		writeFile(t, tmp, "# Partnership, second draft")
		rename(t, tmp, file)
	}},
	{"emacs", func(t *testing.T, dir, file string) {
		lock := filepath.Join(dir, ".#"+filepath.Base(file))
		if err := os.Symlink("author@desk.4242:1700000000", lock); err != nil {
			t.Fatal(err)
		}
		autosave := filepath.Join(dir, "#"+filepath.Base(file)+"#")
		writeFile(t, autosave, "draft")
		rename(t, file, file+"~")
		writeFile(t, file, "# Partnership, second draft")
		remove(t, autosave)
		remove(t, lock)
	}},
	{"delete and re-create", func(t *testing.T, dir, file string) {
		remove(t, file)
		writeFile(t, file, "# Partnership, second draft")
	}},
}

func TestEditorSavesReportTheRealFile(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		for _, ed := range editorSaves {
			t.Run(ed.name, func(t *testing.T) {
				dir := t.TempDir()
				file := filepath.Join(dir, "chapter.md")
				writeFile(t, file, "# Partnership")
				w := start(t, poll, Options{Roots: []string{dir}})
				ed.save(t, dir, file)
				changes, sentinel := flush(t, w, dir)
				if op := lastOp(changes, file); op&(Create|Write) == 0 {
					t.Errorf("last change to chapter.md is %v, want CREATE or WRITE; saw %v", op, changes)
				}
				onlyPaths(t, changes, file, sentinel)
			})
		}
	})
}

func TestTempFilesNeverTriggerABatch(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		chapter := filepath.Join(dir, "chapter.md")
		writeFile(t, chapter, "# Partnership")
		w := start(t, poll, Options{Roots: []string{dir}})
		for _, name := range []string{
			".chapter.md.swp", ".chapter.md.swx", ".chapter.md.swo", "chapter.md~", "4913", "8080",
			".#chapter.md", "#chapter.md#", "chapter.md___jb_tmp___", "chapter.md___jb_old___",
			"chapter.md0HlVyu.bck", ".DS_Store", ".goutputstream-ABC123", "upload.tmp",
		} {
			writeFile(t, filepath.Join(dir, name), "x")
		}
		if err := os.Chmod(chapter, 0o600); err != nil {
			t.Fatal(err)
		}
		mkdirAll(t, filepath.Join(dir, ".git", "refs"))
		writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main")
		mkdirAll(t, filepath.Join(dir, "node_modules", "left-pad"))
		writeFile(t, filepath.Join(dir, "node_modules", "left-pad", "index.js"), "")
		changes, sentinel := flush(t, w, dir)
		onlyPaths(t, changes, sentinel)
	})
}

func TestOpsOfPlainFileOperations(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		a, b, c := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md"), filepath.Join(dir, "c.md")
		writeFile(t, a, "a")
		w := start(t, poll, Options{Roots: []string{dir}})

		writeFile(t, a, "a, longer")
		waitFor(t, w, "write of a.md", func(ch Change) bool { return ch.Path == a && ch.Op == Write })
		writeFile(t, b, "b")
		waitFor(t, w, "create of b.md", func(ch Change) bool { return ch.Path == b && ch.Op&Create != 0 })
		remove(t, a)
		waitFor(t, w, "removal of a.md", func(ch Change) bool { return ch.Path == a && ch.Op == Remove })
		rename(t, b, c)
		changes := waitFor(t, w, "c.md from the rename", present(c))
		changes, _ = flushAfter(t, w, dir, changes)
		if op := lastOp(changes, b); op&(Remove|Rename) == 0 {
			t.Errorf("renamed-away b.md reported as %v, want REMOVE or RENAME; saw %v", op, changes)
		}
	})
}

// flushAfter extends changes with everything up to a fresh sentinel.
func flushAfter(t *testing.T, w *Watcher, dir string, changes []Change) ([]Change, string) {
	t.Helper()
	more, sentinel := flush(t, w, dir)
	return append(changes, more...), sentinel
}

// observer lets a test wait until the coalescer holds a given state.
type observer struct {
	mu             sync.Mutex
	pending, ready int
	changed        chan struct{}
}

func newObserver() *observer { return &observer{changed: make(chan struct{}, 1)} }

func (o *observer) observe(pending, ready int) {
	o.mu.Lock()
	o.pending, o.ready = pending, ready
	o.mu.Unlock()
	select {
	case o.changed <- struct{}{}:
	default:
	}
}

// waitReady waits until n paths are ready and unread, i.e. until every
// change made so far has been batched while the consumer is "busy".
func (o *observer) waitReady(t *testing.T, n int) {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		o.mu.Lock()
		pending, ready := o.pending, o.ready
		o.mu.Unlock()
		if ready == n && pending == 0 {
			return
		}
		if ready > n {
			t.Fatalf("%d paths ready, want %d", ready, n)
		}
		select {
		case <-o.changed:
		case <-timer.C:
			t.Fatalf("waited %v for %d ready paths; have %d ready, %d pending", timeout, n, ready, pending)
		}
	}
}

func writeMany(t *testing.T, dir, prefix string, n int) []string {
	t.Helper()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%s-%03d.md", prefix, i))
		writeFile(t, paths[i], "touched")
	}
	return paths
}

func receiveOne(t *testing.T, w *Watcher) []Change {
	t.Helper()
	select {
	case batch := <-w.Batches():
		checkBatch(t, batch)
		return batch
	case <-time.After(timeout):
		t.Fatalf("no batch within %v", timeout)
		return nil
	}
}

// startObserved starts a watcher on a fresh folder whose coalescer state the
// test can wait on.
func startObserved(t *testing.T, poll bool) (string, *observer, *Watcher) {
	t.Helper()
	dir := t.TempDir()
	obs := newObserver()
	return dir, obs, start(t, poll, Options{Roots: []string{dir}, observe: obs.observe})
}

func TestScriptTouching500FilesIsOneBatch(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir, obs, w := startObserved(t, poll)
		want := writeMany(t, dir, "post", 500)
		obs.waitReady(t, len(want))
		if got := batchPaths(receiveOne(t, w)); !slices.Equal(got, want) {
			t.Fatalf("one batch of %d paths, want all %d", len(got), len(want))
		}
	})
}

func TestChangesDuringABuildAreDeliveredNext(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir, obs, w := startObserved(t, poll)
		first := writeMany(t, dir, "first", 10)
		obs.waitReady(t, 10)
		// The consumer has not taken the batch: a build is running. More saves.
		second := writeMany(t, dir, "second", 10)
		writeFile(t, first[0], "edited again during the build")
		obs.waitReady(t, 20)
		want := append(append([]string{}, first...), second...)
		sort.Strings(want)
		if got := batchPaths(receiveOne(t, w)); !slices.Equal(got, want) {
			t.Fatalf("batch after the build:\n got %v\nwant %v", got, want)
		}
	})
}
