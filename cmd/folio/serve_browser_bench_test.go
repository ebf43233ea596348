package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/chromium"
)

// The browser benchmarks time what the author sees: a chapter open in
// headless Chromium, a plain save of its first paragraph, and the time
// from the save to the frame that shows the new words:
//
//	go test ./cmd/folio -run '^$' -bench BrowserEdit -benchtime 1x
//
// The page notes the time itself (Date.now() in the first animation frame
// after a mutation brings the words), so the figure includes the server's
// build, the event, the fetch, the patch and the layout. A reload would
// lose the page's marker on window and is counted as one.

func benchmarkBrowserEdit(b *testing.B, dir, file, page string) {
	ctx := chromium.Context(b, chromedp.WindowSize(1280, 800))
	r := startServe(b, serveFlags{source: dir, bind: "127.0.0.1"})
	r.get("/book/print/") // the first build's whole-book files, out of the way
	file = filepath.Join(dir, file)
	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+strings.TrimPrefix(page, "/"))); err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.__sameDocument = true`)); err != nil {
		b.Fatal(err)
	}
	var seen []time.Duration
	reloads, n := 0, 0
	for b.Loop() {
		for range benchEdits {
			n++
			marker := fmt.Sprintf("Browser edit number %d.", n)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](fmt.Sprintf(watchFor, marker))); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			edited := strings.Replace(string(src), "\n\n", "\n\n"+marker+" ", 1)
			if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
				b.Fatal(err)
			}
			at, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.__seen`, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatalf("edit %d: %v", n, err)
			}
			seen = append(seen, time.UnixMilli(int64(at)).Sub(start.Truncate(time.Millisecond)))
			if same, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__sameDocument === true`)); !same {
				reloads++
				_, _ = chromedp.Run(ctx, chromedp.Evaluate[any](`window.__sameDocument = true`))
			}
		}
	}
	report(b, "", seen)
	b.ReportMetric(float64(reloads), "reloads")
}

// watchFor makes window.__seen a promise of the time (Date.now()) of the
// first frame in which the page's main text holds the marker.
const watchFor = `(() => {
	const marker = %q;
	window.__seen = new Promise((resolve) => {
		const has = () => (document.querySelector('main') || document.body).textContent.includes(marker);
		const obs = new MutationObserver(() => {
			if (!has()) return;
			obs.disconnect();
			requestAnimationFrame(() => resolve(Date.now()));
		});
		obs.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
	});
})()`

func BenchmarkBrowserEditSample(b *testing.B) {
	benchmarkBrowserEdit(b, copySample(b), "content/book/part-1-the-relationship/partnership.md", chapterPath)
}

func BenchmarkBrowserEdit1000(b *testing.B) {
	dir := benchCorpus(b, 1000)
	file, page := benchChapter(b, dir)
	benchmarkBrowserEdit(b, dir, file, page)
}

func BenchmarkBrowserEdit10000(b *testing.B) {
	dir := benchCorpus(b, 10000)
	file, page := benchChapter(b, dir)
	benchmarkBrowserEdit(b, dir, file, page)
}
