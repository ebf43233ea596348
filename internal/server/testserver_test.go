package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// waitTimeout bounds every wait for an event in these tests. It is a
// deadlock guard, never a measurement: generous, since the race detector
// on a loaded machine makes the busiest tests ten times slower.
const waitTimeout = 30 * time.Second

// newTestServer starts s on a real listener. Cleanup closes s first so the
// event streams end and httptest.Server.Close does not wait on them.
func newTestServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	s := New(opts)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close)
	return s, ts
}

// noRedirects is a client that reports redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       waitTimeout,
}

// fetch does one request and returns the response with its body read.
func fetch(t *testing.T, method, url string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, url, err)
	}
	return resp, string(body)
}

var (
	etagAttr   = regexp.MustCompile(`data-etag="([^"]*)"`)
	stylesAttr = regexp.MustCompile(`data-styles="([^"]*)"`)
)

// injectedETag returns the etag the server injected into a served page.
func injectedETag(t *testing.T, page string) string {
	t.Helper()
	return injectedAttr(t, etagAttr, page)
}

// injectedStyles returns the stylesheet fingerprint injected into a page.
func injectedStyles(t *testing.T, page string) string {
	t.Helper()
	return injectedAttr(t, stylesAttr, page)
}

func injectedAttr(t *testing.T, attr *regexp.Regexp, page string) string {
	t.Helper()
	m := attr.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no live script in page:\n%s", page)
	}
	return m[1]
}

// sseEvent is one parsed Server-Sent Event; comments have name ":".
type sseEvent struct {
	name string
	data string
}

// stream is an open /_folio/events connection read by a goroutine.
type stream struct {
	events <-chan sseEvent
	cancel context.CancelFunc
}

// openStream connects to the event stream for page and parses it.
func openStream(t *testing.T, baseURL, page string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+eventsPath+"?path="+page, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("opening event stream: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("event stream status %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	events := make(chan sseEvent, 64)
	go readEvents(resp.Body, events)
	return &stream{events: events, cancel: cancel}
}

func readEvents(body io.ReadCloser, out chan<- sseEvent) {
	defer close(out)
	defer body.Close()
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var ev sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				out <- ev
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, ":"):
			ev.name = ":"
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// next returns the next event that is not a heartbeat comment.
func (st *stream) next(t *testing.T) sseEvent {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatal("event stream ended")
			}
			if ev.name != ":" {
				return ev
			}
		case <-timeout:
			t.Fatal("no event within the timeout")
		}
	}
}

// nextAs reads the next event, checks its name and decodes its data.
func nextAs[T any](t *testing.T, st *stream, name string) T {
	t.Helper()
	ev := st.next(t)
	if ev.name != name {
		t.Fatalf("event %q (%s), want %q", ev.name, ev.data, name)
	}
	var v T
	if err := json.Unmarshal([]byte(ev.data), &v); err != nil {
		t.Fatalf("event %s data %q: %v", name, ev.data, err)
	}
	return v
}

// waitEnded waits for the server to end the stream.
func (st *stream) waitEnded(t *testing.T) {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		select {
		case _, ok := <-st.events:
			if !ok {
				return
			}
		case <-timeout:
			t.Fatal("event stream still open")
		}
	}
}

// waitForClients waits until exactly n event streams are registered.
func waitForClients(t *testing.T, s *Server, n int) {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		s.mu.Lock()
		count, changed := len(s.clients), s.clientsChanged
		s.mu.Unlock()
		if count == n {
			return
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatalf("%d event streams open, want %d", count, n)
		}
	}
}
