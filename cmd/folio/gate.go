package main

import (
	"net/http"
	"strings"
	"sync"
)

// gate holds requests for files that a build is still redoing (the print
// edition and EPUB of a book after an edit to one of its chapters) until
// the new versions are published, so that no one is served the version
// from before the edit once the edit's pages are out.
type gate struct {
	next http.Handler

	mu   sync.Mutex
	held map[string]bool // URL paths
	done chan struct{}   // closed when the held files are published
}

func newGate(next http.Handler) *gate {
	return &gate{next: next, held: map[string]bool{}, done: make(chan struct{})}
}

// hold makes requests for files (slash paths from the site root) wait until
// release is called.
func (g *gate) hold(files []string) (release func()) {
	g.mu.Lock()
	for _, f := range files {
		for _, u := range urlsOf(f) {
			g.held[u] = true
		}
	}
	done := g.done
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.held = map[string]bool{}
		close(done)
		g.done = make(chan struct{})
	}
}

// urlsOf lists the request paths that reach a file.
func urlsOf(file string) []string {
	if dir, ok := strings.CutSuffix(file, "index.html"); ok {
		dir = "/" + dir
		return []string{dir, dir + "index.html", strings.TrimSuffix(dir, "/")}
	}
	return []string{"/" + file}
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	held, done := g.held[r.URL.Path], g.done
	g.mu.Unlock()
	if held {
		select {
		case <-done:
		case <-r.Context().Done():
			return
		}
	}
	g.next.ServeHTTP(w, r)
}
