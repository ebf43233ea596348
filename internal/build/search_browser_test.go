package build_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"folio/internal/build"
	chromiumctx "folio/internal/chromium"
)

// TestSearchInBrowser builds the sample site and, in headless Chromium,
// presses / on a page, types a word of one chapter's heading into the
// header's box, waits for that section among the results, and presses
// Enter: the browser must land on the chapter at that heading. Then the
// /search/ page must show the same result from ?q=, and axe must find no
// accessibility violations on either with the results open.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	for _, prefix := range []string{"/", "/writing/"} {
		t.Run("under "+prefix, func(t *testing.T) { searchInBrowser(t, prefix) })
	}
}

// searchInBrowser runs TestSearchInBrowser on the sample site published
// under prefix (base_url https://example.org<prefix>).
func searchInBrowser(t *testing.T, prefix string) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: "../..", Output: out, BaseURL: "https://example.org" + prefix}); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	site := srv.URL + strings.TrimSuffix(prefix, "/")
	ctx, cancel := context.WithTimeout(chromiumctx.Context(t), 60*time.Second)
	defer cancel()

	const firstOption = `document.querySelector('#site-search-q-results [role=option]')`
	wait := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(10*time.Second))
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(site+"/blog/"),
		chromedp.WaitReady(`#site-search-q[role=combobox]`),
		press("/", "Slash", 191),
		wait(`document.activeElement && document.activeElement.id === 'site-search-q' && document.activeElement.value === ''`),
		chromedp.KeyEvent("unsaid"),
		wait(firstOption+` && `+firstOption+`.textContent.includes('The cost of the unsaid')`),
	)
	if err != nil {
		t.Fatalf("typing a heading's word: %v", err)
	}
	option, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstOption+`.textContent`))
	if err != nil || !strings.Contains(option, "Candor") {
		t.Errorf("the first result %q does not name its chapter (%v)", option, err)
	}
	checkAxe(t, ctx, "the header's results")
	if err := chromedp.Do(ctx, press("Enter", "Enter", 13)); err != nil {
		t.Fatalf("pressing Enter: %v", err)
	}
	// The polls of the page Enter left fail as it goes; the next page's
	// answer once it is there.
	for deadline := time.Now().Add(15 * time.Second); ; {
		err := chromedp.Do(ctx, wait(`location.hash === '#unsaid' && document.readyState === 'complete'`))
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
			t.Fatalf("pressing Enter did not open #unsaid (at %s): %v", href, err)
		}
	}
	type landing struct {
		Path  string `json:"path"`
		AtTop bool   `json:"atTop"`
	}
	landed, err := chromedp.Run(ctx, chromedp.Evaluate[landing](`({path: location.pathname,
		  atTop: Math.abs(document.getElementById('unsaid').getBoundingClientRect().top) < 80})`))
	if err != nil || !strings.HasPrefix(landed.Path, prefix) || !strings.HasSuffix(landed.Path, "/candor/") || !landed.AtTop {
		t.Errorf("Enter landed on %+v, want the candor chapter scrolled to #unsaid (%v)", landed, err)
	}

	err = chromedp.Do(ctx, chromedp.Navigate(site+"/search/?q=unsaid"), wait(`document.querySelector('.search-page-results li a')`))
	if err != nil {
		t.Fatalf("the search page: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.search-page-results li a').getAttribute('href')`))
	if err != nil || !strings.HasPrefix(first, site+"/book/") || !strings.HasSuffix(first, "/candor/#unsaid") {
		t.Errorf("the search page's first result links to %q (%v)", first, err)
	}
	checkAxe(t, ctx, "the search page")
}

// press presses one key as a keyboard does: a keydown that carries the
// key's text, then a keyup. (chromedp.KeyEvent sends the text as an event
// of its own, which a page's preventDefault on keydown cannot stop, as it
// can in a browser used by hand.)
func press(key, code string, vk int64) chromedp.Action[chromedp.Void] {
	text := key
	if key == "Enter" {
		text = "\r"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ev := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev); err != nil {
			return err
		}
		ev.Type, ev.Text = input.DispatchKeyEventTypeKeyUp, ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev)
		return err
	})
}

// axeScript is axe-core's script: FOLIO_AXE_JS, else where .ci/run puts it.
func axeScript(t *testing.T) string {
	path := os.Getenv("FOLIO_AXE_JS")
	if path == "" {
		home, _ := os.UserHomeDir()
		path = filepath.Join(home, ".cache/folio/axe/node_modules/axe-core/axe.min.js")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and axe-core is missing: %v", err)
		}
		t.Logf("axe-core not found (%v); run .ci/run or set FOLIO_AXE_JS to check accessibility", err)
		return ""
	}
	return string(data)
}

// checkAxe runs axe-core on the page as it is and reports each violation.
func checkAxe(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	script := axeScript(t)
	if script == "" {
		return
	}
	type violation struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Nodes []string `json:"nodes"`
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](script)); err != nil {
		t.Fatalf("load axe: %v", err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](
		`axe.run(document).then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html)})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", what, err)
	}
	for _, v := range violations {
		t.Errorf("axe on %s: %s (%s): %d elements, first %s", what, v.ID, v.Help, len(v.Nodes), v.Nodes[0])
	}
}

// TestSearchInBrowserInGerman builds the blog fixture with language: de
// and checks, in headless Chromium, that the client speaks the site's
// language: the listbox's name, the result count a screen reader hears,
// the label of a result and the words for a search without results.
func TestSearchInBrowserInGerman(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	files, _ := mustBuild(t, withLanguage(t, "de", nil), build.Options{})
	out := fstest.MapFS{}
	for name, data := range files {
		out[name] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(http.FileServerFS(out))
	defer srv.Close()
	site := srv.URL
	ctx, cancel := context.WithTimeout(chromiumctx.Context(t), 60*time.Second)
	defer cancel()
	wait := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(10*time.Second))
	}
	const list = `document.getElementById('site-search-q-results')`
	err := chromedp.Do(ctx,
		chromedp.Navigate(site+"/blog/"),
		chromedp.WaitReady(`#site-search-q[role=combobox]`),
		chromedp.Click(`#site-search-q`),
		chromedp.KeyEvent("listening "),
		wait(list+` && !`+list+`.hidden && `+list+`.querySelector('[role=option] .search-label')`),
	)
	if err != nil {
		t.Fatalf("typing a word: %v", err)
	}
	type view struct {
		Name, Status, All string
		Labels            []string
	}
	const read = `({Name: ` + list + `.getAttribute('aria-label'),
		Status: document.querySelector('.site-search [role=status]').textContent,
		All: document.querySelector('.search-all').textContent,
		Labels: [...` + list + `.querySelectorAll('.search-label')].map((e) => e.textContent)})`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[view](read))
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Suchergebnisse" || !regexp.MustCompile(`^\d+ Ergebnisse?$`).MatchString(got.Status) ||
		got.All != "Alle Ergebnisse für „listening “" || !slices.Contains(got.Labels, "Serien") {
		t.Errorf("the results in German: %+v", got)
	}
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('site-search-q').value = ''`),
		chromedp.KeyEvent("zzzq"),
		wait(`document.querySelector('.search-all') && document.querySelector('.search-all').textContent.includes('zzzq')`),
	)
	if err != nil {
		t.Fatalf("typing a word that is nowhere: %v", err)
	}
	got, err = chromedp.Run(ctx, chromedp.Evaluate[view](read))
	if err != nil || got.All != "Keine Ergebnisse für „zzzq“" || got.Status != "Keine Ergebnisse" {
		t.Errorf("no results in German: %+v (%v)", got, err)
	}
}
