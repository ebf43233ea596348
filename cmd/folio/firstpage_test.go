package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/corpus"
)

// startServeAsking runs serve as folio serve does and asks for page as soon
// as the server listens, before the first build has ended. It returns the
// answer, how long after the start it came, and the serve, once its first
// build is served.
func startServeAsking(t testing.TB, f serveFlags, page string) (code int, body string, took time.Duration, r *running) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r = &running{t: t, out: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	listening, ready := make(chan string, 1), make(chan struct{})
	f.listening = func(url string) { listening <- url }
	start := time.Now()
	go func() { r.done <- serve(ctx, f, newConsole(r.out, r.out), func(string) { close(ready) }) }()
	select {
	case r.url = <-listening:
	case err := <-r.done:
		t.Fatalf("serve ended before listening: %v\n%s", err, r.out)
	}
	code, body = r.get(page)
	took = time.Since(start)
	select {
	case <-ready:
	case err := <-r.done:
		t.Fatalf("serve ended before serving: %v\n%s", err, r.out)
	case <-time.After(5 * waitLimit):
		t.Fatalf("serve did not serve its first build in time\n%s", r.out)
	}
	t.Cleanup(r.stop)
	return code, body, took, r
}

// A page asked for while the first build runs is served as soon as the
// build has rendered it (the build renders it first), with its stylesheet,
// and it is the page the whole build publishes.
func TestServeAnswersDuringFirstBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(dir, corpus.Spec{Pages: 150, Words: 100, Photos: -1, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	_, page := benchChapter(t, dir)
	code, early, _, r := startServeAsking(t, serveFlags{source: dir, bind: "127.0.0.1"}, page)
	if code != 200 || !strings.Contains(early, "<h1>") {
		t.Fatalf("first page: %d\n%s", code, early)
	}
	if _, after := r.get(page); after != early {
		t.Error("the page served during the first build differs from the one the build published")
	}
	// The page came from a partial publish (version 1), not from the
	// whole build (version 2): the request, sent as the server listened,
	// came long before a build of 150 pages could end.
	if _, v := r.get("/_folio/version"); !strings.Contains(v, `"version":2,`) {
		t.Errorf("version after the first build: %s, want 2 (a partial publish, then the whole build)", v)
	}
	if code, css := r.get("/css/folio.css"); code != 200 || css == "" {
		t.Errorf("stylesheet: %d", code)
	}
}
