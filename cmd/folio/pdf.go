package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"testing/fstest"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/pdf"
)

// pdfFlags are the settings of one folio pdf.
type pdfFlags struct {
	site      siteFlags
	out, only string
	size      string
	rightHand bool
	timeout   time.Duration
}

func runPDF(args []string, c *console) int {
	var f pdfFlags
	fs := newCommand("pdf", "pdf [flags]", "Writes each book of the site as a print-ready PDF, <book-title-slug>.pdf in the current folder:\n"+
		"a cover, the title page, the contents with page numbers, running heads and folios, tagged for screen readers\n"+
		"and bookmarked by part and chapter. It lays the book out with a Chromium or Chrome found on PATH\n"+
		"(or named by FOLIO_CHROMIUM).")
	fs.StringVar(&f.site.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/, i18n/)")
	fs.StringVar(&f.out, "o", "", "the PDF `file` to write (one book only: name it with --book when the site has several)")
	fs.StringVar(&f.only, "book", "", "write only the book with this `slug` (its file name without .pdf) or folder name")
	fs.StringVar(&f.size, "size", "a4", "the page `size`: a4, letter, a5 or 6x9in")
	fs.BoolVar(&f.rightHand, "right-hand", false, "start every part and chapter on a right-hand (odd) page, as printed books do")
	fs.StringVar(&f.site.baseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in folio.yaml; links to the rest of the site become plain text without one")
	fs.BoolVar(&f.site.drafts, "drafts", false, "include chapters with draft: true")
	fs.DurationVar(&f.timeout, "timeout", 2*time.Minute, "how long the browser may take per book before folio gives up")
	fs.verbosity(c)
	if exit, ok := fs.parseFlagsOnly(args, c); !ok {
		return exit
	}
	c.settings(f.site)
	size, ok := pdf.Sizes[strings.ToLower(f.size)]
	if !ok {
		fmt.Fprintf(c.err, "folio pdf: --size %q is not a size folio knows; use one of %s\n", f.size, strings.Join(sizeNames(), ", "))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := makePDFs(ctx, f, size, c); err != nil {
		errs := c.problems(c.err, err)
		fmt.Fprintf(c.err, "folio pdf: no PDF written (%s)\n", plural(len(errs), "1 error", "errors"))
		return 1
	}
	return 0
}

func sizeNames() []string {
	var names []string
	for n := range pdf.Sizes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// makePDFs builds the site into memory, serves it on a loopback port and has
// the browser print each book.
func makePDFs(ctx context.Context, f pdfFlags, size pdf.Size, c *console) error {
	browser, err := pdf.FindBrowser()
	if err != nil {
		return err
	}
	site, err := build.MakePrintSite(f.site.options(), f.only)
	if site != nil {
		c.warn(site.Warnings)
	}
	c.warn(content.WarningsOf(err)) // found before it failed
	if err != nil {
		return err
	}
	if f.out != "" && len(site.Books) > 1 {
		return fmt.Errorf("-o names one file but the site has %d books; pick one with --book", len(site.Books))
	}
	url, closeServer, err := serveFiles(site.Files)
	if err != nil {
		return err
	}
	defer closeServer()
	for _, book := range site.Books {
		start := time.Now()
		data, err := pdf.Render(ctx, pdf.Options{Browser: browser, URL: url + book.PrintPath, SiteURL: site.BaseURL,
			Size: size, RightHand: f.rightHand, Date: book.Date, Timeout: f.timeout})
		if err != nil {
			return fmt.Errorf("%q: %w", book.Title, err)
		}
		file := book.Slug + ".pdf"
		if f.out != "" {
			file = f.out
		}
		if err := writeFileAtomic(file, data); err != nil {
			return err
		}
		_, pages, _ := pdf.DestinationPages(data)
		c.info("wrote %s: %q, %d pages (%s), %d chapters, %d KB in %d ms", file, book.Title, pages,
			size.Name, book.Chapters, (len(data)+1023)/1024, time.Since(start).Milliseconds())
	}
	return nil
}

// serveFiles serves the site on a free loopback port until closed.
func serveFiles(files map[string][]byte) (string, func(), error) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("serve the book to the browser: %w", err)
	}
	hs := &http.Server{Handler: http.FileServerFS(fsys), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	return "http://" + ln.Addr().String() + "/", func() { _ = hs.Close() }, nil
}
