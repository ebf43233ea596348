package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"folio/internal/build"
	"folio/internal/pdf"
)

// pdfOffer serves each book's PDF in folio serve, at /<book>/<slug>.pdf
// beside the EPUB, when a Chromium or Chrome is on the machine. A PDF is
// made when asked for, from the print edition the preview itself serves
// (so a request waits, at the gate, for the edition that includes the last
// save), and kept until the site changes: a request after an edit waits
// for a new one rather than get the old.
type pdfOffer struct {
	next    http.Handler
	browser string
	site    string // the preview's own address
	version func() uint64

	// mu guards books, which the serve loop sets and must never wait for;
	// making holds one PDF's making at a time, and guards made.
	mu     sync.Mutex
	books  map[string]build.PrintBook // by URL path of the PDF
	making sync.Mutex
	made   map[string]madePDF
	// settled is true while the preview waits for nothing (image variants
	// being made): a PDF made then would miss the pages' images.
	settled bool
	changed chan struct{} // closed and replaced when settled changes
}

type madePDF struct {
	version uint64
	data    []byte
}

func newPDFOffer(next http.Handler, browser, site string, version func() uint64) *pdfOffer {
	return &pdfOffer{next: next, browser: browser, site: site, version: version, made: map[string]madePDF{},
		changed: make(chan struct{})}
}

// settle says whether the preview waits for image variants.
func (o *pdfOffer) settle(settled bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.settled = settled
	close(o.changed)
	o.changed = make(chan struct{})
}

// waitSettled waits until the preview waits for nothing.
func (o *pdfOffer) waitSettled(ctx context.Context) error {
	for {
		o.mu.Lock()
		settled, changed := o.settled, o.changed
		o.mu.Unlock()
		if settled {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// setBooks takes the books of a good build.
func (o *pdfOffer) setBooks(books []build.PrintBook) {
	byPath := map[string]build.PrintBook{}
	for _, b := range books {
		byPath["/"+b.PDFPath] = b
	}
	o.mu.Lock()
	o.books = byPath
	o.mu.Unlock()
}

func (o *pdfOffer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	book, ok := o.books[r.URL.Path]
	o.mu.Unlock()
	if !ok || r.Method != http.MethodGet && r.Method != http.MethodHead {
		o.next.ServeHTTP(w, r)
		return
	}
	data, err := o.pdf(r.Context(), r.URL.Path, book)
	if err != nil {
		http.Error(w, "folio serve could not make the PDF: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

// pdf returns the book's PDF for the current site, making it when the site
// changed since the last one. One PDF is made at a time.
func (o *pdfOffer) pdf(ctx context.Context, path string, book build.PrintBook) ([]byte, error) {
	o.making.Lock()
	defer o.making.Unlock()
	// Asking for the print edition first waits, at the gate, for the one
	// that includes the last save and its images; the version is read
	// after that.
	if err := o.waitSettled(ctx); err != nil {
		return nil, err
	}
	if err := o.fetchPrint(ctx, book); err != nil {
		return nil, err
	}
	v := o.version()
	if m, ok := o.made[path]; ok && m.version == v {
		return m.data, nil
	}
	data, err := pdf.Render(ctx, pdf.Options{Browser: o.browser, URL: o.site + book.PrintPath, Size: pdf.Sizes["a4"],
		Date: book.Date, Timeout: 2 * time.Minute})
	if err != nil {
		return nil, err
	}
	o.made[path] = madePDF{version: v, data: data}
	return data, nil
}

func (o *pdfOffer) fetchPrint(ctx context.Context, book build.PrintBook) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, o.site+book.PrintPath, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("the print edition: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("the print edition answered %s", res.Status)
	}
	return nil
}
