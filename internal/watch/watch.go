// Package watch owns noticing that the author changed something on disk and
// telling the dev server once per burst of changes. It turns raw file-system
// events into batches of de-duplicated, sorted changes, and knows nothing
// about what folio does with them.
//
// Design choices, and why:
//
//   - Folders are watched, never files. inotify is not recursive, so every
//     folder below a root is added on its own and folders created later are
//     walked and added as they appear; files already inside a new folder get a
//     synthesized Create because they can land before the watch does. A file
//     root (folio.yaml) is watched through its parent folder, filtered to that
//     name, because editors save by renaming a new file over the old one: a
//     watch on the file's inode dies with the first save (hugo#4701, #5205).
//     A missing root is watched from its nearest existing ancestor so its
//     creation is seen.
//
//   - Editor temp, swap and backup files (vim's 4913 probe and name~ backup,
//     JetBrains ___jb_tmp___, helix .bck, emacs #name#, ...), dot-folders and
//     chmod-only events are dropped before batching. A save therefore reports
//     the real file and nothing else. Each change is re-checked against the
//     disk when its burst ends, so a Change carrying Create or Write names a
//     path that existed at that moment and one carrying Remove or Rename names
//     a path that did not.
//
//   - A burst ends after Quiet (20ms) without events. One editor save is a
//     handful of syscalls within about a millisecond and a script or a git
//     checkout writes files back to back, so 20ms joins each of them into one
//     batch while an edit still reaches the browser in tens of milliseconds
//     (Hugo's 500ms tick and Zola's 1s debounce are felt on every save).
//     A burst that so far touched one file with content in it, the author's
//     save, ends after QuietOne (4ms) instead: a second file within it
//     brings the full Quiet back, and so does a file left empty (a save that
//     truncated the file and has yet to write it).
//     MaxWait caps a burst that never goes quiet, so a runaway writer cannot
//     starve the build.
//
//   - Changes are queued, never dropped. While the consumer has not taken the
//     previous batch (a build is running), bursts that finish are merged into
//     it, so however long a build takes, the next receive returns everything
//     that happened meanwhile (a burst still under way follows in the batch
//     after): one more build, not a backlog of stale ones, and no save lost to
//     "you saved while it was building".
//
//   - Polling is the fallback, not an afterthought. When inotify runs out of
//     watches or descriptors (ENOSPC, EMFILE) the watcher logs the fix and
//     switches to comparing mtime and size every PollInterval instead of
//     silently missing saves; Poll forces that for WSL, Docker and network
//     mounts, where kernel events do not arrive.
package watch

import (
	"errors"
	"log"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Op is the set of things that happened to a path during a burst.
type Op uint8

// The operations a Change can carry; several can be set at once.
const (
	Create Op = 1 << iota
	Write
	Remove
	Rename
)

// String renders the set as "CREATE|WRITE" for logs and test failures.
func (op Op) String() string {
	names := []string{"CREATE", "WRITE", "REMOVE", "RENAME"}
	s := ""
	for i, name := range names {
		if op&(1<<i) != 0 {
			if s != "" {
				s += "|"
			}
			s += name
		}
	}
	if s == "" {
		return "NONE"
	}
	return s
}

// Change is one changed file or folder. Path is absolute and cleaned. A
// Change whose Path is a root and whose Op is Write means "anything below may
// have changed": it is sent after events were lost (kernel queue overflow, a
// switch to polling) so the consumer rebuilds everything.
type Change struct {
	Path string
	Op   Op
}

// Options configures a Watcher. Zero durations take the defaults.
type Options struct {
	// Roots are watched recursively. A root that is a file is watched via its
	// parent folder; a missing root is fine and is picked up when created.
	Roots []string
	// Ignore is an extra rule on absolute paths, e.g. the output folder,
	// which must never be watched lest every build trigger the next.
	Ignore func(path string) bool
	// Follow says whether to watch what a symbolic link to a folder holds
	// (absolute path of the link); nil follows none. The caller decides
	// (folio follows links only inside the site); loops are the caller's
	// to refuse.
	Follow func(path string) bool
	// Poll forces polling (WSL, Docker bind mounts, network file systems).
	Poll bool
	// PollInterval is how often the poller rescans; default 100ms.
	PollInterval time.Duration
	// Quiet is the silence that ends a burst; default 20ms.
	Quiet time.Duration
	// QuietOne is the silence that ends a burst that so far touched one
	// file, not empty (a single save); default 4ms, at most Quiet.
	QuietOne time.Duration
	// MaxWait flushes a burst that never goes quiet; default 500ms.
	MaxWait time.Duration
	// Logf receives warnings such as the polling fallback; default log.Printf.
	Logf func(format string, args ...any)

	// addWatch replaces fsnotify's Add in tests, to simulate an exhausted
	// inotify limit without exhausting the real one.
	addWatch func(fsw *fsnotify.Watcher, dir string) error
	// observe is told the pending and ready batch sizes after every step of
	// the coalescer, so tests can wait for a state instead of sleeping.
	observe func(pending, ready int)
}

func (o Options) withDefaults() Options {
	if o.PollInterval <= 0 {
		o.PollInterval = 100 * time.Millisecond
	}
	if o.Quiet <= 0 {
		o.Quiet = 20 * time.Millisecond
	}
	if o.QuietOne <= 0 {
		o.QuietOne = 4 * time.Millisecond
	}
	o.QuietOne = min(o.QuietOne, o.Quiet)
	if o.MaxWait <= 0 {
		o.MaxWait = 500 * time.Millisecond
	}
	if o.MaxWait < o.Quiet {
		o.MaxWait = o.Quiet
	}
	if o.Logf == nil {
		o.Logf = log.Printf
	}
	if o.addWatch == nil {
		o.addWatch = func(fsw *fsnotify.Watcher, dir string) error { return fsw.Add(dir) }
	}
	return o
}

// Watcher delivers batches of changes below its roots until closed.
type Watcher struct {
	opts    Options
	roots   rootSet
	raw     chan []Change // backend → coalescer
	out     chan []Change // coalescer → consumer
	done    chan struct{}
	wg      sync.WaitGroup
	polling atomic.Bool

	closeOnce sync.Once
	closeErr  error // set by the feed goroutine before it exits
}

// New starts watching. Watches are in place when it returns, so any change
// made afterwards is reported. It falls back to polling (and says so through
// Logf) when kernel notification cannot be set up.
func New(opts Options) (*Watcher, error) {
	opts = opts.withDefaults()
	if len(opts.Roots) == 0 {
		return nil, errors.New("watch: no roots given: pass the content, layout and static folders and the config file")
	}
	roots, err := newRootSet(opts.Roots, opts.Ignore)
	roots.follow = opts.Follow
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		opts:  opts,
		roots: roots,
		raw:   make(chan []Change),
		out:   make(chan []Change),
		done:  make(chan struct{}),
	}
	var n *notifier
	if !opts.Poll {
		n, err = startNotifier(roots, opts.addWatch, opts.Logf)
		if err != nil {
			w.logFallback(err)
			n = nil
		}
	}
	var p *poller
	if n == nil {
		w.polling.Store(true)
		p = newPoller(roots, opts.PollInterval)
	}
	w.wg.Add(2)
	go w.coalesce()
	go w.feed(n, p)
	return w, nil
}

// Batches yields one batch per burst, de-duplicated per path and sorted by
// path. It is closed by Close.
func (w *Watcher) Batches() <-chan []Change { return w.out }

// Polling reports whether changes are found by polling rather than by kernel
// notification, either because Options.Poll asked for it or after a fallback.
func (w *Watcher) Polling() bool { return w.polling.Load() }

// Close stops every goroutine of the watcher, releases the kernel watches and
// closes the Batches channel. Changes not yet delivered are dropped.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		w.wg.Wait()
	})
	return w.closeErr
}

// feed runs the kernel backend and, if it gives up, the poller, handing
// changes to the coalescer.
func (w *Watcher) feed(n *notifier, p *poller) {
	defer w.wg.Done()
	if n != nil {
		err := n.run(w.done, w.emit)
		w.closeErr = n.close()
		if err == nil {
			return
		}
		w.logFallback(err)
		w.polling.Store(true)
		p = newPoller(w.roots, w.opts.PollInterval)
		// Events between the failure and the poller's first snapshot are
		// unknowable; tell the consumer to rebuild everything instead.
		if !w.emit(w.roots.everything()) {
			return
		}
	}
	p.run(w.done, w.emit)
}

// emit hands changes to the coalescer; false means the watcher is closing.
func (w *Watcher) emit(cs []Change) bool {
	if len(cs) == 0 {
		return true
	}
	select {
	case w.raw <- cs:
		return true
	case <-w.done:
		return false
	}
}

func (w *Watcher) logFallback(err error) {
	if errors.Is(err, errTooManyWatches) {
		w.opts.Logf("watch: %v. Raise the limits, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` "+
			"(ENOSPC; persist it in /etc/sysctl.d) or `ulimit -n 4096` (EMFILE). "+
			"Falling back to polling every %v meanwhile.", err, w.opts.PollInterval)
		return
	}
	w.opts.Logf("watch: kernel file notification unavailable (%v); falling back to polling every %v", err, w.opts.PollInterval)
}
