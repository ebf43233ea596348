package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/chromium"
)

// axeScript finds axe-core's axe.min.js (npm install axe-core; .ci/run
// installs it and sets FOLIO_AXE_JS). Without it the test skips, unless CI
// is set.
func axeScript(t *testing.T) string {
	t.Helper()
	p := os.Getenv("FOLIO_AXE_JS")
	if p == "" {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, ".cache", "folio", "axe", "node_modules", "axe-core", "axe.min.js")
		}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		msg := "axe-core is not available: set FOLIO_AXE_JS to axe.min.js (npm install axe-core); .ci/run does it"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(data)
}

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

type axePage struct {
	Violations []axeViolation `json:"violations"`
	// Overflow is how far the page is wider than the window (sideways
	// scrolling), in CSS pixels.
	Overflow int `json:"overflow"`
}

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => ({
  violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})),
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
}))`

// samplePages keeps two pages of each kind, a kind being the first folder
// and the depth (blog posts, tag pages, chapters of a part...): pages of a
// kind share their layout, and axe-core takes a second per page, which a
// whole site would turn into minutes.
func samplePages(pages []string) []string {
	kinds := map[string]int{}
	var out []string
	for _, p := range pages {
		first, _, _ := strings.Cut(p, "/")
		key := fmt.Sprintf("%s %d", first, strings.Count(p, "/"))
		if kinds[key] < 2 {
			out = append(out, p)
		}
		kinds[key]++
	}
	return out
}

// TestAxeAndNarrowScreens opens two pages of each kind of the sample site, of the
// sample site built for a sub-path, and of the public book fixture in
// headless Chromium at 1280 and 375 px wide, runs axe-core on each and
// wants no violation at all, and no page wider than the window.
func TestAxeAndNarrowScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("opens every page of three sites in Chromium twice; -short skips it")
	}
	script := axeScript(t)
	sites := []struct{ name, src, prefix string }{
		{"sample", filepath.Join("..", ".."), "/"},
		{"sample under a sub-path", filepath.Join("..", ".."), "/writing-well/"},
		{"public book", filepath.Join("testdata", "publicbook"), "/"},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(chromium.Context(t), 10*time.Minute)
			defer cancel()
			out := filepath.Join(t.TempDir(), "public")
			mux := http.NewServeMux()
			mux.Handle(s.prefix, http.StripPrefix(strings.TrimSuffix(s.prefix, "/"), http.FileServer(http.Dir(out))))
			srv := httptest.NewServer(mux)
			defer srv.Close()
			if _, err := Build(Options{Source: s.src, Output: out, BaseURL: srv.URL + s.prefix, Now: fixtureNow}); err != nil {
				t.Fatal(err)
			}
			var pages []string
			_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					rel, _ := filepath.Rel(out, p)
					pages = append(pages, filepath.ToSlash(rel))
				}
				return nil
			})
			sort.Strings(pages)
			pages = samplePages(pages)
			found := map[string][]string{} // problem → pages
			for _, width := range []int64{1280, 375} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				for _, page := range pages {
					if strings.HasSuffix(page, ".html") && strings.Contains(page, "/") && !strings.HasSuffix(page, "index.html") {
						continue // an alias's .html redirect: it leaves at once
					}
					url := srv.URL + s.prefix + strings.TrimSuffix(page, "index.html")
					err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Poll[chromedp.Void](`document.readyState === "complete"`))
					if err != nil && strings.Contains(err.Error(), "Cannot find context") {
						// The page was replaced while it loaded; once more.
						err = chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Poll[chromedp.Void](`document.readyState === "complete"`))
					}
					if err != nil {
						t.Fatalf("%s: %v", url, err)
					}
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script+";true")); err != nil {
						t.Fatalf("inject axe-core into %s: %v", url, err)
					}
					res, err := chromedp.Run(ctx, chromedp.Evaluate[axePage](axeRunJS, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("axe-core on %s: %v", url, err)
					}
					for _, v := range res.Violations {
						key := fmt.Sprintf("%d px: %s (%s): %s; %s", width, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
						found[key] = append(found[key], page)
					}
					if res.Overflow > 0 {
						key := fmt.Sprintf("%d px: the page is %d px wider than the window", width, res.Overflow)
						found[key] = append(found[key], page)
					}
				}
			}
			keys := make([]string, 0, len(found))
			for k := range found {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				t.Errorf("%s\n    on %d pages: %s", k, len(found[k]), strings.Join(found[k][:min(5, len(found[k]))], ", "))
			}
			t.Logf("%d pages, each at 1280 and 375 px", len(pages))
		})
	}
}
