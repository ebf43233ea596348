package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// logSink collects Logf output from the watcher's goroutines.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logSink) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// refuse simulates an exhausted kernel limit for the folders matching match.
func refuse(errno syscall.Errno, match func(dir string) bool) func(*fsnotify.Watcher, string) error {
	return func(fsw *fsnotify.Watcher, dir string) error {
		if match(dir) {
			return errno
		}
		return fsw.Add(dir)
	}
}

func TestOutOfWatchesAtStartFallsBackToPolling(t *testing.T) {
	for _, tt := range []struct {
		errno syscall.Errno
		fix   string
	}{
		{syscall.ENOSPC, "sysctl fs.inotify.max_user_watches=524288"},
		{syscall.EMFILE, "ulimit -n"},
	} {
		t.Run(tt.errno.Error(), func(t *testing.T) {
			dir := t.TempDir()
			mkdirAll(t, filepath.Join(dir, "part-1"))
			logs := &logSink{}
			w := start(t, false, Options{
				Roots:    []string{dir},
				Logf:     logs.logf,
				addWatch: refuse(tt.errno, func(d string) bool { return filepath.Base(d) == "part-1" }),
			})
			if !w.Polling() {
				t.Fatal("Polling() = false after the kernel refused a watch")
			}
			if got := logs.text(); !strings.Contains(got, tt.fix) || !strings.Contains(got, "polling") {
				t.Errorf("log does not name the fix %q and the fallback:\n%s", tt.fix, got)
			}
			file := filepath.Join(dir, "part-1", "a.md")
			writeFile(t, file, "a")
			waitFor(t, w, "a write seen by the poller", present(file))
		})
	}
}

func TestOutOfWatchesLaterFallsBackToPolling(t *testing.T) {
	dir := t.TempDir()
	logs := &logSink{}
	w := start(t, false, Options{
		Roots:    []string{dir},
		Logf:     logs.logf,
		addWatch: refuse(syscall.ENOSPC, func(d string) bool { return filepath.Base(d) == "part-9" }),
	})
	if w.Polling() {
		t.Fatal("polling from the start; the limit is only hit later")
	}
	mkdirAll(t, filepath.Join(dir, "part-9"))
	// Events around the failure cannot be trusted, so the root is reported
	// as a whole: the consumer rebuilds everything.
	waitFor(t, w, "the whole root after the fallback", func(c Change) bool { return c.Path == dir && c.Op == Write })
	if !w.Polling() {
		t.Fatal("Polling() = false after the fallback")
	}
	if got := logs.text(); !strings.Contains(got, "max_user_watches=524288") {
		t.Errorf("log does not name the fix:\n%s", got)
	}
	file := filepath.Join(dir, "part-9", "a.md")
	writeFile(t, file, "a")
	waitFor(t, w, "a write in the folder that could not be watched", present(file))
}

// watchGoroutines lists live goroutines running this package's or
// fsnotify's code.
func watchGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "internal/watch.(*") || strings.Contains(g, "fsnotify") {
			found = append(found, g)
		}
	}
	return found
}

// goroutinesAfterExit gives goroutines that Close has already released (fsnotify's
// reader signals Close from a deferred call, then returns) the chance to
// finish by yielding, not sleeping, and lists those still alive.
func goroutinesAfterExit() []string {
	deadline := time.Now().Add(timeout)
	for {
		left := watchGoroutines()
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		runtime.Gosched()
	}
}

func TestCloseStopsEverything(t *testing.T) {
	forBackends(t, func(t *testing.T, poll bool) {
		dir := t.TempDir()
		w, err := New(Options{Roots: []string{dir}, Poll: poll, PollInterval: 10 * time.Millisecond, Logf: t.Logf})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		writeFile(t, filepath.Join(dir, "a.md"), "a")
		waitFor(t, w, "a.md", present(filepath.Join(dir, "a.md")))
		if len(watchGoroutines()) == 0 {
			t.Fatal("no watcher goroutines found while running: the leak check below would prove nothing")
		}
		// Close with a change in flight and nobody reading.
		writeFile(t, filepath.Join(dir, "b.md"), "b")
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		select {
		case b, ok := <-w.Batches():
			if ok {
				t.Errorf("batch %v delivered after Close", b)
			}
		case <-time.After(timeout):
			t.Error("Batches not closed by Close")
		}
		if left := goroutinesAfterExit(); len(left) > 0 {
			t.Errorf("goroutines left after Close:\n%s", strings.Join(left, "\n\n"))
		}
	})
}

// BenchmarkLatency measures the time from a save to its batch: the quiet
// period plus the watcher's own overhead.
func BenchmarkLatency(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			dir := b.TempDir()
			file := filepath.Join(dir, "chapter.md")
			w, err := New(Options{Roots: []string{dir}, Poll: be.poll, Logf: b.Logf})
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := os.WriteFile(file, []byte(strings.Repeat("x", i%7+1)), 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case <-w.Batches():
				case <-time.After(timeout):
					b.Fatal("no batch")
				}
			}
		})
	}
}
