package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// errTooManyWatches marks the failures that polling can work around: the
// kernel refused another watch or descriptor, not this particular folder.
var errTooManyWatches = errors.New("out of inotify watches or file descriptors")

// isLimit reports the kernel's "you have too many" answers: ENOSPC from
// inotify_add_watch (max_user_watches), EMFILE/ENFILE from inotify_init.
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// notifier is the kernel-notification backend. It owns the set of watched
// folders; only the feed goroutine touches it after startNotifier returns.
type notifier struct {
	fsw     *fsnotify.Watcher
	roots   rootSet
	watched map[string]bool
	add     func(fsw *fsnotify.Watcher, dir string) error
	logf    func(format string, args ...any)
}

// startNotifier sets up watches for every root before returning, so that
// changes made after New returns are seen.
func startNotifier(roots rootSet, add func(*fsnotify.Watcher, string) error, logf func(string, ...any)) (*notifier, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		if isLimit(err) {
			return nil, fmt.Errorf("starting inotify: %w: %w", errTooManyWatches, err)
		}
		return nil, err
	}
	n := &notifier{fsw: fsw, roots: roots, watched: map[string]bool{}, add: add, logf: logf}
	for _, r := range roots.paths {
		if _, err := n.ensure(r, false); err != nil {
			_ = fsw.Close()
			return nil, err
		}
	}
	return n, nil
}

func (n *notifier) close() error { return n.fsw.Close() }

// run handles kernel events until done is closed or the kernel refuses a
// watch, in which case the error says so and the caller switches to polling.
func (n *notifier) run(done <-chan struct{}, emit func([]Change) bool) error {
	for {
		select {
		case <-done:
			return nil
		case ev, ok := <-n.fsw.Events:
			if !ok {
				return nil
			}
			cs, err := n.handle(ev)
			if !emit(cs) {
				return nil
			}
			if err != nil {
				return err
			}
		case err, ok := <-n.fsw.Errors:
			if !ok {
				return nil
			}
			cs, err := n.recoverFrom(err)
			if !emit(cs) {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}
}

// handle keeps the watch set in step with one event and translates it.
func (n *notifier) handle(ev fsnotify.Event) ([]Change, error) {
	path := filepath.Clean(ev.Name)
	op := opFrom(ev.Op)
	if op == 0 { // chmod only: Spotlight, backup tools, antivirus
		return nil, nil
	}
	if op&(Remove|Rename) != 0 {
		n.forget(path)
		// A vanished ancestor of a root moves that root's anchor upwards, so
		// the root's re-creation is still seen.
		for _, r := range n.roots.rootsBelow(path) {
			if _, err := n.ensure(r, false); err != nil {
				return nil, err
			}
		}
	}
	var cs []Change
	isDir := false
	if op&Create != 0 {
		fi, err := os.Lstat(path)
		isDir = err == nil && (fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0 && n.roots.followsDir(path))
		if isDir {
			more, err := n.dirCreated(path)
			cs = append(cs, more...)
			if err != nil {
				return cs, err
			}
		}
	}
	if n.roots.relevant(path, isDir) {
		cs = append(cs, Change{Path: path, Op: op})
	}
	return cs, nil
}

// dirCreated watches a new folder (created, or moved in) and reports the
// files already inside it: they may have landed before the watch did.
func (n *notifier) dirCreated(dir string) ([]Change, error) {
	var cs []Change
	for _, r := range n.roots.rootsBelow(dir) {
		more, err := n.ensure(r, true)
		cs = append(cs, more...)
		if err != nil {
			return cs, err
		}
	}
	if n.roots.isRoot(dir) || !n.roots.relevant(dir, true) {
		return cs, nil
	}
	more, err := n.watchTree(dir, true)
	return append(cs, more...), err
}

// ensure watches root's nearest existing ancestor (to see the root appear or
// be replaced) and, if root is a folder, everything below it.
func (n *notifier) ensure(root string, synth bool) ([]Change, error) {
	if err := n.addDir(existingAncestor(filepath.Dir(root))); err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(root); err != nil || !fi.IsDir() {
		return nil, nil
	}
	return n.watchTree(root, synth)
}

// watchTree adds dir and every folder below it; with synth it also returns a
// Create for each file found.
func (n *notifier) watchTree(dir string, synth bool) ([]Change, error) {
	var cs []Change
	err := walkTree(dir, n.roots.follow, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// Vanished or unreadable mid-walk: its own events tell the rest.
			return nil
		}
		if !d.IsDir() {
			if synth && n.roots.relevant(p, false) {
				cs = append(cs, Change{Path: p, Op: Create})
			}
			return nil
		}
		if p != dir && n.roots.skipDir(p) {
			return filepath.SkipDir
		}
		// The watch goes on before WalkDir lists the folder, so a file
		// created meanwhile is either listed or reported by the kernel.
		return n.addDir(p)
	})
	return cs, err
}

func (n *notifier) addDir(dir string) error {
	if n.watched[dir] {
		return nil
	}
	if err := n.add(n.fsw, dir); err != nil {
		switch {
		case isLimit(err):
			return fmt.Errorf("watching %s: %w: %w", dir, errTooManyWatches, err)
		case errors.Is(err, fs.ErrNotExist):
			return nil // already gone; its removal is reported by its parent
		default:
			n.logf("watch: cannot watch %s, changes below it will be missed: %v", dir, err)
			return nil
		}
	}
	n.watched[dir] = true
	return nil
}

// forget drops the watches on path and below. It runs on Remove and Rename
// before any Create is handled, so a folder moved within a root is unwatched
// under its old name before being watched under the new one (the kernel
// reuses the watch descriptor of an inode still being watched).
func (n *notifier) forget(path string) {
	if !n.watched[path] && len(n.roots.rootsBelow(path)) == 0 {
		return // nothing watched can be below a path that is not itself watched
	}
	for dir := range n.watched {
		if isWithin(dir, path) {
			delete(n.watched, dir)
			_ = n.fsw.Remove(dir) // the kernel may have dropped it already
		}
	}
}

// recoverFrom handles errors reported by fsnotify. After a queue overflow the
// watch set may be stale in both directions, so it is rebuilt from scratch and
// the consumer is told to rebuild everything.
func (n *notifier) recoverFrom(err error) ([]Change, error) {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		n.logf("watch: %v", err)
		return nil, nil
	}
	n.logf("watch: kernel event queue overflowed; re-adding watches and rebuilding everything")
	for dir := range n.watched {
		delete(n.watched, dir)
		_ = n.fsw.Remove(dir)
	}
	for _, r := range n.roots.paths {
		if _, err := n.ensure(r, false); err != nil {
			return n.roots.everything(), err
		}
	}
	return n.roots.everything(), nil
}

func opFrom(o fsnotify.Op) Op {
	var op Op
	if o.Has(fsnotify.Create) {
		op |= Create
	}
	if o.Has(fsnotify.Write) {
		op |= Write
	}
	if o.Has(fsnotify.Remove) {
		op |= Remove
	}
	if o.Has(fsnotify.Rename) {
		op |= Rename
	}
	return op
}
