package preview

import (
	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/search"
	"folio/internal/views"
)

// This file is the session's search index: made in Complete, like the
// print edition, from the analyses the session keeps with its
// conversions, and made again only when a page's place in it changed.

// completeSearch writes the session's index from the conversions it keeps,
// into files, replacing the last index; nothing is redone when no page's
// place in it changed.
func (s *Session) completeSearch(files map[string][]byte) error {
	st := &s.st
	for _, f := range st.searchFiles {
		delete(files, f.Path)
	}
	if !s.site.Config.Search {
		st.searchFiles, st.searchKey = nil, 0
		return nil
	}
	d := (&memo{st: st}).SearchDict()
	docs := build.SearchDocs(s.site, st.words, func(p *content.Page) *search.Body {
		if c := st.conv[p.Path]; c != nil && c.c != nil {
			return c.c.SearchBody(d)
		}
		return nil
	})
	key := searchKey(docs, s.site.Config.Language)
	if key != st.searchKey || st.searchFiles == nil {
		idx, err := search.Write(d, docs, search.Options{Language: s.site.Config.Language})
		if err != nil {
			return &content.Error{File: "search index", Message: err.Error()}
		}
		st.searchFiles, st.searchKey = idx.Files, key
	}
	for _, f := range st.searchFiles {
		files[f.Path] = f.Data
	}
	return nil
}

// searchKey fingerprints what an index is made of: each document's URL,
// title, label and analysis (by its serial number: a conversion's analysis
// is made once and never changed).
func searchKey(docs []search.Doc, lang string) uint64 {
	f := views.NewFingerprint()
	f.Str(lang)
	for _, d := range docs {
		f.Str(d.URL)
		f.Str(d.Title)
		f.Str(d.Label)
		f.U64(d.Body.Serial)
	}
	return f.Sum()
}
