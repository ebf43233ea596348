package server

import (
	_ "embed"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server. The zero value is ready to use.
type Options struct {
	// Navigate makes browsers jump to the page whose source was just edited
	// (folio serve --navigate).
	Navigate bool
	// Follow makes browsers scroll to the first block an edit changed when
	// it is off screen (folio serve --follow).
	Follow bool
	// Logf receives one line per notable event; nil discards them.
	Logf func(format string, args ...any)
	// Heartbeat is the interval of the keep-alive comment on each event
	// stream; zero means 15s. Proxies and browsers drop idle streams, and a
	// failed write is how the server learns that a browser went away.
	Heartbeat time.Duration
	// Bind is the address the preview listens on (folio serve --bind) and
	// Port its port: a request whose Host header names neither Bind,
	// localhost nor a loopback IP, or another port, is refused with 403
	// (host.go). Port 0 leaves the port unchecked. When Bind is 0.0.0.0 or
	// ::, any IP address is accepted too, and the names in Names (the
	// machine's host name).
	Bind  string
	Port  int
	Names []string
}

// BuildError is one failure (or warning) of a build, as the overlay shows it.
type BuildError struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // 0 when unknown
	Message string `json:"message"`
	Source  string `json:"source"` // the offending source line; may be ""
}

// Server serves the latest published snapshot and tells browsers about new
// ones. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	handler http.Handler
	snap    atomic.Pointer[snapshot]

	// mu orders Publish, PublishError and subscriptions, so every browser
	// sees events in version order and a new stream's hello is consistent
	// with the events that follow it.
	mu      sync.Mutex
	clients map[*client]struct{}
	errs    []BuildError    // current build errors; nil after a good build
	warns   []BuildError    // the warnings of the failed build; nil after a good build
	refused map[string]bool // hosts refused so far, logged once each
	closed  bool
	done    chan struct{}
	// clientsChanged is closed and replaced whenever clients changes, so a
	// caller can wait for a browser to connect or leave without polling.
	clientsChanged chan struct{}
}

// Paths under /_folio/ belong to the server and shadow site files there.
const (
	scriptPath  = "/_folio/live.js"
	eventsPath  = "/_folio/events"
	versionPath = "/_folio/version"
)

var (
	//go:embed morph.js
	morphJS string
	//go:embed live.js
	liveJS string
	// liveScript is the script injected into every page: the morph and the
	// client, in one function scope so that they add no globals.
	liveScript = []byte("(() => {\n'use strict';\n" + morphJS + liveJS + "})();\n")
)

// New returns a Server with an empty site at version 0; every path is 404
// until the first Publish.
func New(opts Options) *Server {
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	s := &Server{
		opts:           opts,
		clients:        make(map[*client]struct{}),
		done:           make(chan struct{}),
		clientsChanged: make(chan struct{}),
		refused:        make(map[string]bool),
	}
	s.snap.Store(&snapshot{})
	s.handler = http.HandlerFunc(s.route)
	return s
}

// Handler returns the HTTP handler for the site and the /_folio/ endpoints.
func (s *Server) Handler() http.Handler { return s.handler }

// Version returns the version of the current snapshot. It grows by one with
// each Publish that changes at least one file.
func (s *Server) Version() uint64 { return s.snap.Load().version }

// Publish swaps in a complete new site snapshot atomically. files maps slash
// paths relative to the site root ("index.html", "css/site.css") to contents;
// Publish keeps the byte slices (callers must not modify them afterwards) but
// not the map. Unchanged files are detected by pointer equality first, then
// bytes.Equal. edited lists the URL paths ("/book/chapter-one/") of pages
// whose source the user just edited; it drives --navigate. Publish clears the
// build errors, notifies every browser, and returns the sorted file paths that
// were added, changed or removed. A Publish that changes nothing keeps the
// version but still clears the errors and notifies.
//
// It panics when a key is not a valid relative slash path: the build made it.
func (s *Server) Publish(files map[string][]byte, edited []string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.snap.Load()
	next, changed := nextSnapshot(prev, files)
	s.snap.Store(next)
	s.errs, s.warns = nil, nil
	urls := make([]string, len(changed))
	for i, name := range changed {
		urls[i] = urlForFile(name)
	}
	if edited == nil {
		edited = []string{}
	}
	s.broadcastChangeLocked(prev, next, changeEvent{
		Version:  next.version,
		Changed:  urls,
		Edited:   edited,
		CSSOnly:  cssOnly(changed),
		Styles:   next.styles,
		Navigate: s.opts.Navigate,
		Follow:   s.opts.Follow,
	})
	s.logf("live reload: version %d, %d files changed, %d browsers notified", next.version, len(changed), len(s.clients))
	return changed
}

// PublishError shows build errors as an overlay over the last good page in
// every open browser, and in every browser that connects until the next
// Publish, with the warnings the failed build found (which often explain
// an error: a post left out, then the links to it broken). The site keeps
// serving the last good snapshot. An empty errs clears the overlay, and
// drops warnings: they show with errors only.
func (s *Server) PublishError(errs, warnings []BuildError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs, s.warns = nil, nil
	if len(errs) > 0 {
		s.errs = slices.Clone(errs)
		s.warns = slices.Clone(warnings)
	}
	s.broadcastLocked("build-error", errorEvent{Errors: s.currentErrorsLocked(), Warnings: s.currentWarningsLocked()})
	s.logf("live reload: %d build errors and %d warnings shown to %d browsers", len(s.errs), len(s.warns), len(s.clients))
}

// Close ends every event stream and refuses new ones, so that
// http.Server.Shutdown and httptest.Server.Close do not wait on them.
// Pages and assets are still served. Close is idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// route dispatches by hand rather than with http.ServeMux: the mux would
// clean "/a/../b" and redirect, where the site wants to refuse it.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !s.allowedHost(r.Host) {
		s.refuseHost(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview server only answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		writeBody(w, r, http.StatusOK, liveScript)
	case eventsPath:
		s.serveEvents(w, r)
	case versionPath:
		s.serveVersion(w, r)
	default:
		s.serveSite(w, r)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// cssOnly reports whether every changed file is a stylesheet, in which case
// browsers swap stylesheets instead of reloading.
func cssOnly(changed []string) bool {
	return len(changed) > 0 && !slices.ContainsFunc(changed, func(name string) bool { return !isStylesheet(name) })
}
