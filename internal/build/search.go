package build

import (
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/converted"
	"folio/internal/i18n"
	"folio/internal/search"
)

// This file wires package search into the stages: each converted page's
// body is analysed where it is converted (on all cores; a preview session
// keeps the analysis with the conversion, so an unchanged page is not
// analysed again), and once every page is converted the index is written
// from the analyses of the searchable pages, with the client and the
// /search/ page. In a preview session the index waits for Complete, like
// the print edition: it is made of the whole site.

// searchable reports whether p goes into the index.
func (b *builder) searchable(p *content.Page) bool {
	return b.cfg.Search && !p.NoSearch
}

// analyzeForSearch has the cache analyse a page's converted body: a clean
// build packs the analysis for the index, a preview keeps it with the
// conversion, once per conversion.
func (b *builder) analyzeForSearch(p *content.Page, c *converted.Page) {
	if !b.searchable(p) {
		return
	}
	b.cache.KeepSearch(b.h, p, c)
}

// SearchDocs lists the searchable pages by URL with their analyses; body
// returns nil for a page that has none. words name the blog and the
// series in the site's language.
func SearchDocs(site *content.Site, words *i18n.Words, body func(*content.Page) *search.Body) []search.Doc {
	return searchDocs(site, words, func(p *content.Page) search.Doc { return search.Doc{Body: body(p)} })
}

// searchDocs is SearchDocs with each analysis given as a Doc's Body or
// Load, neither for a page that has none.
func searchDocs(site *content.Site, words *i18n.Words, analysis func(*content.Page) search.Doc) []search.Doc {
	pages := slices.Clone(site.Pages)
	slices.SortFunc(pages, func(a, b *content.Page) int { return strings.Compare(a.URL, b.URL) })
	docs := make([]search.Doc, 0, len(pages))
	for _, p := range pages {
		if p.NoSearch {
			continue
		}
		doc := analysis(p)
		if doc.Body == nil && doc.Load == nil {
			continue
		}
		doc.Title = p.Title
		if doc.Title == "" || p.Kind == content.KindHome {
			doc.Title = firstNonEmpty(doc.Title, site.Config.Title)
		}
		doc.URL, doc.Label = strings.TrimPrefix(p.URL, "/"), searchLabel(p, words)
		docs = append(docs, doc)
	}
	return docs
}

// searchLabel says where a result belongs: its book, its blog, the series.
func searchLabel(p *content.Page, words *i18n.Words) string {
	switch {
	case p.Book != nil && p.Book.Index != nil:
		return p.Book.Index.Title
	case p.Blog != nil && p.Blog.Index != nil:
		return p.Blog.Index.Title
	case p.Post != nil:
		return words.Word("blog")
	case p.Kind == content.KindSeries:
		return words.Word("series")
	}
	return ""
}

// renderSearch writes the /search/ page and the client (the index comes
// after the lists: startSearchIndex).
func (b *builder) renderSearch() {
	if !b.cfg.Search {
		return
	}
	b.renderSearchPage()
	words, err := b.words.JSON(search.ClientWords...)
	if err != nil {
		panic(err) // en.yaml has every word of the client
	}
	b.write(search.ClientPath, "built-in search client", search.Client(words))
	b.generated.Add(1)
}

// startSearchIndex has the index written on a goroutine of its own and
// returns what waits for it (a preview's index waits for
// Session.Complete); renderListsAndPrints says beside what. Among the
// lists, which keep every core busy, the index lengthened a build with a
// book by its own time; beside the print edition, which renders a whole
// book on one core and left the other idle, in go test
// -trace's record of BenchmarkBuild1000 (2 cores, a loaded machine) it
// is now written 180-190 ms into a print stage of 290-335 ms, which
// had run on one core for 224 ms.
func (b *builder) startSearchIndex() (wait func()) {
	if !b.cfg.Search {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.cache.WriteSearchIndex(b.h)
	}()
	return func() { <-done }
}

// writeSearchIndex writes a clean build's index from the pages' analyses
// (searchDocs), letting them go as it reads them, and each file as soon
// as it is made (search.Options.Write: the metadata blocks, hundreds,
// beside the postings rather than after them).
func (b *builder) writeSearchIndex(analysis func(*content.Page) search.Doc) {
	write := func(f search.File) { b.write(f.Path, "search index", f.Data) }
	idx, err := search.Write(b.searchDict, searchDocs(b.site, b.words, analysis), search.Options{Language: b.cfg.Language, Release: true, Write: write})
	if err != nil {
		b.problem(&content.Error{File: "search index", Message: err.Error()})
		return
	}
	b.generated.Add(int64(len(idx.Files)))
	b.searchFiles, b.searchBytes = len(idx.Files), idx.Bytes // not the files: the EPUBs come next
}

// renderSearchPage writes /search/, which the search box submits to.
func (b *builder) renderSearchPage() {
	d := b.newData("search", "Search", "/"+search.Dir)
	d.NoIndex = true // nothing of its own to find
	b.renderData("search", search.Dir+"index.html", "search page", d)
	b.generated.Add(1)
}
