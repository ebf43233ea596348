package build

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/epubcheck"
)

// epubPageLayout is what the browser reports about one document of an
// unpacked EPUB.
type epubPageLayout struct {
	ContentType  string  `json:"contentType"`
	ParseErrors  int     `json:"parseErrors"`
	Stylesheet   bool    `json:"stylesheet"`
	LabelDisplay string  `json:"labelDisplay"`
	ImageLoaded  bool    `json:"imageLoaded"`
	ImageHeight  float64 `json:"imageHeight"`
	ImageRatio   float64 `json:"imageRatio"`
	NaturalRatio float64 `json:"naturalRatio"`
	Caption      string  `json:"caption"`
	ViewHeight   float64 `json:"viewHeight"`
	ScrollWidth  float64 `json:"scrollWidth"`
	ViewWidth    float64 `json:"viewWidth"`
}

const measureEPUBPage = `(() => {
  const img = document.querySelector('img');
  const r = img ? img.getBoundingClientRect() : {width: 0, height: 1};
  const label = document.querySelector('h1 .label');
  return {
    contentType: document.contentType,
    parseErrors: document.getElementsByTagName('parsererror').length,
    stylesheet: getComputedStyle(document.body).hyphens === 'auto',
    labelDisplay: label ? getComputedStyle(label).display : '',
    imageLoaded: !!img && img.complete && img.naturalWidth > 0,
    imageHeight: r.height,
    imageRatio: r.width / r.height,
    naturalRatio: img ? img.naturalWidth / img.naturalHeight : 0,
    caption: (document.querySelector('figcaption') || {}).textContent || '',
    viewHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
  };
})()`

// TestEPUBInChromium unpacks the sample book's EPUB and opens its chapter
// with a photo and its cover in headless Chromium at an e-reader's size:
// each parses as XHTML without error, the stylesheet applies, the chapter
// number sits on its own line, the photo loads with its credit as caption,
// and every image fits the screen without distortion or sideways
// scrolling.
func TestEPUBInChromium(t *testing.T) {
	ctx := chromiumContext(t)
	res, err := makeEPUBs(os.DirFS(filepath.Join("..", "..")), Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	epubcheck.Unpack(t, res.Books[0].Data, dir)
	for _, screen := range [][2]int64{{600, 800}, {900, 500}} { // a phone upright, a tablet on its side
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(screen[0], screen[1])); err != nil {
			t.Fatal(err)
		}
		checkEPUBPage(t, ctx, dir, "chapter-05.xhtml", "block", "Photo by folio contributors · CC0 1.0", 0.75)
		checkEPUBPage(t, ctx, dir, "cover.xhtml", "", "", 0.95)
	}
}

// checkEPUBPage opens one document of the unpacked EPUB in dir and checks
// its layout: label is the display of the chapter number, caption the
// figure caption, maxHeight the share of the window its image may fill.
func checkEPUBPage(t *testing.T, ctx context.Context, dir, file, label, caption string, maxHeight float64) {
	t.Helper()
	url := "file://" + filepath.ToSlash(filepath.Join(dir, "EPUB", file))
	err := chromedp.Do(ctx, chromedp.Navigate(url),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete" && [...document.images].every(i => i.complete)`))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[epubPageLayout](measureEPUBPage))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	where := fmt.Sprintf("%s at %.0fx%.0f", file, got.ViewWidth, got.ViewHeight)
	switch {
	case got.ContentType != "application/xhtml+xml" || got.ParseErrors > 0:
		t.Errorf("%s: parsed as %s with %d XML errors", where, got.ContentType, got.ParseErrors)
	case !got.Stylesheet:
		t.Errorf("%s: the e-reader stylesheet did not load", where)
	case got.LabelDisplay != label:
		t.Errorf("%s: chapter number displays as %q, want %q", where, got.LabelDisplay, label)
	case !got.ImageLoaded:
		t.Errorf("%s: the image did not load", where)
	case got.Caption != caption:
		t.Errorf("%s: caption %q, want %q", where, got.Caption, caption)
	case got.ImageHeight > maxHeight*got.ViewHeight+1:
		t.Errorf("%s: image is %.0fpx high, want at most %.0f%% of the window", where, got.ImageHeight, maxHeight*100)
	case math.Abs(got.ImageRatio-got.NaturalRatio) > 0.02:
		t.Errorf("%s: image drawn at ratio %.3f, its own is %.3f", where, got.ImageRatio, got.NaturalRatio)
	case got.ScrollWidth > got.ViewWidth:
		t.Errorf("%s: the page is %.0fpx wide", where, got.ScrollWidth)
	}
}
