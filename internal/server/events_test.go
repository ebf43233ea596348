package server

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHelloCarriesPageETag(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	_, page := fetch(t, "GET", ts.URL+"/blog/partnership/")
	st := openStream(t, ts.URL, "/blog/partnership/")
	hello := nextAs[stateEvent](t, st, "hello")
	if hello.Version != 1 || hello.ETag != injectedETag(t, page) || len(hello.Errors) != 0 {
		t.Fatalf("hello %+v; want version 1, the page's etag, no errors", hello)
	}
	_, missing := fetch(t, "GET", ts.URL+"/nope/")
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/nope/"), "hello"); h.ETag != injectedETag(t, missing) {
		t.Errorf("hello etag %q for a 404 page, want the 404.html etag %q", h.ETag, injectedETag(t, missing))
	}
}

// TestHelloTellsReconnectingPageItIsStale is the reconnect protocol: a
// page's etag stays valid across publishes that do not touch it and goes
// stale when its file changes, even if the browser missed the event.
func TestHelloTellsReconnectingPageItIsStale(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	files := siteFiles()
	s.Publish(files, nil)
	_, page := fetch(t, "GET", ts.URL+"/")
	etag, styles := injectedETag(t, page), injectedStyles(t, page)
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello"); h.ETag != etag || h.Styles != styles || styles == "" {
		t.Fatalf("hello %+v disagrees with the page's etag %q and styles %q", h, etag, styles)
	}

	files["css/site.css"] = []byte("body{}")
	s.Publish(files, nil)
	h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello")
	if h.ETag != etag || h.Version != 2 || h.Styles == styles {
		t.Errorf("after a CSS change: hello %+v, want etag %q, version 2, styles other than %q", h, etag, styles)
	}
	styles = h.Styles

	files["index.html"] = []byte("<h1>Home, edited</h1>")
	s.Publish(files, nil)
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello"); h.ETag == etag || h.Styles != styles {
		t.Errorf("after the page changed: hello %+v, want a new etag and styles still %q", h, styles)
	}

	delete(files, "css/site.css")
	s.Publish(files, nil)
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello"); h.Styles == styles {
		t.Errorf("removing the stylesheet left the styles fingerprint at %q", styles)
	}

	delete(files, "index.html")
	delete(files, "404.html")
	s.Publish(files, nil)
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello"); h.ETag != "" {
		t.Errorf("after the page was removed: hello etag %q, want none", h.ETag)
	}
}

func TestPublishSendsChange(t *testing.T) {
	tests := []struct {
		name     string
		navigate bool
		edit     func(map[string][]byte)
		edited   []string
		want     changeEvent
	}{
		{"page", false, func(f map[string][]byte) { f["blog/partnership/index.html"] = []byte("new") },
			[]string{"/blog/partnership/"},
			changeEvent{Version: 2, Changed: []string{"/blog/partnership/"}, Edited: []string{"/blog/partnership/"}}},
		{"navigate flag", true, func(f map[string][]byte) { f["index.html"] = []byte("new") }, []string{"/"},
			changeEvent{Version: 2, Changed: []string{"/"}, Edited: []string{"/"}, Navigate: true}},
		{"css only", false, func(f map[string][]byte) { f["css/site.css"] = []byte("p{}") }, nil,
			changeEvent{Version: 2, Changed: []string{"/css/site.css"}, Edited: []string{}, CSSOnly: true}},
		{"added and removed", false, func(f map[string][]byte) { delete(f, "feed.xml"); f["new/index.html"] = []byte("n") }, nil,
			changeEvent{Version: 2, Changed: []string{"/feed.xml", "/new/"}, Edited: []string{}}},
		{"nothing", false, func(map[string][]byte) {}, []string{"/"},
			changeEvent{Version: 1, Changed: []string{}, Edited: []string{"/"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ts := newTestServer(t, Options{Navigate: tt.navigate})
			files := siteFiles()
			s.Publish(files, nil)
			st := openStream(t, ts.URL, "/")
			nextAs[stateEvent](t, st, "hello")
			tt.edit(files)
			returned := s.Publish(files, tt.edited)
			got := nextAs[changeEvent](t, st, "change")
			if !equalChange(got, tt.want) {
				t.Errorf("change event %+v, want %+v", got, tt.want)
			}
			if len(returned) != len(tt.want.Changed) {
				t.Errorf("Publish returned %q for URLs %q", returned, tt.want.Changed)
			}
		})
	}
}

func equalChange(a, b changeEvent) bool {
	return a.Version == b.Version && slices.Equal(a.Changed, b.Changed) && slices.Equal(a.Edited, b.Edited) &&
		a.CSSOnly == b.CSSOnly && a.Navigate == b.Navigate
}

func TestBuildErrorsReachOpenAndNewBrowsers(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	open := openStream(t, ts.URL, "/")
	nextAs[stateEvent](t, open, "hello")

	errs := []BuildError{{File: "content/book/ch1.md", Line: 12, Message: "unclosed shortcode", Source: "{{< note"}}
	warns := []BuildError{{File: "content/blog/post.markdown", Message: "copied as a file, not made a page"}}
	s.PublishError(errs, warns)
	if got := nextAs[errorEvent](t, open, "build-error"); !slices.Equal(got.Errors, errs) || !slices.Equal(got.Warnings, warns) {
		t.Errorf("build-error event %+v and %+v, want %+v and %+v", got.Errors, got.Warnings, errs, warns)
	}
	late := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello")
	if !slices.Equal(late.Errors, errs) || !slices.Equal(late.Warnings, warns) {
		t.Errorf("a browser connecting during the error got %+v and %+v, want %+v and %+v", late.Errors, late.Warnings, errs, warns)
	}
	if _, body := fetch(t, "GET", ts.URL+"/"); !strings.Contains(body, "<h1>Home</h1>") {
		t.Errorf("the last good page is no longer served: %q", body)
	}
	if v := versionState(t, ts.URL); !slices.Equal(v.Errors, errs) || !slices.Equal(v.Warnings, warns) {
		t.Errorf("/_folio/version errors %+v, warnings %+v", v.Errors, v.Warnings)
	}

	s.Publish(siteFiles(), nil)
	if got := nextAs[changeEvent](t, open, "change"); got.Version != 1 {
		t.Errorf("change after the fix: %+v", got)
	}
	if h := nextAs[stateEvent](t, openStream(t, ts.URL, "/"), "hello"); len(h.Errors)+len(h.Warnings) != 0 {
		t.Errorf("errors or warnings still reported after a good build: %+v, %+v", h.Errors, h.Warnings)
	}

	s.PublishError(errs, warns)
	s.PublishError(nil, warns)
	nextAs[errorEvent](t, open, "build-error")
	if got := nextAs[errorEvent](t, open, "build-error"); len(got.Errors)+len(got.Warnings) != 0 {
		t.Errorf("PublishError(nil, warnings) sent %+v and %+v, want empty lists that clear the overlay", got.Errors, got.Warnings)
	}
}

func versionState(t *testing.T, base string) stateEvent {
	t.Helper()
	resp, body := fetch(t, "GET", base+versionPath+"?path=/")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%s: status %d type %q", versionPath, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var st stateEvent
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestVersionEndpoint(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	_, page := fetch(t, "GET", ts.URL+"/")
	if st := versionState(t, ts.URL); st.Version != 1 || st.Version != s.Version() || st.ETag != injectedETag(t, page) {
		t.Errorf("version state %+v, want version 1 and the page etag", st)
	}
	for _, bad := range []string{"/../x", "x", "/a//b"} {
		if resp, _ := fetch(t, "GET", ts.URL+versionPath+"?path="+bad); resp.StatusCode != 400 {
			t.Errorf("?path=%s: status %d, want 400", bad, resp.StatusCode)
		}
		if resp, _ := fetch(t, "GET", ts.URL+eventsPath+"?path="+bad); resp.StatusCode != 400 {
			t.Errorf("events ?path=%s: status %d, want 400", bad, resp.StatusCode)
		}
	}
}

func TestLiveScriptServed(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	resp, body := fetch(t, "GET", ts.URL+scriptPath)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || body != string(liveScript) {
		t.Fatalf("live.js: status %d type %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	for _, name := range []string{"'hello'", "'change'", "'build-error'", "sessionStorage"} {
		if !strings.Contains(body, name) {
			t.Errorf("live.js does not mention %s", name)
		}
	}
}

func TestHeartbeat(t *testing.T) {
	_, ts := newTestServer(t, Options{Heartbeat: time.Millisecond})
	st := openStream(t, ts.URL, "/")
	nextAs[stateEvent](t, st, "hello")
	timeout := time.After(waitTimeout)
	for {
		select {
		case ev := <-st.events:
			if ev.name == ":" {
				return
			}
		case <-timeout:
			t.Fatal("no heartbeat comment")
		}
	}
}

func TestCloseEndsStreamsAndRefusesNew(t *testing.T) {
	s := New(Options{Logf: t.Logf})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	st := openStream(t, ts.URL, "/")
	nextAs[stateEvent](t, st, "hello")
	s.Close()
	st.waitEnded(t)
	if resp, _ := fetch(t, "GET", ts.URL+eventsPath); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("events after Close: status %d, want 503", resp.StatusCode)
	}
	s.Close() // idempotent
	if resp, _ := fetch(t, "GET", ts.URL+"/"); resp.StatusCode != 404 {
		t.Errorf("pages after Close: status %d, want them still served (404 on an empty site)", resp.StatusCode)
	}
	closed := make(chan struct{})
	go func() { ts.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(waitTimeout):
		t.Fatal("httptest.Server.Close hangs after Server.Close")
	}
}

func TestDisconnectedBrowserIsForgotten(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	st := openStream(t, ts.URL, "/")
	nextAs[stateEvent](t, st, "hello")
	waitForClients(t, s, 1)
	st.cancel()
	waitForClients(t, s, 0)
}

// TestSlowBrowserDoesNotBlockPublish holds a stream open without reading it,
// publishes far more than the socket buffers and the client channel can
// hold, and checks Publish never waits, and the stuck browser is dropped
// (its stream ends) rather than kept.
func TestSlowBrowserDoesNotBlockPublish(t *testing.T) {
	s, ts := newTestServer(t, Options{Logf: func(string, ...any) {}})
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET " + eventsPath + " HTTP/1.1\r\nHost: " + ts.Listener.Addr().String() + "\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	waitForClients(t, s, 1)

	const publishes = 300
	edited := []string{"/" + strings.Repeat("e", 100_000) + "/"} // ~100 KB per event, ~30 MB in all
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range publishes {
			s.Publish(map[string][]byte{"index.html": []byte{byte(i)}, "n": []byte{byte(i / 256)}}, edited)
		}
	}()
	select {
	case <-done:
	case <-time.After(waitTimeout):
		t.Fatal("Publish blocked on a browser that does not read")
	}
	waitForClients(t, s, 0)

	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the dropped stream to its end: %v", err)
	}
	if n := strings.Count(string(body), "event: change"); n >= publishes {
		t.Errorf("the stuck browser got all %d events; it should have been dropped", n)
	}
}

// TestChangeCarriesThePage checks that a browser whose page changed gets
// the new page with the change, exactly as a request for it answers, and
// that others get no page: a page that did not change, one answered with
// 404 or a redirect, a browser that did not say which page it shows.
func TestChangeCarriesThePage(t *testing.T) {
	tests := []struct {
		name, page string
		edit       func(map[string][]byte)
		carried    bool
	}{
		{"its page changed", "/blog/partnership/", func(f map[string][]byte) {
			f["blog/partnership/index.html"] = []byte("<html><body><p>Photo by Tom Crew, edited</p></body></html>")
		}, true},
		{"its page by its file name", "/blog/partnership/index.html", func(f map[string][]byte) {
			f["blog/partnership/index.html"] = []byte("<html><body><p>edited</p></body></html>")
		}, true},
		{"another page changed", "/", func(f map[string][]byte) {
			f["blog/partnership/index.html"] = []byte("<html><body><p>edited</p></body></html>")
		}, false},
		{"its page is missing", "/gone/", func(f map[string][]byte) { f["404.html"] = []byte("<html><body>lost</body></html>") }, false},
		{"its page redirects", "/blog/partnership", func(f map[string][]byte) {
			f["blog/partnership/index.html"] = []byte("<html><body><p>edited</p></body></html>")
		}, false},
		{"no page said", "", func(f map[string][]byte) { f["index.html"] = []byte("<html><body>new</body></html>") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ts := newTestServer(t, Options{})
			files := siteFiles()
			s.Publish(files, nil)
			st := openStream(t, ts.URL, tt.page)
			nextAs[stateEvent](t, st, "hello")
			tt.edit(files)
			s.Publish(files, nil)
			got := nextAs[changeEvent](t, st, "change")
			if !tt.carried {
				if got.Page != "" {
					t.Errorf("the change carried a page: %q", got.Page)
				}
				return
			}
			_, body := fetch(t, "GET", ts.URL+tt.page)
			if got.Page != body {
				t.Errorf("the change carried\n%q\nwhere a request answers\n%q", got.Page, body)
			}
		})
	}
}
