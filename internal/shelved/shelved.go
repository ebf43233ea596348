// Package shelved owns what a clean build keeps of each page from one
// stage for a later one, packed on a shelf (package shelf) rather than on
// the heap: the pages' Markdown from loading to their conversion
// (Sources), and their search analyses from the page stage to the index
// (Analyses: analysed and packed where each page is converted, shelved in
// batches, read back one page at a time as the index asks,
// search.Doc.Load).
//
// A build runs under a memory limit (package membudget), so what it keeps
// sets both its peak memory and how often the collector runs. At 10,000
// pages the Markdown is 79 MiB, held whole from loading until the page
// stage has converted most of it, and the analyses some 60 MB once
// unpacked. One that does not come back is an error naming the page (a
// shelf that cannot be read: its file here; bytes that do not unpack: its
// URL, from search.Write). A preview keeps
// neither: its session keeps sources and conversions for the next build.
package shelved

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"folio/internal/content"
	"folio/internal/scratch"
	"folio/internal/search"
	"folio/internal/shelf"
)

// Sources are the pages' Markdown from loading (content.Options.Shelve,
// Put) to conversion (Restore), as written: packing it (S2) took 1.2% of
// a 1,000-page build's processor time, more than writing twice the bytes
// to the file cache. A nil Sources has nothing shelved.
type Sources struct {
	k *shelf.Keyed[*content.Page]
}

// NewSources makes the shelf of a clean build's sources.
func NewSources() *Sources {
	return &Sources{k: shelf.NewKeyed[*content.Page](shelf.New("folio-sources-*"))}
}

// Put shelves p's Markdown, from any goroutine; body is the shelf's
// should the file not take it.
func (s *Sources) Put(p *content.Page, body []byte) {
	s.k.Put(p, body)
}

// Restore gives p back its Markdown (content.SetBody), if it was shelved;
// once only.
func (s *Sources) Restore(p *content.Page) error {
	if s == nil {
		return nil
	}
	body, ok, err := s.k.Take(p)
	if !ok {
		return nil
	}
	if err != nil {
		return fmt.Errorf("take the Markdown of %s back from the build's shelf: %w", p.File, err)
	}
	content.SetBody(p, body)
	return nil
}

// Close removes the shelf; what is on it is gone.
func (s *Sources) Close() {
	if s != nil {
		s.k.Close()
	}
}

// Analyses are the pages' search analyses, packed (search.Packed), from
// the page stage to the index, on the shelf in batches of about
// batchBytes: a write per page was 1,088 calls into the system at 1,000
// pages, 1.4% of the build's processor time with the Markdown's. A nil
// Analyses has nothing shelved.
type Analyses struct {
	s       *shelf.Shelf
	mu      sync.Mutex
	batch   []byte       // the analyses not yet on the shelf
	batches []shelf.Item // those on it
	at      map[*content.Page]span
	closed  bool
}

// span is where a page's analysis is: its batch (an index into batches,
// or the one being filled), where in it and its length; and its MetaSum.
type span struct {
	batch, off, n int
	sum           search.MetaSum
}

// batchBytes is the size of a batch: a few dozen at 1,000 pages.
const batchBytes = 128 << 10

// NewAnalyses makes the shelf of a clean build's search analyses.
func NewAnalyses() *Analyses {
	return &Analyses{s: shelf.New("folio-search-*"), at: map[*content.Page]span{}}
}

// packScratch recycles the buffers that pages are packed in before they
// join a batch.
var packScratch = scratch.New(1 << 20)

// Put analyses html, p's rendered body, with the words of d, and shelves
// the analysis packed (search.AppendPackedHTML), from any goroutine.
func (a *Analyses) Put(p *content.Page, d *search.Dict, html string) {
	buf := packScratch.Get()
	var sum search.MetaSum
	*buf, sum = search.AppendPackedHTML(*buf, d, html)
	a.put(p, *buf, sum)
	packScratch.Put(buf)
}

// put adds a page's packed analysis to the batch, and puts the batch on
// the shelf once full, reusing its buffer: a new one for each batch was
// 4.3 MB of a 1,000-page build's allocations. Other pages wait the while
// (a write into the file cache, a few dozen times a build).
func (a *Analyses) put(p *content.Page, packed []byte, sum search.MetaSum) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.at[p] = span{batch: len(a.batches), off: len(a.batch), n: len(packed), sum: sum}
	a.batch = append(a.batch, packed...)
	if len(a.batch) >= batchBytes {
		a.batches = append(a.batches, a.s.PutCopy(a.batch))
		a.batch = a.batch[:0]
	}
}

// Doc is p's analysis for the index: its MetaSum, and a Load that reads
// it from the shelf, packed, as often as it is called; no Load when p
// has none. Call it once every analysis is put.
func (a *Analyses) Doc(p *content.Page) search.Doc {
	if a == nil {
		return search.Doc{}
	}
	a.mu.Lock()
	sp, ok := a.at[p]
	a.mu.Unlock()
	if !ok {
		return search.Doc{}
	}
	return search.Doc{MetaSum: sp.sum, Load: func(dst []byte) (search.Packed, error) {
		at := len(dst)
		dst = slices.Grow(dst, sp.n)[:at+sp.n]
		if err := a.read(sp, dst[at:]); err != nil {
			return nil, fmt.Errorf("take the search analysis of %s back from the build's shelf: %w", p.File, err)
		}
		return dst, nil
	}}
}

// read reads the analysis at sp into p: from the shelf, or from the last
// batch, which is never full.
func (a *Analyses) read(sp span, p []byte) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.closed:
		return errClosed
	case sp.batch == len(a.batches):
		copy(p, a.batch[sp.off:])
		return nil
	}
	return a.s.ReadAt(a.batches[sp.batch], p, sp.off)
}

// errClosed is an analysis loaded once the shelf is closed.
var errClosed = errors.New("the analyses were taken after the build closed their shelf")

// Close removes the shelf; what is on it is gone.
func (a *Analyses) Close() {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.closed, a.batch = true, nil
	a.mu.Unlock()
	a.s.Close()
}
