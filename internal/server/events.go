package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// clientBuffer is how many events a browser may fall behind before it is
// dropped. Publish never waits for a browser.
const clientBuffer = 16

// event is one Server-Sent Event, already encoded.
type event struct {
	name string
	data []byte
}

// client is one open event stream, of a browser showing page (a clean
// URL path; "" when unknown).
type client struct {
	ch   chan event
	page string
}

// changeEvent is the "change" event each Publish sends. Paths are URL paths.
type changeEvent struct {
	Version  uint64   `json:"version"`
	Changed  []string `json:"changed"`
	Edited   []string `json:"edited"`
	CSSOnly  bool     `json:"cssOnly"`
	Styles   string   `json:"styles"` // see snapshot.styles
	Navigate bool     `json:"navigate"`
	Follow   bool     `json:"follow"`
	// Page is the new HTML of the browser's own page, exactly as a request
	// for it would answer now, when this Publish changed it (and it is
	// served with 200): the script patches from it without asking again.
	// "" otherwise.
	Page string `json:"page,omitempty"`
}

// errorEvent is the "build-error" event. It is not named "error" because
// EventSource fires its own "error" events for connection failures.
type errorEvent struct {
	Errors   []BuildError `json:"errors"`
	Warnings []BuildError `json:"warnings"`
}

// stateEvent is the "hello" event that opens every stream, and the body of
// /_folio/version. ETag is the etag of the file the asked-for page path
// resolves to now ("" for none): a page whose injected etag differs is stale.
// Styles likewise tells a page whether its stylesheets are. Both are content
// hashes, not versions, so they stay meaningful across a server restart.
type stateEvent struct {
	Version  uint64       `json:"version"`
	ETag     string       `json:"etag"`
	Styles   string       `json:"styles"`
	Errors   []BuildError `json:"errors"`
	Warnings []BuildError `json:"warnings"`
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic("server: encoding event: " + err.Error())
	}
	return data
}

func (s *Server) currentErrorsLocked() []BuildError {
	if s.errs == nil {
		return []BuildError{}
	}
	return s.errs
}

// currentWarningsLocked are the warnings shown with the current errors.
func (s *Server) currentWarningsLocked() []BuildError {
	if s.warns == nil {
		return []BuildError{}
	}
	return s.warns
}

// stateLocked describes the current snapshot as seen from the page at
// pagePath ("" for no page).
func (s *Server) stateLocked(pagePath string) stateEvent {
	snap := s.snap.Load()
	st := stateEvent{Version: snap.version, Styles: snap.styles, Errors: s.currentErrorsLocked(), Warnings: s.currentWarningsLocked()}
	if pagePath != "" {
		if e := snap.resolve(pagePath).entry; e != nil {
			st.ETag = e.etag
		}
	}
	return st
}

// broadcastLocked queues ev for every browser. A browser whose buffer is full
// is dropped: its stream ends, the script reconnects, and the hello event
// tells it whether its page went stale meanwhile. Dropping costs one
// reconnect; waiting would let one stuck tab stall every rebuild.
func (s *Server) broadcastLocked(name string, v any) {
	ev := event{name: name, data: mustJSON(v)}
	s.sendLocked(func(*client) event { return ev })
}

// broadcastChangeLocked sends the change from prev to next to every
// browser, with the new HTML of its page to each whose page changed (one
// encoding per page).
func (s *Server) broadcastChangeLocked(prev, next *snapshot, change changeEvent) {
	plain := event{name: "change", data: mustJSON(change)}
	byPage := map[string]event{}
	s.sendLocked(func(c *client) event {
		if c.page == "" || prev == next {
			return plain
		}
		ev, ok := byPage[c.page]
		if !ok {
			ev = plain
			if page := changedPage(prev, next, c.page); page != nil {
				withPage := change
				withPage.Page = string(page)
				ev = event{name: "change", data: mustJSON(withPage)}
			}
			byPage[c.page] = ev
		}
		return ev
	})
}

// sendLocked queues the event of each browser (see broadcastLocked).
func (s *Server) sendLocked(eventFor func(*client) event) {
	for c := range s.clients {
		select {
		case c.ch <- eventFor(c):
		default:
			s.removeClientLocked(c)
			s.logf("live reload: dropped a browser that fell %d events behind; it will reconnect", clientBuffer)
		}
	}
}

// subscribe registers a stream whose first event is the hello for pagePath.
// It fails once the server is closed.
func (s *Server) subscribe(pagePath string) (*client, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, false
	}
	c := &client{ch: make(chan event, clientBuffer), page: pagePath}
	c.ch <- event{name: "hello", data: mustJSON(s.stateLocked(pagePath))}
	s.clients[c] = struct{}{}
	s.clientsChangedLocked()
	return c, true
}

func (s *Server) unsubscribe(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[c]; ok {
		s.removeClientLocked(c)
	}
}

// removeClientLocked ends c's stream: its handler sees the closed channel.
func (s *Server) removeClientLocked(c *client) {
	delete(s.clients, c)
	close(c.ch)
	s.clientsChangedLocked()
}

func (s *Server) clientsChangedLocked() {
	close(s.clientsChanged)
	s.clientsChanged = make(chan struct{})
}

// pageParam reads the ?path= of the events and version endpoints: the page
// the browser shows, already percent-decoded by the script.
func pageParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	p := r.URL.Query().Get("path")
	if p == "" {
		return "", true
	}
	if clean, ok := cleanRequestPath(p); ok {
		return clean, true
	}
	http.Error(w, "400 bad request: path must be a plain site path", http.StatusBadRequest)
	return "", false
}

// serveVersion answers /_folio/version?path=/x/ with the same state the hello
// event carries, for tools that want to wait for a build.
func (s *Server) serveVersion(w http.ResponseWriter, r *http.Request) {
	page, ok := pageParam(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	body := mustJSON(s.stateLocked(page))
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, r, http.StatusOK, body)
}

// serveEvents holds one Server-Sent Events stream open until the browser
// leaves, the server closes, or the browser is dropped for falling behind.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	page, ok := pageParam(w, r)
	if !ok {
		return
	}
	c, ok := s.subscribe(page)
	if !ok {
		http.Error(w, "503 service unavailable: the preview server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.unsubscribe(c)
	rc := http.NewResponseController(w)
	// A WriteTimeout set on the http.Server would cut the stream; lift it.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	heartbeat := time.NewTicker(s.opts.Heartbeat)
	defer heartbeat.Stop()
	for {
		var err error
		select {
		case ev, open := <-c.ch:
			if !open {
				return
			}
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-heartbeat.C:
			_, err = fmt.Fprint(w, ": heartbeat\n\n")
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}
