// Package shelved owns what a clean build keeps of each page from one
// stage for a later one, packed on a shelf (package shelf) rather than on
// the heap: the pages' Markdown from loading to their conversion
// (Sources), and their search analyses from the page stage to the index
// (Analyses), which unpacks them one page at a time as the index asks
// (search.Doc.Load).
//
// A build runs under a memory limit (package membudget), so what it keeps
// sets both its peak memory and how often the collector runs. At 10,000
// pages the Markdown is 79 MiB, held whole from loading until the page
// stage has converted most of it, and the analyses some 60 MB once
// unpacked. One that does not come back (a shelf that cannot be read,
// bytes that do not unpack) is an error naming the page. A preview keeps
// neither: its session keeps sources and conversions for the next build.
package shelved

import (
	"fmt"

	"folio/internal/content"
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
// the page stage to the index. A nil Analyses has nothing shelved.
type Analyses struct {
	k *shelf.Keyed[*content.Page]
}

// NewAnalyses makes the shelf of a clean build's search analyses.
func NewAnalyses() *Analyses {
	return &Analyses{k: shelf.NewKeyed[*content.Page](shelf.New("folio-search-*"))}
}

// Put packs p's analysis and shelves it, from any goroutine.
func (a *Analyses) Put(p *content.Page, body *search.Body) {
	a.k.Put(p, body.Pack())
}

// Loader returns what unpacks p's analysis from the shelf, as often as
// it is called (search.Doc.Load), or nil when p has none.
func (a *Analyses) Loader(p *content.Page) func() (*search.Body, error) {
	if a == nil || !a.k.Has(p) {
		return nil
	}
	return func() (*search.Body, error) {
		packed, _, err := a.k.Read(p)
		var body *search.Body
		if err == nil {
			body, err = search.Packed(packed).Body()
		}
		if err != nil {
			return nil, fmt.Errorf("take the search analysis of %s back from the build's shelf: %w", p.File, err)
		}
		return body, nil
	}
}

// Close removes the shelf; what is on it is gone.
func (a *Analyses) Close() {
	if a != nil {
		a.k.Close()
	}
}
