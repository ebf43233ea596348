package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/chromium"
)

// TestServeSearchFollowsEdits types into the search box of folio serve a
// word that an edit has just added to a chapter: once the page shows the
// edit, the word must lead to that chapter (the preview holds the index
// until it is redone, and the client fetches it again after a change).
func TestServeSearchFollowsEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	ctx := chromium.Context(t, chromedp.WindowSize(1000, 700))
	dir := copySample(t)
	tb := &tab{t: t, ctx: ctx, file: filepath.Join(dir, "content/book/part-1-the-relationship/partnership.md")}
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+strings.TrimPrefix(chapterPath, "/"))); err != nil {
		t.Fatal(err)
	}
	tb.wait("the preview connection", liveState+` === 'live'`)
	const results = `[...document.querySelectorAll('#site-search-q-results [role=option]')].map(o => o.textContent).join('\n')`
	search := func(word string) {
		evalJS[chromedp.Void](tb, `(() => { const i = document.getElementById('site-search-q'); i.value = ''; i.focus(); })()`)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(word)); err != nil {
			t.Fatal(err)
		}
	}
	search("zeppelins")
	tb.wait("no result for a word the site lacks", results+`.includes('No results')`)

	tb.save(func(s string) string {
		return strings.Replace(s, "\n## ", "\nA paragraph about zeppelins, new in this edit.\n\n## ", 1)
	})
	tb.wait("the saved text", shows("about zeppelins"))
	search("zeppelins")
	tb.wait("the new word found", results+`.includes('Partnership') && !`+results+`.includes('No results')`)
}
