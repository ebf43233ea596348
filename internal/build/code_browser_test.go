package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// codeLayout is what the test reads of a page's code blocks and callouts.
type codeLayout struct {
	Blocks     int
	Focusable  int     // pre elements a keyboard reaches (tabIndex 0)
	FirstShift float64 // how far the first line of a block starts right of the second
	PlainShift float64 // the same in a block without a language
	Keyword    string  // colour of a keyword
	Text       string  // colour of the page's text
	Numbers    string  // user-select of line numbers
	HLWeight   string  // font weight of a highlighted line's keyword
	PreBack    string  // background of a block
	Label      string  // text of a callout's label
	LabelShown bool
}

const codeLayoutJS = `(() => {
  const pres = [...document.querySelectorAll('pre')];
  const lines = document.querySelector('pre.chroma code[data-lang=go]').querySelectorAll('.line .cl');
  const label = document.querySelector('.markdown-alert-title');
  const plain = document.querySelector('pre:not(.chroma) code').firstChild;
  const at = i => { const r = document.createRange(); r.setStart(plain, i); r.setEnd(plain, i + 1); return r.getBoundingClientRect().left; };
  return {
    Blocks: pres.length,
    Focusable: pres.filter(p => p.tabIndex === 0).length,
    FirstShift: lines[0].getBoundingClientRect().left - lines[1].getBoundingClientRect().left,
    PlainShift: at(0) - at(plain.textContent.indexOf('\n') + 1),
    Keyword: getComputedStyle(document.querySelector('pre.chroma .kd, pre.chroma .k')).color,
    Text: getComputedStyle(document.body).color,
    Numbers: getComputedStyle(document.querySelector('.ln')).userSelect,
    HLWeight: getComputedStyle(document.querySelector('.line.hl .k')).fontWeight,
    PreBack: getComputedStyle(document.querySelector('pre.chroma')).backgroundColor,
    Label: label.textContent,
    LabelShown: label.getBoundingClientRect().height > 0,
  };
})()`

// TestCodeInChromium opens the manuscripts fixture's chapter of code and
// callouts in headless Chromium, light and dark, and its print edition
// in print media: every block is focusable, the first line of a block
// starts where the others do, keywords are coloured and change with the
// colour scheme, line numbers cannot be selected, callouts show their
// label; on paper blocks have no background and highlighted lines are bold.
func TestCodeInChromium(t *testing.T) {
	ctx := chromiumContext(t)
	files, _, err := buildFS(os.DirFS(filepath.Join("testdata", "sites", "manuscripts")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := serveFiles(t, files)
	media := func(kind, scheme string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: kind,
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return chromedp.Void{}, err
		}
	}
	measure := func(url, kind, scheme string) codeLayout {
		t.Helper()
		if err := chromedp.Do(ctx, media(kind, scheme), chromedp.Navigate(base+url),
			chromedp.Poll[chromedp.Void](`document.readyState === "complete"`)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[codeLayout](codeLayoutJS))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	light := measure("/book/part-two/code/", "screen", "light")
	dark := measure("/book/part-two/code/", "screen", "dark")
	for name, got := range map[string]codeLayout{"light": light, "dark": dark} {
		if got.Blocks != 4 || got.Focusable != 4 {
			t.Errorf("%s: %d of %d blocks focusable, want 4 of 4", name, got.Focusable, got.Blocks)
		}
		if got.FirstShift != 0 || got.PlainShift != 0 {
			t.Errorf("%s: the first line starts %.1f px (%.1f px without a language) right of the second", name, got.FirstShift, got.PlainShift)
		}
		if got.Keyword == got.Text {
			t.Errorf("%s: keywords have the text's colour %s", name, got.Text)
		}
		if got.Numbers != "none" {
			t.Errorf("%s: line numbers have user-select %q, want none", name, got.Numbers)
		}
		if got.Label != "Note" || !got.LabelShown {
			t.Errorf("%s: the first callout's label is %q (shown: %v), want Note", name, got.Label, got.LabelShown)
		}
	}
	if light.Keyword == dark.Keyword {
		t.Errorf("keywords are %s in both colour schemes", light.Keyword)
	}
	paper := measure("/book/print/", "print", "light")
	if paper.PreBack != "rgba(0, 0, 0, 0)" {
		t.Errorf("on paper a block's background is %s, want none", paper.PreBack)
	}
	if paper.HLWeight != "700" {
		t.Errorf("on paper a highlighted line's weight is %s, want bold", paper.HLWeight)
	}
}
