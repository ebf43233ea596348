package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
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

// bodyKind is the kind a page's layout writes on its body (kind-post,
// kind-series-list...; print-edition for the print edition).
var bodyKind = regexp.MustCompile(`<body class="(?:kind-)?([a-z0-9-]+)`)

// refreshTo is an alias page's redirect.
var refreshTo = regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]+)">`)

// axePages reads the kind of every page of a built site (its body's kind
// class, or "alias" for a redirect page) and keeps two pages of each kind:
// pages of a kind share their layout, and axe-core takes a second per page,
// which a whole site would turn into minutes.
func axePages(t *testing.T, out string) (pages []string, kinds map[string][]string) {
	t.Helper()
	kinds = map[string][]string{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		kind := "unknown"
		if refreshTo.Match(data) {
			kind = "alias"
		} else if m := bodyKind.FindSubmatch(data); m != nil {
			kind = string(m[1])
		}
		kinds[kind] = append(kinds[kind], filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range kinds {
		sort.Strings(ps)
		pages = append(pages, ps[:min(2, len(ps))]...)
	}
	sort.Strings(pages)
	return pages, kinds
}

// sampleWithAlias copies the sample site into a folder of its own and gives
// one post an old address (aliases:), so that the site has every kind of
// page, redirects included.
func sampleWithAlias(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	for _, name := range []string{"content", "layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "folio.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(dir, "content", "blog", "partnership.md")
	src, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	src, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		t.Fatalf("%s does not start with front matter", post)
	}
	if err := errors.Join(os.WriteFile(filepath.Join(dir, "folio.yaml"), cfg, 0o644),
		os.WriteFile(post, append([]byte("---\naliases: [/2025/partnership/]\n"), src...), 0o644)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestAxeAndNarrowScreens opens two pages of every kind (home, book, part,
// chapter, print edition, post, series, series list, tag, tags, blog,
// search, credits, 404, plain page, alias redirect) of the sample site, of
// the sample site built for a sub-path, and of the public book fixture in
// headless Chromium at 1280 and 375 px wide, runs axe-core on each and
// wants no violation at all, and no page wider than the window. A site
// missing one of the kinds it should have fails the test, so a kind cannot
// drop out of it unnoticed.
func TestAxeAndNarrowScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("opens pages of three sites in Chromium twice; -short skips it")
	}
	script := axeScript(t)
	sample := sampleWithAlias(t)
	every := []string{"home", "book", "part", "chapter", "print-edition", "post", "series", "series-list",
		"tag", "tags", "blog", "search", "credits", "404", "page", "alias"}
	sites := []struct {
		name, src, prefix string
		kinds             []string
	}{
		{"sample", sample, "/", every},
		{"sample under a sub-path", sample, "/writing-well/", every},
		{"public book", filepath.Join("testdata", "publicbook"), "/", []string{"home", "book", "chapter", "print-edition", "search", "credits", "404"}},
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
			pages, kinds := axePages(t, out)
			for _, k := range s.kinds {
				if len(kinds[k]) == 0 {
					t.Errorf("the site has no page of kind %q to check", k)
				}
			}
			if len(kinds["unknown"]) > 0 {
				t.Errorf("pages of no known kind: %v", kinds["unknown"])
			}
			found := axeWidths(t, ctx, script, srv.URL+s.prefix, out, pages)
			keys := make([]string, 0, len(found))
			for k := range found {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				t.Errorf("%s\n    on %d pages: %s", k, len(found[k]), strings.Join(found[k][:min(5, len(found[k]))], ", "))
			}
			names := make([]string, 0, len(kinds))
			for k := range kinds {
				names = append(names, k)
			}
			sort.Strings(names)
			t.Logf("%d pages of %d kinds (%s), each at 1280 and 375 px", len(pages), len(kinds), strings.Join(names, ", "))
		})
	}
}

// axeWidths checks the pages of a site served at base, built into out, at
// 1280 and 375 px, and returns each problem with the pages it is on.
func axeWidths(t *testing.T, ctx context.Context, script, base, out string, pages []string) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	for _, width := range []int64{1280, 375} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, page := range pages {
			url := base + strings.TrimSuffix(page, "index.html")
			res, err := axeCheck(ctx, script, url, filepath.Join(out, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
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
	return found
}

// axeCheck opens url in the browser and runs axe-core on it. An alias
// page, which sends the browser on at once, is kept: the request its
// redirect makes is failed (Fetch domain), as a click on the browser's stop
// button would, so the page checked is the redirect page itself.
func axeCheck(ctx context.Context, script, url, file string) (axePage, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return axePage{}, err
	}
	if m := refreshTo.FindSubmatch(data); m != nil {
		stop, err := stopRedirect(ctx, url, html.UnescapeString(string(m[1])))
		if err != nil {
			return axePage{}, err
		}
		defer stop()
	}
	load := func() error {
		return chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Poll[chromedp.Void](`document.readyState === "complete"`))
	}
	err = load()
	if err != nil && strings.Contains(err.Error(), "Cannot find context") {
		err = load() // the page was replaced while it loaded; once more
	}
	if err != nil {
		return axePage{}, fmt.Errorf("%s: %w", url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script+";true")); err != nil {
		return axePage{}, fmt.Errorf("inject axe-core into %s: %w", url, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axePage](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return axePage{}, fmt.Errorf("axe-core on %s: %w", url, err)
	}
	if at, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`)); err != nil || at != url {
		return axePage{}, fmt.Errorf("axe-core ran on %s, not %s (%v)", at, url, err)
	}
	return res, nil
}

// stopRedirect makes the browser fail every request for target, the page
// an alias at url redirects to, until stop is called.
func stopRedirect(ctx context.Context, url, target string) (stop func(), err error) {
	base, err := neturl.Parse(url)
	if err != nil {
		return nil, err
	}
	to, err := base.Parse(target)
	if err != nil {
		return nil, err
	}
	lctx, cancel := context.WithCancel(ctx)
	paused := make(chan fetch.RequestID, 16)
	if err := chromedp.Listen(lctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case paused <- e.RequestID:
			default:
			}
		}
	}); err != nil {
		cancel()
		return nil, err
	}
	done := make(chan struct{})
	go func() { // a listener must not send commands itself
		defer close(done)
		for {
			select {
			case id := <-paused:
				_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonAborted})
			case <-lctx.Done():
				return
			}
		}
	}()
	patterns := []*fetch.RequestPattern{{URLPattern: to.String(), RequestStage: fetch.RequestStageRequest}}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: patterns}); err != nil {
		cancel()
		return nil, err
	}
	return func() {
		_, _ = chromedp.Call(ctx, fetch.Disable, cdp.Empty{})
		cancel()
		<-done
	}, nil
}
