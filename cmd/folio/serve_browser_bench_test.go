package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
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
	steps := &stepClock{}
	r := startServe(b, serveFlags{source: dir, bind: "127.0.0.1", trace: steps.note})
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
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	var seen []time.Duration
	parts := partTimes{}
	reloads, n := 0, 0
	for b.Loop() {
		for range benchEdits {
			n++
			marker := fmt.Sprintf("Browser edit number %d.", n)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](fmt.Sprintf(watchFor, marker))); err != nil {
				b.Fatal(err)
			}
			before := rendererMetrics(b, ctx)
			start := steps.reset()
			edited := strings.Replace(string(src), "\n\n", "\n\n"+marker+" ", 1)
			if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
				b.Fatal(err)
			}
			at, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.__seen`, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatalf("edit %d: %v", n, err)
			}
			seen = append(seen, msSince(start, at))
			marks, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](pageMarks))
			if err != nil {
				b.Fatal(err)
			}
			parts.add(start, steps.since(start), marks, at)
			parts.addWork(before, rendererMetrics(b, ctx))
			if same, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__sameDocument === true`)); !same {
				reloads++
				_, _ = chromedp.Run(ctx, chromedp.Evaluate[any](`window.__sameDocument = true`))
			}
		}
	}
	report(b, "", seen)
	parts.report(b)
	b.ReportMetric(float64(reloads), "reloads")
}

// watchFor makes window.__seen a promise of the time (Date.now()) of the
// first frame in which the page's main text holds the marker, and clears
// the page's marks of the previous edit.
const watchFor = `(() => {
	const marker = %q;
	performance.clearMarks();
	window.__seen = new Promise((resolve) => {
		const has = () => (document.querySelector('main') || document.body).textContent.includes(marker);
		const obs = new MutationObserver(() => {
			if (!has()) return;
			obs.disconnect();
			requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
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

// pageMarks reads the live script's marks of the last patch (the first of
// each name) as Unix times in milliseconds.
const pageMarks = `(() => {
	const at = {};
	for (const m of performance.getEntriesByType('mark')) {
		if (m.name.startsWith('folio:') && !(m.name in at)) at[m.name.slice(6)] = performance.timeOrigin + m.startTime;
	}
	return at;
})()`

// stepClock notes when each step of the server's rebuild ended (the first
// time after reset), as serveFlags.trace.
type stepClock struct {
	mu sync.Mutex
	at map[string]time.Time
}

func (c *stepClock) note(step string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.at[step]; !ok && c.at != nil {
		c.at[step] = time.Now()
	}
}

// reset forgets the steps noted so far and returns the time of the save
// about to be made.
func (c *stepClock) reset() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = map[string]time.Time{}
	return time.Now()
}

// since returns the steps noted after start, as milliseconds since it.
func (c *stepClock) since(start time.Time) map[string]float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]float64{}
	for step, at := range c.at {
		out[step] = float64(at.Sub(start).Microseconds()) / 1000
	}
	return out
}

// msSince is the time from start to at, a Unix time in milliseconds.
func msSince(start time.Time, at float64) time.Duration {
	return time.Duration(at*float64(time.Millisecond)) - time.Duration(start.UnixNano())
}

// browserParts are the parts of save → screen, each ending at a step of
// the server (batch, built, published) or a mark of the page (change,
// fetched, parsed, morphed, shown) or the frame (seen), in order.
var browserParts = []struct{ name, end string }{
	{"notice", "batch"},      // the watcher: the kernel's event and the quiet period
	{"build", "built"},       // the session's rebuild
	{"publish", "published"}, // the snapshot swapped in, the event queued
	{"event", "change"},      // the event on its way to the page
	{"notify", "patch"},
	{"fetch", "fetched"}, // the page asked for and read, unless the event carried it
	{"parse", "parsed"},  // DOMParser
	{"morph", "morphed"}, // morph.js
	{"show", "shown"},    // the highlight (and scroll, with --follow)
	{"frame", "seen"},    // to the frame that shows the words
}

// partTimes collects the durations of browserParts over the edits.
type partTimes map[string][]time.Duration

// add takes one edit's server steps (ms since the save at start), its page
// marks and the time it was seen (Unix ms). A part whose step is missing
// (the page was not fetched, say) is left out of that edit; the next part
// then starts where the last noted step ended.
func (p partTimes) add(start time.Time, steps, marks map[string]float64, seen float64) {
	save := float64(start.UnixNano()) / 1e6
	at := maps.Clone(steps)
	for name, m := range marks {
		at[name] = m - save
	}
	at["seen"] = seen - save
	from := 0.0
	for _, part := range browserParts {
		if end, ok := at[part.end]; ok {
			p[part.name] = append(p[part.name], time.Duration((end-from)*float64(time.Millisecond)))
			from = end
		}
	}
}

// report gives each part's median, in order, and the renderer's work.
func (p partTimes) report(b *testing.B) {
	names := []string{}
	for _, part := range browserParts {
		names = append(names, part.name)
	}
	for _, name := range rendererWork {
		names = append(names, "renderer-"+name)
	}
	for _, name := range names {
		ds := p[name]
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, name+"-ms")
	}
}

// rendererWork are the renderer's cumulative durations (seconds) that
// Chromium's Performance domain reports, and the part names they are
// reported under: the page's scripts (the patch among them), style
// recalculation and layout, over an edit.
var rendererWork = map[string]string{
	"ScriptDuration":      "script",
	"RecalcStyleDuration": "style",
	"LayoutDuration":      "layout",
}

func rendererMetrics(b *testing.B, ctx context.Context) map[string]float64 {
	res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		b.Fatal(err)
	}
	out := map[string]float64{}
	for _, m := range res.Metrics {
		out[m.Name] = m.Value
	}
	return out
}

// addWork takes the renderer's metrics before a save and after its words
// were seen.
func (p partTimes) addWork(before, after map[string]float64) {
	for metric, name := range rendererWork {
		p["renderer-"+name] = append(p["renderer-"+name], time.Duration((after[metric]-before[metric])*float64(time.Second)))
	}
}
