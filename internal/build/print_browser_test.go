package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// serveFiles serves a build held in memory, directories by index.html.
func serveFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(r.URL.Path, "/")
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		data, ok := files[rel]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(rel, ".css") {
			w.Header().Set("Content-Type", "text/css")
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// printLayout is what the test reads from the print edition in print media.
type printLayout struct {
	Breaks     []string // break-before of every part and chapter
	Note       string   // display of the on-screen note
	Outside    string   // ::after of a link out of the site
	Inside     string   // ::after of a link between chapters
	Font       string
	Navigation int // site header, sidebar and pager elements on the page
}

const printLayoutJS = `(() => {
  const style = (sel, pseudo) => getComputedStyle(document.querySelector(sel), pseudo || null);
  return {
    Breaks: [...document.querySelectorAll('.print-part, .print-chapter')].map(e => getComputedStyle(e).breakBefore),
    Note: style('.print-note').display,
    Outside: style('a[href="https://example.com/guide"]', '::after').content,
    Inside: style('a[href="#second"]', '::after').content,
    Font: style('body').fontFamily,
    Navigation: document.querySelectorAll('.site-header, .book-sidebar, .pager, .site-nav').length,
  };
})()`

// TestPrintEditionInChromium opens the fixture book's print edition in
// headless Chromium with print media: every part and chapter starts a new
// page, the on-screen note and all navigation are gone, the text is serif,
// outside links show their URL and links inside the book do not, and
// printing to PDF gives one page each for the title, the contents, the
// parts, the chapters and the credits.
func TestPrintEditionInChromium(t *testing.T) {
	ctx := chromiumContext(t)
	files, _, err := buildFS(os.DirFS(bookSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := serveFiles(t, files)
	printMedia := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return chromedp.Void{}, err
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/book/print/"),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete"`),
		printMedia)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[printLayout](printLayoutJS))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Breaks) != 7 {
		t.Errorf("%d parts and chapters, want 7 (2 parts, 5 chapters)", len(got.Breaks))
	}
	for i, b := range got.Breaks {
		if b != "page" {
			t.Errorf("part or chapter %d: break-before is %q, want page", i+1, b)
		}
	}
	if got.Note != "none" {
		t.Errorf("the on-screen note prints (display %q)", got.Note)
	}
	if got.Navigation != 0 {
		t.Errorf("%d navigation elements on the print edition, want none", got.Navigation)
	}
	if !strings.Contains(got.Outside, "https://example.com/guide") {
		t.Errorf("an outside link prints as %q after its text, want its URL", got.Outside)
	}
	if got.Inside != "none" && got.Inside != "normal" {
		t.Errorf("a link between chapters prints %q after its text, want nothing", got.Inside)
	}
	if !strings.HasSuffix(got.Font, "serif") || strings.HasSuffix(got.Font, "sans-serif") {
		t.Errorf("body font %q does not fall back to serif", got.Font)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages != 10 {
		t.Errorf("the PDF has %d pages, want 10: title, contents, 2 parts, 5 chapters, credits", pages)
	}
}
