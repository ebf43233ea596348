package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/chromium"
)

// newBrowser starts a headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return chromium.Context(t, chromedp.WindowSize(1000, 700))
}

// liveServer is a Server on a real port that can be restarted on that port.
type liveServer struct {
	t    *testing.T
	addr string
	s    *Server
	hs   *http.Server
	// refused receives when an event stream request was answered 503, as
	// the server does between Close and shutdown.
	refused chan struct{}
}

func startLiveServer(t *testing.T, addr string, s *Server) *liveServer {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening on %s: %v", addr, err)
	}
	ls := &liveServer{t: t, addr: ln.Addr().String(), s: s, refused: make(chan struct{}, 1)}
	ls.hs = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		s.Handler().ServeHTTP(rec, r)
		if r.URL.Path == eventsPath && rec.status == http.StatusServiceUnavailable {
			select {
			case ls.refused <- struct{}{}:
			default:
			}
		}
	})}
	go func() { _ = ls.hs.Serve(ln) }()
	t.Cleanup(ls.stop)
	return ls
}

// statusRecorder notes the status; Unwrap keeps http.ResponseController
// (flushing the event stream) working through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (ls *liveServer) url(p string) string { return "http://" + ls.addr + p }

func (ls *liveServer) stop() {
	ls.s.Close()
	if err := ls.hs.Close(); err != nil {
		ls.t.Errorf("closing the HTTP server: %v", err)
	}
}

// evalJS evaluates expr in the current page.
func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitJS waits until expr is truthy in the page. A reload destroys a running
// poll, so it polls again in the new document until the deadline.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		_, last = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		if last == nil {
			return
		}
	}
	t.Fatalf("waiting for %s (%s): %v", what, expr, errors.Join(last, ctx.Err()))
}

// chapterPage is a long page of sections s1..s12. extra paragraphs go into
// section s2, above the section the test reads.
func chapterPage(marker string, extra int) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><link rel="stylesheet" href="/css/site.css"></head><body>`)
	fmt.Fprintf(&b, "<p id=marker>%s</p>", marker)
	for s := 1; s <= 12; s++ {
		fmt.Fprintf(&b, `<h2 id="s%d">Section %d</h2>`, s, s)
		n := 8
		if s == 2 {
			n += extra
		}
		for range n {
			b.WriteString("<p>" + strings.Repeat("A coach listens more than she talks. ", 12) + "</p>")
		}
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

func browserSite(marker string, extra int, color string) map[string][]byte {
	return map[string][]byte{
		"index.html":       chapterPage(marker, extra),
		"other/index.html": []byte("<html><body><p id=marker>other page</p></body></html>"),
		"css/site.css":     []byte("body { color: " + color + "; }"),
	}
}

const (
	markerIs = `document.readyState === 'complete' && document.getElementById('marker')?.textContent === %q`
	isLive   = `document.querySelector('script[src="/_folio/live.js"]')?.dataset.state === 'live'`
)

// TestBrowserLivePreview drives a real browser through the drafting loop:
// a patch in place keeping the reader's place, the error overlay, CSS swaps
// without reload, a server restart, and --navigate. The steps share one tab and run
// in order.
func TestBrowserLivePreview(t *testing.T) {
	p := &preview{t: t, ctx: newBrowser(t)}
	s := New(Options{Logf: t.Logf})
	s.Publish(browserSite("version one", 0, "rgb(10, 20, 30)"), nil)
	p.ls = startLiveServer(t, "127.0.0.1:0", s)
	p.open("/")
	waitForClients(t, s, 1)

	p.patchKeepsPlace()
	p.errorOverlay()
	p.fixClearsOverlay()
	p.otherChangesDoNotReload()
	p.restart()
	p.navigateToEdited()
}

// preview is the browser tab and the server of TestBrowserLivePreview.
type preview struct {
	t   *testing.T
	ctx context.Context
	ls  *liveServer
}

func (p *preview) open(path string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.ls.url(path))); err != nil {
		p.t.Fatalf("opening %s: %v", path, err)
	}
}

func (p *preview) patchKeepsPlace() {
	t, ctx := p.t, p.ctx
	t.Log("a patch keeps the reader at the same heading when text is inserted above it, without a reload")
	evalJS[chromedp.Void](t, ctx, `document.getElementById('s6').scrollIntoView(); window.scrollBy(0, 120); window.__sameDocument = true`)
	before := evalJS[float64](t, ctx, `window.scrollY`)
	if top := evalJS[float64](t, ctx, `document.getElementById('s6').getBoundingClientRect().top`); math.Abs(top+120) > 2 {
		t.Fatalf("setup: heading s6 at %v, want -120", top)
	}
	p.ls.s.Publish(browserSite("version two", 20, "rgb(10, 20, 30)"), []string{"/"})
	waitJS(t, ctx, "the patch with version two", fmt.Sprintf(markerIs, "version two"))
	if !evalJS[bool](t, ctx, `window.__sameDocument === true`) {
		t.Fatal("the page was reloaded instead of patched")
	}
	top := evalJS[float64](t, ctx, `document.getElementById('s6').getBoundingClientRect().top`)
	after := evalJS[float64](t, ctx, `window.scrollY`)
	if math.Abs(top+120) > 2 || after < before+500 {
		t.Errorf("after the patch: heading s6 at %v (want -120), scrollY %v (was %v; text was inserted above)", top, after, before)
	}
}

const overlayShown = `((text) => text.includes('content/book/ch1.md:12') && text.includes('unclosed shortcode') &&
	text.includes('{{< note') && text.includes('And a warning') && text.includes('content/blog/post.markdown:3') &&
	text.includes('copied as a file'))(document.getElementById('folio-error-overlay')?.shadowRoot.textContent ?? '')`

func (p *preview) errorOverlay() {
	t, ctx := p.t, p.ctx
	t.Log("a build error shows an overlay, also to a page opened during the error")
	p.ls.s.PublishError([]BuildError{{File: "content/book/ch1.md", Line: 12, Message: "unclosed shortcode", Source: "{{< note"}},
		[]BuildError{{File: "content/blog/post.markdown", Line: 3, Message: "copied as a file, not made a page"}})
	waitJS(t, ctx, "the error overlay with the build's warning", overlayShown)
	warning := `getComputedStyle(document.getElementById('folio-error-overlay').shadowRoot.querySelector('.warning')).borderLeftColor`
	if got := evalJS[string](t, ctx, warning); got != "rgb(251, 191, 36)" {
		t.Errorf("the warning's border is %q, want the yellow of warnings", got)
	}
	style := `getComputedStyle(document.getElementById('folio-error-overlay').shadowRoot.querySelector('.panel'))`
	if got := evalJS[string](t, ctx, style+`.position + ' ' + `+style+`.zIndex`); got != "fixed 2147483647" {
		t.Errorf("overlay position and z-index %q", got)
	}
	p.open("/other/")
	waitJS(t, ctx, "the overlay on a newly opened page", overlayShown)
	p.open("/")
	waitJS(t, ctx, "the overlay back on the chapter", overlayShown)
}

func (p *preview) fixClearsOverlay() {
	p.t.Log("the next good build clears the overlay and patches the changed page")
	p.ls.s.Publish(browserSite("version three", 20, "rgb(10, 20, 30)"), nil)
	waitJS(p.t, p.ctx, "version three without overlay",
		fmt.Sprintf(markerIs, "version three")+` && !document.getElementById('folio-error-overlay')`)
}

func (p *preview) otherChangesDoNotReload() {
	t, ctx := p.t, p.ctx
	t.Log("a change to another page does not reload; a CSS change swaps styles without reload")
	evalJS[chromedp.Void](t, ctx, `window.__sameDocument = true`)
	site := browserSite("version three", 20, "rgb(10, 20, 30)")
	site["other/index.html"] = []byte("<p>other, edited</p>")
	p.ls.s.Publish(site, nil)
	site["css/site.css"] = []byte("body { color: rgb(40, 50, 60); }")
	p.ls.s.Publish(site, nil)
	waitJS(t, ctx, "the new text color", `getComputedStyle(document.body).color === 'rgb(40, 50, 60)'`)
	if !evalJS[bool](t, ctx, `window.__sameDocument === true`) {
		t.Error("the page reloaded for a change to another page or to CSS")
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll('link[rel=stylesheet]').length`); n != 1 {
		t.Errorf("%d stylesheet links after the swap, want 1", n)
	}
}

// restart closes the server, waits until the browser's reconnect has been
// refused with 503 (a plain EventSource gives up for good at that point),
// and starts a new server with a changed site on the same port.
func (p *preview) restart() {
	t := p.t
	t.Log("after a restart on the same port the page reconnects and catches up")
	p.ls.s.Close()
	select {
	case <-p.ls.refused:
	case <-time.After(waitTimeout):
		t.Fatal("the browser did not try to reconnect after Close")
	}
	p.ls.stop()
	s := New(Options{Navigate: true, Logf: t.Logf})
	s.Publish(browserSite("version six", 20, "rgb(70, 80, 90)"), nil)
	p.ls = startLiveServer(t, p.ls.addr, s)
	waitJS(t, p.ctx, "the patch after the restart", fmt.Sprintf(markerIs, "version six")+
		` && getComputedStyle(document.body).color === 'rgb(70, 80, 90)' && `+isLive)
	waitForClients(t, s, 1)
}

func (p *preview) navigateToEdited() {
	p.t.Log("--navigate takes the browser to the edited page")
	site := browserSite("version six", 20, "rgb(70, 80, 90)")
	site["other/index.html"] = []byte("<html><body><p id=marker>other seven</p></body></html>")
	p.ls.s.Publish(site, []string{"/other/"})
	waitJS(p.t, p.ctx, "navigation to /other/", `location.pathname === '/other/' && `+fmt.Sprintf(markerIs, "other seven"))
}
