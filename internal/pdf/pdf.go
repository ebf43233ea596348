// Package pdf owns folio's PDF of a book: it drives a Chromium or Chrome
// over the DevTools protocol to print the book's print edition (served by
// the caller on a loopback address) as a tagged PDF with bookmarks, and
// fills in the page numbers of the contents.
//
// Chromium has no target-counter(), so the contents get their page numbers
// from the PDF itself: the edition is printed once, the page on which each
// chapter starts is read from the file's named destinations (dests.go;
// each contents entry links to its chapter, so Chromium writes one), the
// numbers are put into the contents (data-page attributes that the print
// stylesheet shows), and the book is printed again, until the numbers
// hold (a longer contents can push the chapters on by a page).
//
// Running heads and folios come from the print stylesheet's @page margin
// boxes, which the print edition shares; the page size from the size
// asked for. The PDF's dates are set to the book's date, so that two runs
// over the same sources give the same bytes.
//
// It imports no other folio package: the build makes the edition, cmd/folio
// serves it and calls Render.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Size is a page size: its CSS and its name.
type Size struct {
	Name string
	CSS  string // the value of @page's size
}

// Sizes are the page sizes folio pdf knows, by name.
var Sizes = map[string]Size{
	"a4":     {"a4", "210mm 297mm"},
	"letter": {"letter", "8.5in 11in"},
	"a5":     {"a5", "148mm 210mm"},
	"6x9in":  {"6x9in", "6in 9in"},
}

// Options are the settings of one Render.
type Options struct {
	// Browser is the Chromium or Chrome to run (see FindBrowser).
	Browser string
	// URL is the print edition's address on the loopback server.
	URL string
	// SiteURL is the site's absolute URL: links to its other pages point
	// there. Empty: they become plain text, since the loopback address
	// means nothing in a PDF.
	SiteURL string
	Size    Size
	// RightHand starts every part and chapter on a right-hand page.
	RightHand bool
	// Date becomes the PDF's creation and modification date.
	Date time.Time
	// Timeout bounds the whole run; zero means two minutes.
	Timeout time.Duration
}

// ErrNoBrowser says that no Chromium or Chrome was found.
var ErrNoBrowser = errors.New("folio pdf needs Chromium or Google Chrome to lay out the book, and found neither on PATH; " +
	"install one (Debian and Ubuntu: apt-get install chromium; macOS: install Google Chrome) or set FOLIO_CHROMIUM to its path")

// FindBrowser returns the browser FOLIO_CHROMIUM names, else the first
// Chromium or Chrome on PATH.
func FindBrowser() (string, error) {
	if p := os.Getenv("FOLIO_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("FOLIO_CHROMIUM is %s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range []string{"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// maxPasses bounds the prints that settle the contents' page numbers.
const maxPasses = 4

// Render prints the book and returns the PDF.
func Render(ctx context.Context, opts Options) ([]byte, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	tab, closeBrowser := startBrowser(ctx, opts.Browser)
	defer closeBrowser()
	if err := chromedp.Do(tab, chromedp.Navigate(opts.URL)); err != nil {
		return nil, browserError(ctx, opts, "open the print edition", err)
	}
	if err := prepare(tab, opts); err != nil {
		return nil, browserError(ctx, opts, "lay out the book", err)
	}
	var data []byte
	for pass := 1; ; pass++ {
		var err error
		if data, err = printPDF(tab); err != nil {
			return nil, browserError(ctx, opts, "print the book", err)
		}
		pages, _, err := DestinationPages(data)
		if err != nil {
			return nil, err
		}
		changed, err := number(tab, pages)
		if err != nil {
			return nil, browserError(ctx, opts, "number the contents", err)
		}
		if !changed {
			break
		}
		if pass == maxPasses {
			return nil, fmt.Errorf("the contents' page numbers did not settle after %d prints", maxPasses)
		}
	}
	return setDates(data, opts.Date), nil
}

// startBrowser starts a headless browser with a fresh profile and returns
// a tab's context.
func startBrowser(ctx context.Context, path string) (context.Context, func()) {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Headless, chromedp.DisableGPU, chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true)}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	return tab, func() { cancelTab(); cancelAlloc() }
}

// browserError says what failed, naming the browser; a timeout says so.
func browserError(ctx context.Context, opts Options, what string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: the browser %s did not finish within %s; it may hang on this machine (try another with FOLIO_CHROMIUM)", what, opts.Browser, opts.Timeout)
	}
	return fmt.Errorf("%s with %s: %w", what, opts.Browser, err)
}

func printPDF(tab context.Context) ([]byte, error) {
	yes := true
	return chromedp.Run(tab, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes,
			GenerateTaggedPDF: &yes, GenerateDocumentOutline: &yes})
		return res.Data, err
	})
}

// prepare waits for the fonts and images, refuses images the browser could
// not decode, sets the page size and points links outside the book at the
// site (or makes them text).
func prepare(tab context.Context, opts Options) error {
	script := fmt.Sprintf(prepareScript, jsString(opts.Size.CSS), opts.RightHand, jsString(strings.TrimSuffix(opts.SiteURL, "/")))
	broken, err := chromedp.Run(tab, chromedp.Evaluate[[]string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return err
	}
	if len(broken) > 0 {
		return fmt.Errorf("the browser could not show %s: check that each is a JPEG, PNG, GIF, WebP or SVG file and not damaged", strings.Join(broken, ", "))
	}
	return nil
}

const prepareScript = `(async () => {
	const [size, rightHand, site] = [%s, %t, %s];
	const broken = [];
	for (const img of document.images) img.loading = 'eager';
	await Promise.all([...document.images].map((img) => img.decode().catch(() => broken.push(img.getAttribute('src')))));
	await document.fonts.ready;
	for (const a of document.querySelectorAll('a[href]')) {
		const url = new URL(a.href, location.href);
		if (url.origin !== location.origin || (url.pathname === location.pathname && url.hash)) continue;
		if (site) a.href = site + url.pathname + url.search + url.hash;
		else a.removeAttribute('href');
	}
	// The cover: the book's photo and its credit on a page of their own.
	const titlePage = document.querySelector('.title-page');
	const photo = titlePage && titlePage.querySelector('figure');
	if (photo) {
		const cover = document.createElement('section');
		cover.className = 'pdf-cover';
		cover.setAttribute('aria-label', 'Cover');
		cover.append(photo);
		titlePage.before(cover);
	}
	// Running heads: the book's title on left-hand pages, the part's or
	// chapter's on right-hand ones, through a named page for each.
	const quote = (s) => '"' + s.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ') + '"';
	const book = (titlePage && titlePage.querySelector('h1')?.textContent) || document.title;
	document.title = book; // the PDF's title
	let css = '@page { size: ' + size + '; }' +
		'@page :left { @top-left { content: ' + quote(book) + '; font: italic 9pt var(--serif); color: #555; } }' +
		'.pdf-cover { break-after: page; display: flex; flex-direction: column; justify-content: center; min-height: 90vh; }' +
		'.pdf-cover figure { margin: 0; } .pdf-cover img { width: 100%%; }' +
		'.print-contents a[data-page] { display: flex; gap: 1em; } .print-contents a[data-page]::after { content: attr(data-page); margin-left: auto; font-variant-numeric: tabular-nums; }';
	if (rightHand) css += '@media print { .print-part, .print-chapter, .print-credits { break-before: right; } }';
	document.querySelectorAll('.print-part, .print-chapter, .print-credits').forEach((el, i) => {
		const h = el.querySelector('h1');
		if (!h) return;
		css += '@page folio-' + i + ':right { @top-right { content: ' + quote(h.textContent) + '; font: italic 9pt var(--serif); color: #555; } }';
		el.style.page = 'folio-' + i;
	});
	const style = document.createElement('style');
	style.textContent = css;
	document.head.append(style);
	return broken;
})()`

// number writes each contents entry's page into its data-page attribute
// and reports whether any changed.
func number(tab context.Context, pages map[string]int) (bool, error) {
	return chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(numberScript, jsObject(pages))))
}

const numberScript = `(() => {
	const pages = %s;
	let changed = false;
	for (const a of document.querySelectorAll('.print-contents a[href^="#"]')) {
		const n = pages[decodeURIComponent(a.getAttribute('href').slice(1))];
		const want = n === undefined ? null : String(n);
		if (a.getAttribute('data-page') !== want) {
			changed = true;
			if (want === null) a.removeAttribute('data-page'); else a.setAttribute('data-page', want);
		}
	}
	return changed;
})()`
