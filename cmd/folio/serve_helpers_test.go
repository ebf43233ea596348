package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitLimit bounds every wait of the serve tests; none of them sleeps.
const waitLimit = 30 * time.Second

// lockedBuffer collects the output of a serve running in another goroutine.
type lockedBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{} // closed and replaced on every write
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written != nil {
		close(b.written)
		b.written = nil
	}
	return b.buf.Write(p)
}

// waitFor waits until the output holds want: serve prints its line for a
// rebuild after it has published the build, so the line can follow the
// browser's event.
func (b *lockedBuffer) waitFor(t testing.TB, want string) {
	t.Helper()
	b.waitForN(t, want, 1)
}

// waitForN waits until the output holds want n times.
func (b *lockedBuffer) waitForN(t testing.TB, want string, n int) {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		b.mu.Lock()
		if strings.Count(b.buf.String(), want) >= n {
			b.mu.Unlock()
			return
		}
		if b.written == nil {
			b.written = make(chan struct{})
		}
		written := b.written
		b.mu.Unlock()
		select {
		case <-written:
		case <-deadline:
			t.Fatalf("the terminal did not say %q (%d times):\n%s", want, n, b.String())
		}
	}
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// running is a folio serve started by a test.
type running struct {
	t      testing.TB
	url    string
	out    *lockedBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServe runs serve as folio serve does, and returns once the first
// build is served.
func startServe(t testing.TB, f serveFlags) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, out: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() { r.done <- serve(ctx, f, newConsole(r.out, r.out), func(url string) { ready <- url }) }()
	select {
	case r.url = <-ready:
	case err := <-r.done:
		t.Fatalf("serve ended before serving: %v\n%s", err, r.out)
	case <-time.After(5 * waitLimit):
		t.Fatalf("serve did not serve its first build in time\n%s", r.out)
	}
	t.Cleanup(r.stop)
	return r
}

// stop ends the serve as Ctrl-C does and waits for it to return.
func (r *running) stop() {
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			r.t.Errorf("serve: %v", err)
		}
		r.done <- nil // stop is idempotent
	case <-time.After(waitLimit):
		r.t.Errorf("serve did not stop")
	}
}

// get fetches a path of the running site.
func (r *running) get(path string) (int, string) {
	r.t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// events is the preview's event stream, as a browser showing page sees it.
type events struct {
	got chan event // heartbeats left out
}

type event struct{ name, data string }

func (r *running) events(page string) *events {
	r.t.Helper()
	resp, err := http.Get(r.url + "_folio/events?path=" + page)
	if err != nil {
		r.t.Fatal(err)
	}
	ev := &events{got: make(chan event, 64)}
	go func() {
		defer close(ev.got)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var e event
		for sc.Scan() {
			line := sc.Text()
			if name, ok := strings.CutPrefix(line, "event: "); ok {
				e.name = name
			} else if data, ok := strings.CutPrefix(line, "data: "); ok {
				e.data = data
			} else if line == "" && e.name != "" {
				ev.got <- e
				e = event{}
			}
		}
	}()
	r.t.Cleanup(func() { resp.Body.Close() })
	return ev
}

// waitFor waits for the next event named name whose data holds has.
func (ev *events) waitFor(t testing.TB, name, has string) event {
	t.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case e, ok := <-ev.got:
			if !ok {
				t.Fatalf("event stream ended before a %q event", name)
			}
			if e.name == name && strings.Contains(e.data, has) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %q event with %q in time", name, has)
		}
	}
}

// copySample copies the repository's sample site into a new folder.
func copySample(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", "..", name))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "folio.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "folio.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// saveLikeVim saves a file the way vim, JetBrains and VS Code do: the new
// contents go into a file beside it, which is renamed over the old one.
func saveLikeVim(t testing.TB, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}
