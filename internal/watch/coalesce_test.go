package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

// These tests run the coalescer alone inside a synctest bubble: time is
// virtual, so the time.Sleep calls below advance a fake clock instantly and
// the timings asserted are exact, not measured.

func startCoalescer(t *testing.T) *Watcher {
	t.Helper()
	w := &Watcher{
		opts: Options{}.withDefaults(),
		raw:  make(chan []Change),
		out:  make(chan []Change),
		done: make(chan struct{}),
	}
	w.wg.Add(1)
	go w.coalesce()
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// existingFiles creates n files so that settle keeps their Create changes.
func existingFiles(t *testing.T, prefix string, n int) []string {
	t.Helper()
	dir := t.TempDir()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%s%03d.md", prefix, i))
		if err := os.WriteFile(paths[i], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

func sendAll(w *Watcher, paths []string, gap time.Duration) {
	for i, p := range paths {
		if i > 0 {
			time.Sleep(gap)
		}
		w.raw <- []Change{{Path: p, Op: Create}, {Path: p, Op: Write}}
	}
}

func batchPaths(batch []Change) []string {
	paths := make([]string, len(batch))
	for i, c := range batch {
		paths[i] = c.Path
	}
	return paths
}

func expectNoBatch(t *testing.T, w *Watcher) {
	t.Helper()
	synctest.Wait()
	select {
	case b := <-w.out:
		t.Fatalf("unexpected extra batch of %d: %v", len(b), b)
	default:
	}
}

func TestCoalesceJoinsBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := startCoalescer(t)
		paths := existingFiles(t, "f", 500)
		start := time.Now()
		sendAll(w, paths, 200*time.Microsecond)
		last := time.Now()
		batch := <-w.out
		if got := time.Since(last); got != w.opts.Quiet {
			t.Errorf("batch came %v after the last event, want the quiet period %v", got, w.opts.Quiet)
		}
		if !reflect.DeepEqual(batchPaths(batch), paths) {
			t.Fatalf("want one sorted batch of all %d paths, got %d", len(paths), len(batch))
		}
		for _, c := range batch {
			if c.Op != Create|Write {
				t.Fatalf("%s: op %v, want CREATE|WRITE", c.Path, c.Op)
			}
		}
		expectNoBatch(t, w)
		if elapsed := time.Since(start); elapsed >= w.opts.MaxWait {
			t.Errorf("burst took %v; keep it under MaxWait so this tests the quiet period", elapsed)
		}
	})
}

func TestCoalesceSplitsQuietSeparatedBursts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := startCoalescer(t)
		first := existingFiles(t, "a", 3)
		second := existingFiles(t, "b", 3)
		sendAll(w, first, time.Millisecond)
		if got := batchPaths(<-w.out); !reflect.DeepEqual(got, first) {
			t.Fatalf("first batch %v, want %v", got, first)
		}
		time.Sleep(time.Second)
		sendAll(w, second, time.Millisecond)
		if got := batchPaths(<-w.out); !reflect.DeepEqual(got, second) {
			t.Fatalf("second batch %v, want %v", got, second)
		}
		expectNoBatch(t, w)
	})
}

func TestCoalesceMaxWaitFlushesEndlessStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := startCoalescer(t)
		paths := existingFiles(t, "s", 100)
		stop, stopped := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(stopped)
			for _, p := range paths {
				select {
				case w.raw <- []Change{{Path: p, Op: Write}}:
				case <-stop:
					return
				}
				time.Sleep(15 * time.Millisecond) // always less than Quiet
			}
		}()
		start := time.Now()
		batch := <-w.out
		if got := time.Since(start); got != w.opts.MaxWait {
			t.Errorf("first batch after %v, want MaxWait %v", got, w.opts.MaxWait)
		}
		// Events went out at 0, 15, ..., 495ms: 34 of them before MaxWait.
		if !reflect.DeepEqual(batchPaths(batch), paths[:34]) {
			t.Errorf("first batch has %d paths, want the 34 sent before MaxWait", len(batch))
		}
		close(stop)
		<-stopped
	})
}

func TestCoalesceMergesBurstsWhileConsumerBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := startCoalescer(t)
		first := existingFiles(t, "a", 5)
		second := existingFiles(t, "b", 5)
		third := existingFiles(t, "c", 5)
		// The consumer is "building": nobody receives while three bursts,
		// each followed by silence, come and go.
		for _, burst := range [][]string{first, second, third} {
			sendAll(w, burst, time.Millisecond)
			time.Sleep(time.Second)
		}
		want := append(append(append([]string{}, first...), second...), third...)
		if got := batchPaths(<-w.out); !reflect.DeepEqual(got, want) {
			t.Fatalf("after the build, got %v, want all %d paths in one batch", got, len(want))
		}
		expectNoBatch(t, w)
	})
}

func TestCoalesceKeepsUnfinishedBurstForNextBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := startCoalescer(t)
		first := existingFiles(t, "a", 3)
		second := existingFiles(t, "b", 3)
		sendAll(w, first, time.Millisecond)
		time.Sleep(time.Second) // first is ready, unread
		w.raw <- []Change{{Path: second[0], Op: Write}}
		// A burst in progress is not handed out half-done with the ready one.
		if got := batchPaths(<-w.out); !reflect.DeepEqual(got, first) {
			t.Fatalf("got %v, want only the finished burst %v", got, first)
		}
		sendAll(w, second[1:], time.Millisecond)
		if got := batchPaths(<-w.out); !reflect.DeepEqual(got, second) {
			t.Fatalf("got %v, want the second burst %v", got, second)
		}
	})
}

func TestSettle(t *testing.T) {
	dir := t.TempDir()
	there := filepath.Join(dir, "there.md")
	if err := os.WriteFile(there, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "gone.md")
	tests := []struct {
		name string
		path string
		in   Op
		want Op // 0: dropped
	}{
		{"vim save", there, Rename | Create | Write, Create | Write},
		{"plain write", there, Write, Write},
		{"replaced", there, Remove, Write},
		{"delete and re-create", there, Remove | Create, Create},
		{"deleted", gone, Remove | Write, Remove},
		{"moved away", gone, Rename, Rename},
		{"created and deleted", gone, Create | Remove, Remove},
		{"created and vanished", gone, Create | Write, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := settle(map[string]Op{tt.path: tt.in})
			var want []Change
			if tt.want != 0 {
				want = []Change{{Path: tt.path, Op: tt.want}}
			}
			if len(got) != len(want) || (len(got) == 1 && got[0] != want[0]) {
				t.Errorf("settle(%v) = %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestOpString(t *testing.T) {
	for op, want := range map[Op]string{0: "NONE", Create: "CREATE", Create | Write: "CREATE|WRITE", Remove | Rename: "REMOVE|RENAME"} {
		if got := op.String(); got != want {
			t.Errorf("Op(%d).String() = %q, want %q", op, got, want)
		}
	}
}

// TestCoalesceQuietOneForASave checks the quiet period of each kind of
// burst: one file with content (a save) ends after QuietOne; a second
// file, or an empty one, brings back the full Quiet.
func TestCoalesceQuietOneForASave(t *testing.T) {
	tests := []struct {
		name    string
		files   []string // their contents; one path each
		quietly func(o Options) time.Duration
	}{
		{"one saved file", []string{"# Chapter\n\nText.\n"}, func(o Options) time.Duration { return o.QuietOne }},
		{"one empty file", []string{""}, func(o Options) time.Duration { return o.Quiet }},
		{"two saved files", []string{"a\n", "b\n"}, func(o Options) time.Duration { return o.Quiet }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				w := startCoalescer(t)
				if w.opts.QuietOne >= w.opts.Quiet {
					t.Fatalf("QuietOne %v is not shorter than Quiet %v", w.opts.QuietOne, w.opts.Quiet)
				}
				dir := t.TempDir()
				var paths []string
				for i, data := range tt.files {
					p := filepath.Join(dir, fmt.Sprintf("f%d.md", i))
					if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
						t.Fatal(err)
					}
					paths = append(paths, p)
				}
				sendAll(w, paths, time.Millisecond)
				last := time.Now()
				batch := <-w.out
				if got, want := time.Since(last), tt.quietly(w.opts); got != want {
					t.Errorf("batch came %v after the last event, want %v", got, want)
				}
				if !reflect.DeepEqual(batchPaths(batch), paths) {
					t.Errorf("batch %v, want %v", batchPaths(batch), paths)
				}
			})
		})
	}
}
