package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// fetched is what the browser's network log says it loaded: bytes received
// per URL path.
type fetched struct {
	mu    sync.Mutex
	urls  map[network.RequestID]string
	bytes map[string]float64
}

// listen records the network log of the tab in ctx.
func (f *fetched) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		f.mu.Lock()
		defer f.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			f.urls[ev.RequestID] = ev.Response.URL
		case *network.EventLoadingFinished:
			if u, ok := f.urls[ev.RequestID]; ok {
				f.bytes[u[strings.Index(u[len("http://"):], "/")+len("http://"):]] += ev.EncodedDataLength
			}
		}
	})
}

// TestResponsiveImagesInBrowser opens a post of the sample site, whose
// photo is a 4000 x 3000 camera JPEG, in headless Chromium at a phone's
// and a laptop's width, and checks in the network log that each loads one
// variant of the photo, small on the phone, and never the original. It
// logs the bytes of the photo and of the whole page (with its lazy images
// loaded), and of the home page's thumbnails.
func TestResponsiveImagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test; -short skips it")
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "../..", Output: out}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, tt := range []struct {
		width    int64
		want     string // the photo variant's width
		maxBytes float64
	}{{375, "480w", 60_000}, {1280, "800w", 250_000}} {
		ctx := chromiumContext(t)
		f := &fetched{urls: map[network.RequestID]string{}}
		if err := f.listen(ctx); err != nil {
			t.Fatal(err)
		}
		visit := func(page string) map[string]float64 {
			t.Helper()
			f.mu.Lock()
			f.bytes = map[string]float64{}
			f.mu.Unlock()
			loaded := chromedp.Poll[chromedp.Void](`[...document.images].every(i => i.complete)`, chromedp.WithPollingTimeout(20*time.Second))
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+page)); err != nil {
				t.Fatal(err)
			}
			// Made eager, the lazy images load too, as they would when the
			// reader scrolls.
			eager := chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')`)
			for _, a := range []chromedp.Action[chromedp.Void]{eager, loaded} {
				if _, err := chromedp.Run(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.bytes
		}
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(tt.width, 800)); err != nil {
			t.Fatal(err)
		}
		var photos []string
		var post, thumbs float64
		for u, n := range visit("/blog/partnership/") {
			post += n
			if strings.HasPrefix(u, "/blog/img/partnership") {
				photos = append(photos, path.Base(u))
				t.Logf("%d px: the photo, %s, %.0f bytes", tt.width, u, n)
				if n > tt.maxBytes {
					t.Errorf("%d px: the photo costs %.0f bytes, over %.0f", tt.width, n, tt.maxBytes)
				}
			}
		}
		for u, n := range visit("/") {
			if strings.HasPrefix(u, "/blog/img/") {
				thumbs += n
				if !regexpThumb.MatchString(u) {
					t.Errorf("%d px: the home page loads %s, not a thumbnail", tt.width, u)
				}
			}
		}
		t.Logf("%d px: the post and all it loads, %.0f bytes; the home page's thumbnails, %.0f bytes", tt.width, post, thumbs)
		if len(photos) != 1 || !strings.Contains(photos[0], "partnership-"+tt.want+"-") {
			t.Errorf("%d px: fetched %v, want the %s variant alone", tt.width, photos, tt.want)
		}
	}
}

// regexpThumb matches the list thumbnails' widths.
var regexpThumb = regexp.MustCompile(`-(160|320|640)w-`)
