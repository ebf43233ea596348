package main

import (
	"net/http"
	"path"
	"strings"
	"sync"

	sitepreview "folio/internal/preview"
	"folio/internal/server"
)

// firstPages serves, while the first build of folio serve runs, each page a
// browser asks for as soon as the build has rendered it: the request asks
// the build's Priority for the page's file, which the page stage then
// renders before the rest, waits for it, and publishes the files written
// so far, so that the page, its stylesheets and the live-reload script are
// served from the server's snapshot as after any publish. The first full
// publish replaces that partial snapshot; from then on firstPages steps
// aside. Pages rendered with the lists (home, blog and tag indexes) come
// with the whole first build.
type firstPages struct {
	next http.Handler
	prio *sitepreview.Priority
	srv  *server.Server

	mu   sync.Mutex
	done bool // the first build is over: published, or failed
}

func newFirstPages(next http.Handler, srv *server.Server) *firstPages {
	return &firstPages{next: next, prio: sitepreview.NewPriority(), srv: srv}
}

func (f *firstPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	done := f.done
	f.mu.Unlock()
	if done || (r.Method != http.MethodGet && r.Method != http.MethodHead) || strings.HasPrefix(r.URL.Path, "/_folio/") {
		f.next.ServeHTTP(w, r)
		return
	}
	select {
	case <-f.prio.Want(fileOfURL(r.URL.Path)):
	case <-r.Context().Done():
		return
	}
	f.mu.Lock()
	if !f.done {
		f.srv.Publish(f.prio.Files(), nil)
	}
	f.mu.Unlock()
	f.next.ServeHTTP(w, r)
}

// finish runs publish (the first build's, or nothing when it failed) and
// ends the partial publishing: requests still waiting go on to the full
// snapshot.
func (f *firstPages) finish(publish func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	publish()
	if !f.done {
		f.done = true
		f.prio.Stop()
	}
}

// fileOfURL is the output file a request path names: "/" and "/a/b/" are
// folders' index.html, and so is "/a/b" when its last part has no
// extension.
func fileOfURL(p string) string {
	rel := strings.TrimPrefix(p, "/")
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		return rel + "index.html"
	case path.Ext(rel) == "":
		return rel + "/index.html"
	}
	return rel
}
