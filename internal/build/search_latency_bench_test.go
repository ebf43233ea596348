package build_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/build"
	"folio/internal/buildtest"
	chromiumctx "folio/internal/chromium"
)

var latencyPages = flag.String("latency-pages", "1000",
	"the corpus sizes BenchmarkSearchLatency builds, comma-separated (1000,10000)")

// latencyQueries are the README's two queries (Search, against Pagefind).
var latencyQueries = []string{"signal", "careful intention deadline"}

// searchUI says how BenchmarkSearchLatency drives one search interface.
type searchUI struct {
	input   string // CSS selector of the search box
	ready   string // JavaScript (q) => bool: the results of q are shown, with a result's title
	cleared string // JavaScript expression: no results are shown
}

// folioUI is the header's box and its listbox.
var folioUI = searchUI{
	input: "#site-search-q",
	ready: `(q) => { const l = document.getElementById('site-search-q-results'), all = l && l.querySelector('.search-all');
		return !!all && all.textContent.includes(q) && !!l.querySelector('[role=option]:not(.search-all)'); }`,
	cleared: `document.getElementById('site-search-q-results').hidden`,
}

// pagefindUI is Pagefind's default UI (pagefind-ui.js): its message names
// the query once its results are in, a result's link once its fragment is.
var pagefindUI = searchUI{
	input: ".pagefind-ui__search-input",
	ready: `(q) => { const m = document.querySelector('.pagefind-ui__message');
		return !!m && m.textContent.includes(q) && !!document.querySelector('.pagefind-ui__result-link'); }`,
	cleared: `!document.querySelector('.pagefind-ui__result')`,
}

// BenchmarkSearchLatency builds the corpus (1,000 pages; -latency-pages
// 1000,10000 for both sizes), serves it on loopback and, in headless
// Chromium, enters each of the README's queries into the header's box,
// timing inside the page from the last input event to the first moment
// the listbox shows that query's results (a MutationObserver):
// cold-key-to-results-ms in a new browser context (empty cache) each run,
// warm-key-to-results-ms for the same query entered again after clearing
// the box. "typed" sends a key at a time at the speed chromedp sends them
// (the client searches each prefix as it comes), "pasted" sets the whole
// query with one input event. Medians over the runs (-benchtime 10x);
// ns/op is a whole run (context, page, two queries).
//
// With FOLIO_PAGEFIND set to Pagefind's binary, it also runs Pagefind
// (pagefind --site) over a copy of the same output, reporting the run's
// wall-s and cpu-s (user + system, its child processes included), and
// times Pagefind's default UI the same way, with its default debounce
// (300 ms after the last input) and, pasted, with none.
func BenchmarkSearchLatency(b *testing.B) {
	browser := chromiumctx.Context(b)
	if err := chromedp.Do(browser); err != nil {
		b.Fatalf("starting Chromium: %v", err)
	}
	for field := range strings.SplitSeq(*latencyPages, ",") {
		pages, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || pages <= 0 {
			b.Fatalf("-latency-pages: %q is not a number of pages", field)
		}
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) { searchLatencyAt(b, browser, pages) })
	}
}

// searchLatencyAt is BenchmarkSearchLatency over the corpus of pages.
func searchLatencyAt(b *testing.B, browser context.Context, pages int) {
	out := filepath.Join(b.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: buildtest.CorpusDir(b, pages), Output: out}); err != nil {
		b.Fatal(err)
	}
	folio := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer folio.Close()
	for _, how := range []string{"typed", "pasted"} {
		for _, q := range latencyQueries {
			b.Run("folio/"+how+"/q="+q, func(b *testing.B) { measureLatency(b, browser, folio.URL+"/blog/", folioUI, how, q) })
		}
	}
	bin := os.Getenv("FOLIO_PAGEFIND")
	if bin == "" {
		b.Run("pagefind", func(b *testing.B) {
			b.Skip("FOLIO_PAGEFIND is not set to Pagefind's binary: Pagefind not measured")
		})
		return
	}
	site := filepath.Join(b.TempDir(), "pagefind")
	b.Run("pagefind-index", func(b *testing.B) { indexWithPagefind(b, bin, out, site) })
	if _, err := os.Stat(filepath.Join(site, "pagefind", "pagefind-ui.js")); err != nil {
		b.Run("pagefind", func(b *testing.B) {
			b.Skipf("no Pagefind index to search (was pagefind-index left out?): %v", err)
		})
		return
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	// Typed at machine speed with no debounce, Pagefind's UI searches for
	// every prefix in turn (9 s for the three words at 1,000 pages): only
	// the pasted query is timed without it.
	for _, run := range []struct{ debounce, how string }{{"", "typed"}, {"", "pasted"}, {"0", "pasted"}} {
		page := "pagefind-latency-" + run.debounce + ".html"
		buildtest.WriteFile(b, filepath.Join(site, page), pagefindPage(run.debounce))
		name := "pagefind"
		if run.debounce != "" {
			name += "-debounce" + run.debounce
		}
		for _, q := range latencyQueries {
			b.Run(name+"/"+run.how+"/q="+q, func(b *testing.B) {
				measureLatency(b, browser, srv.URL+"/"+page, pagefindUI, run.how, q)
			})
		}
	}
}

// pagefindPage is a page with Pagefind's default UI as its documentation
// shows it, with debounceTimeoutMs set when debounce is not empty.
func pagefindPage(debounce string) string {
	opts := `element: "#search"`
	if debounce != "" {
		opts += ", debounceTimeoutMs: " + debounce
	}
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>
window.addEventListener('DOMContentLoaded', () => { new PagefindUI({` + opts + `}); });
</script></body></html>
`
}

// indexWithPagefind copies out to site and runs Pagefind over it, b.N
// times, reporting the medians of the runs' wall and CPU time.
func indexWithPagefind(b *testing.B, bin, out, site string) {
	var walls, cpus []float64
	for range b.N {
		b.StopTimer()
		if err := os.RemoveAll(site); err != nil {
			b.Fatal(err)
		}
		if err := os.CopyFS(site, os.DirFS(out)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var log bytes.Buffer
		cmd := exec.Command(bin, "--site", site)
		cmd.Stdout, cmd.Stderr = &log, &log
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s --site %s: %v\n%s", bin, site, err, log.Bytes())
		}
		walls = append(walls, time.Since(start).Seconds())
		cpus = append(cpus, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
	}
	b.ReportMetric(median(walls), "wall-s")
	b.ReportMetric(median(cpus), "cpu-s")
}

// measureLatency times q in ui at url, b.N runs each in a new browser
// context, and reports the medians.
func measureLatency(b *testing.B, browser context.Context, url string, ui searchUI, how, q string) {
	var cold, warm []float64
	for range b.N {
		c, w, err := latencyRun(browser, url, ui, how, q)
		if err != nil {
			b.Fatalf("%s, %q: %v", url, q, err)
		}
		cold, warm = append(cold, c), append(warm, w)
	}
	b.ReportMetric(median(cold), "cold-key-to-results-ms")
	b.ReportMetric(median(warm), "warm-key-to-results-ms")
}

// latencyProbe is the script that times, in the page, the last input
// event before ui shows q's results: window.folioLatency.value() is -1
// until then.
func latencyProbe(ui searchUI, q string) string {
	return `(() => {
	const ready = ` + ui.ready + `, q = ` + strconv.Quote(q) + `;
	let t0 = 0, took = -1;
	document.addEventListener('input', () => { t0 = performance.now(); took = -1; }, true);
	new MutationObserver(() => { if (t0 && took < 0 && ready(q)) took = performance.now() - t0; })
		.observe(document.body, { childList: true, subtree: true, characterData: true });
	window.folioLatency = { value: () => took, reset: () => { t0 = 0; took = -1; } };
})()`
}

// latencyRun opens url in a new browser context (an empty cache), enters
// q as how says and times it (cold), clears the box and enters q again
// (warm). Typed, q goes in a key at a time (chromedp.KeyEvent); pasted, it
// is the box's value at once, with one input event.
func latencyRun(browser context.Context, url string, ui searchUI, how, q string) (cold, warm float64, err error) {
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return 0, 0, err
	}
	ctx, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	defer cancelTimeout()
	box := `document.querySelector(` + strconv.Quote(ui.input) + `)`
	err = chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(ui.input),
		chromedp.Evaluate[chromedp.Void](latencyProbe(ui, q)))
	if err != nil {
		return 0, 0, fmt.Errorf("opening the page: %w", err)
	}
	setBox := func(v string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](box + `.value = ` + strconv.Quote(v) + `; ` +
			box + `.dispatchEvent(new Event('input', { bubbles: true }))`)
	}
	enter := chromedp.KeyEvent(q)
	if how == "pasted" {
		enter = setBox(q)
	}
	typeQuery := func() (float64, error) {
		err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`folioLatency.reset(); `+box+`.focus()`),
			enter,
			chromedp.Poll[chromedp.Void](`folioLatency.value() >= 0`, chromedp.WithPollingTimeout(time.Minute)))
		if err != nil {
			return 0, fmt.Errorf("waiting for the results: %w", err)
		}
		return chromedp.Run(ctx, chromedp.Evaluate[float64](`folioLatency.value()`))
	}
	if cold, err = typeQuery(); err != nil {
		return 0, 0, err
	}
	err = chromedp.Do(ctx,
		setBox(""),
		chromedp.Poll[chromedp.Void](ui.cleared, chromedp.WithPollingTimeout(time.Minute)))
	if err != nil {
		return 0, 0, fmt.Errorf("clearing the box: %w", err)
	}
	warm, err = typeQuery()
	return cold, warm, err
}

// median is the middle of xs (the mean of the middle two of an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
