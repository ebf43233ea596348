// Package chromium owns starting the headless Chromium that folio's
// end-to-end tests drive: where the browser is expected, the flags that keep
// a test run quiet and self-contained (no network of its own, no first-run
// pages, a fresh profile), and what a test does when the browser is missing:
// skip with a message, or fail when the environment variable CI is set, so
// that CI can never pass without running the browser tests. Browser tests
// are slow, so they skip under go test -short.
package chromium

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// Path is where the tests expect Chromium (Debian's package puts it there).
const Path = "/usr/bin/chromium"

// Context starts a headless Chromium with a fresh profile for one test and
// returns a browser tab's context, closed when the test ends. extra options
// (a window size) come after the defaults.
func Context(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	Require(t)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(Path), chromedp.UserDataDir(t.TempDir())}
	for _, flag := range []string{"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
		"disable-background-networking", "disable-component-update", "disable-sync"} {
		opts = append(opts, chromedp.Flag(flag, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	return ctx
}

// Require skips the test under go test -short and when Chromium is missing,
// and fails it instead when CI is set and Chromium is missing.
func Require(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping a test that drives Chromium")
	}
	if _, err := os.Stat(Path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and Chromium is missing at %s: %v", Path, err)
		}
		t.Skipf("Chromium not found at %s; install it to run the browser tests", Path)
	}
}
