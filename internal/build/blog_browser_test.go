package build_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/build"
	"folio/internal/chromium"
)

// postLayout is what the browser reports about a post page's layout.
type postLayout struct {
	ViewportWidth int       `json:"viewportWidth"`
	ScrollWidth   int       `json:"scrollWidth"`
	SeriesBox     string    `json:"seriesBox"`
	PhotoLoaded   bool      `json:"photoLoaded"`
	PhotoWidth    float64   `json:"photoWidth"`
	ProseWidth    float64   `json:"proseWidth"`
	NavInside     bool      `json:"navInside"`
	Companion     string    `json:"companion"`
	ThumbWidths   []float64 `json:"thumbWidths"`
}

const measurePost = `(() => {
  const r = e => e.getBoundingClientRect();
  const photo = document.querySelector('.post > figure.photo img');
  const prose = document.querySelector('.post .prose');
  const nav = [...document.querySelectorAll('.series-nav a')];
  return {
    viewportWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    seriesBox: (document.querySelector('.series-box p') || {}).textContent || '',
    photoLoaded: !!photo && photo.complete && photo.naturalWidth > 0,
    photoWidth: photo ? r(photo).width : 0,
    proseWidth: prose ? r(prose).width : 0,
    navInside: nav.length > 0 && nav.every(a => r(a).left >= 0 && r(a).right <= window.innerWidth),
    companion: (document.querySelector('.companion') || {}).textContent || '',
    thumbWidths: [],
  };
})()`

const measureIndex = `(() => ({
  viewportWidth: window.innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  thumbWidths: [...document.querySelectorAll('.post-list .thumb img')].filter(i => i.complete && i.naturalWidth > 0).map(i => i.getBoundingClientRect().width),
}))()`

// TestPostPageInBrowser opens a post of a series and the blog index in
// headless Chromium, wide and phone-narrow, and checks what a reader sees:
// the series box, the photo loaded at the width of the text, navigation
// inside the window, the companion note, no sideways scrolling, and index
// thumbnails of one width.
func TestPostPageInBrowser(t *testing.T) {
	chromium.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: blogSite, Output: out, Now: blogNow}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := newChromium(t)
	for _, width := range []int{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900)); err != nil {
			t.Fatal(err)
		}
		post, err := visit[postLayout](ctx, srv.URL+"/blog/pausing/", `document.querySelector('.post > figure.photo img').complete`, measurePost)
		if err != nil {
			t.Fatalf("%dpx: post: %v", width, err)
		}
		index, err := visit[postLayout](ctx, srv.URL+"/blog/page/2/", `[...document.querySelectorAll('.post-list .thumb img')].every(i => i.complete)`, measureIndex)
		if err != nil {
			t.Fatalf("%dpx: index: %v", width, err)
		}
		if post.ScrollWidth > post.ViewportWidth || index.ScrollWidth > index.ViewportWidth {
			t.Errorf("%dpx: pages scroll sideways (post %d, index %d wide)", width, post.ScrollWidth, index.ScrollWidth)
		}
		if post.SeriesBox != "Part 2 of 3 · Listening Well" {
			t.Errorf("%dpx: series box %q", width, post.SeriesBox)
		}
		if !post.PhotoLoaded || post.PhotoWidth < post.ProseWidth-1 {
			t.Errorf("%dpx: photo loaded %v, %.0fpx wide in a %.0fpx column; want it loaded at the column's width", width, post.PhotoLoaded, post.PhotoWidth, post.ProseWidth)
		}
		if !post.NavInside {
			t.Errorf("%dpx: previous/next links of the series fall outside the window", width)
		}
		if post.Companion == "" {
			t.Errorf("%dpx: no companion note", width)
		}
		if len(index.ThumbWidths) != 2 {
			t.Fatalf("%dpx: %d thumbnails loaded on the index, want 2", width, len(index.ThumbWidths))
		}
		for _, w := range index.ThumbWidths {
			if w != index.ThumbWidths[0] || w < 100 {
				t.Errorf("%dpx: index thumbnails %v px wide; want one width, at least 100px", width, index.ThumbWidths)
				break
			}
		}
	}
}

// visit loads url, waits until ready (a script) holds, and returns what
// measure (a script) reports.
func visit[T any](ctx context.Context, url, ready, measure string) (T, error) {
	var zero T
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return zero, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](ready, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		return zero, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](measure))
}

// newChromium starts a headless Chromium with a fresh profile, with a
// minute to do its work.
func newChromium(t *testing.T) context.Context {
	t.Helper()
	ctx, cancelTimeout := context.WithTimeout(chromium.Context(t), 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}
