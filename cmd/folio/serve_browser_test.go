package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/chromium"
)

// tab is the browser tab of TestBrowserPreview and the chapter it shows.
type tab struct {
	t    *testing.T
	ctx  context.Context
	file string // the chapter's source
}

// evalJS evaluates expr in the page.
func evalJS[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// wait waits until expr is true in the page. A reload ends a poll, so it
// polls again in the new document until the time is up.
func (tb *tab) wait(what, expr string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, waitLimit)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		_, last = chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
			chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		if last == nil {
			return
		}
	}
	tb.t.Fatalf("waiting for %s (%s): %v", what, expr, errors.Join(last, ctx.Err()))
}

// save writes the chapter the way vim does, with edit applied to it.
func (tb *tab) save(edit func(string) string) {
	tb.t.Helper()
	src, err := os.ReadFile(tb.file)
	if err != nil {
		tb.t.Fatal(err)
	}
	saveLikeVim(tb.t, tb.file, []byte(edit(string(src))))
}

func shows(text string) string {
	return fmt.Sprintf(`document.readyState === 'complete' && document.body.innerText.includes(%q)`, text)
}

const (
	liveState  = `document.querySelector('script[src="/_folio/live.js"]')?.dataset.state`
	overlay    = `(document.getElementById('folio-error-overlay')?.shadowRoot?.textContent ?? '')`
	headingTop = `document.getElementById('keeping-it-honest').getBoundingClientRect().top`
)

// TestBrowserPatchKeepsState saves a chapter several times while it is open
// in Chromium with a <details> expanded: every save is patched in (no
// reload: a marker on window survives), the details stay open, and the
// document is the page a fresh load would give, apart from the marks of
// the live script and the reader. The new page comes with each change:
// the script never fetches it.
func TestBrowserPatchKeepsState(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the browser test")
	}
	ctx := chromium.Context(t, chromedp.WindowSize(1000, 600))
	dir := copySample(t)
	appendFile(t, filepath.Join(dir, "folio.yaml"), "\nunsafe_html: true\n")
	tb := &tab{t: t, ctx: ctx, file: filepath.Join(dir, "content/book/part-1-the-relationship/partnership.md")}
	tb.save(func(s string) string {
		return s + "\n<details id=\"notes\"><summary>Notes</summary>\n\nKept open by the reader.\n\n</details>\n"
	})
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+strings.TrimPrefix(chapterPath, "/"))); err != nil {
		t.Fatal(err)
	}
	tb.wait("the preview connection", liveState+` === 'live'`)
	evalJS[chromedp.Void](tb, `window.sameDocument = true; document.getElementById('notes').open = true`)
	for i := range 5 {
		marker := fmt.Sprintf("Saved paragraph number %d.", i)
		tb.save(func(s string) string { return strings.Replace(s, "\n## ", "\n"+marker+"\n\n## ", 1) })
		tb.wait("save "+marker, shows(marker))
		if !evalJS[bool](tb, `window.sameDocument === true`) {
			t.Fatalf("save %d: the page was reloaded instead of patched", i)
		}
		if !evalJS[bool](tb, `document.getElementById('notes').open`) {
			t.Errorf("save %d: the open <details> closed", i)
		}
	}
	if n := evalJS[int](tb, pageFetches); n > 0 {
		t.Errorf("the script fetched the page %d times; each change should have carried it", n)
	}
	fresh, err := os.ReadFile("../../internal/server/testdata/fresh-dom.js")
	if err != nil {
		t.Fatal(err)
	}
	if diff := evalAwait[string](tb, string(fresh)); diff != "" {
		t.Errorf("the patched page differs from a fresh load:\n%s", diff)
	}
}

// pageFetches counts the page's own scripts' fetches of the page itself.
const pageFetches = `performance.getEntriesByType('resource').filter((r) =>
	r.initiatorType === 'fetch' && new URL(r.name).pathname === location.pathname).length`

// evalAwait evaluates an expression that returns a promise.
func evalAwait[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func appendFile(t testing.TB, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserPreview drives the author's loop in a real browser against
// the real folio serve: a chapter open and scrolled, an edit saved by
// renaming a new file over the old one, the new text in place with the
// reader's place kept; a broken front matter shown over the page with file
// and line, gone once fixed; the server stopped and started again on the
// same port, and the page carrying on with it.
func TestBrowserPreview(t *testing.T) {
	ctx := chromium.Context(t, chromedp.WindowSize(1000, 600))
	dir := copySample(t)
	tb := &tab{t: t, ctx: ctx, file: filepath.Join(dir, "content/book/part-1-the-relationship/partnership.md")}
	// Long enough to scroll, whatever the window.
	tb.save(func(s string) string { return s + strings.Repeat("\nA closing paragraph to scroll past.\n", 40) })
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+strings.TrimPrefix(chapterPath, "/"))); err != nil {
		t.Fatal(err)
	}
	tb.wait("the preview connection", liveState+` === 'live'`)

	t.Log("an edit saved above the reader's place shows in place, the place kept")
	evalJS[chromedp.Void](tb, `document.getElementById('keeping-it-honest').scrollIntoView(); window.scrollBy(0, 80); window.sameDocument = true`)
	before := evalJS[float64](tb, headingTop)
	tb.save(func(s string) string {
		return strings.Replace(s, "\n## ", "\nMarker one, saved from the editor.\n\n"+strings.Repeat("A new paragraph above.\n\n", 12)+"## ", 1)
	})
	tb.wait("the saved text", shows("Marker one, saved from the editor."))
	if !evalJS[bool](tb, `window.sameDocument === true`) {
		t.Error("the page was reloaded instead of patched in place")
	}
	if after := evalJS[float64](tb, headingTop); math.Abs(after-before) > 2 || before > -40 {
		t.Errorf("the heading the reader was at moved from %v to %v (px from the top of the window)", before, after)
	}

	t.Log("broken front matter shows over the page with file and line, and goes once fixed")
	tb.save(func(s string) string { return strings.Replace(s, "title:", "title: [unclosed", 1) })
	tb.wait("the error overlay", overlay+`.includes('content/book/part-1-the-relationship/partnership.md:2') && `+
		overlay+`.includes('malformed YAML') && `+overlay+`.includes('title: [unclosed')`)
	tb.save(func(s string) string {
		return strings.Replace(strings.Replace(s, "title: [unclosed", "title:", 1), "Marker one", "Marker two", 1)
	})
	tb.wait("the fixed page without overlay", shows("Marker two")+` && !document.getElementById('folio-error-overlay')`)

	t.Log("the page reconnects to a server started again on the same port")
	u, err := url.Parse(r.url)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(u.Port())
	r.stop()
	tb.wait("the page to notice the server is gone", liveState+` === 'reconnecting'`)
	startServe(t, serveFlags{source: dir, bind: "127.0.0.1", port: port})
	tb.wait("the page to reconnect", liveState+` === 'live'`)
	tb.save(func(s string) string { return strings.Replace(s, "Marker two", "Marker three", 1) })
	tb.wait("an edit after the restart", shows("Marker three"))
}
