package main

import (
	"net/http"
	"strings"
	"sync"
)

// gate holds requests for files that the preview has yet to redo (the
// print edition and EPUB of a book after an edit to one of its chapters)
// until the new versions are published, so that no one is served the
// version from before the edit once the edit's pages are out. A held
// request also asks for the work: it is done at once instead of after the
// author's pause.
type gate struct {
	next http.Handler

	mu      sync.Mutex
	held    map[string]bool // URL paths
	changed chan struct{}   // closed and replaced whenever held changes
	// wanted receives (without blocking the request) when a request waits
	// for a held file.
	wanted chan struct{}
}

func newGate(next http.Handler) *gate {
	return &gate{next: next, held: map[string]bool{}, changed: make(chan struct{}), wanted: make(chan struct{}, 1)}
}

// hold makes requests for files (slash paths from the site root) wait until
// the next hold; hold() with none lets every request through.
func (g *gate) hold(files ...string) {
	held := map[string]bool{}
	for _, f := range files {
		for _, u := range urlsOf(f) {
			held[u] = true
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.held = held
	close(g.changed)
	g.changed = make(chan struct{})
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
	for {
		g.mu.Lock()
		held, changed := g.held[r.URL.Path], g.changed
		g.mu.Unlock()
		if !held {
			break
		}
		select {
		case g.wanted <- struct{}{}:
		default:
		}
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		}
	}
	g.next.ServeHTTP(w, r)
}
