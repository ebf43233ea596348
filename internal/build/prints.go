package build

import (
	"fmt"
	"folio/internal/i18n"

	"folio/internal/content"
)

// This file fingerprints what many of a build's files share: the site's
// settings and navigation, each book's contents, each series, the tags.
// They depend only on the linked site, so a patch build takes them over.

// sitePrints fingerprint what many files share; they depend only on the
// linked site, so a patch build takes them over.
type sitePrints struct {
	global    uint64
	seriesAll uint64
	tagsAll   uint64
	tagNames  uint64 // how each tag is spelled
	user      uint64 // see memo.user
	books     map[*content.Book]*bookPrints
	series    map[*content.Series]uint64
}

// bookPrints fingerprint a book as its pages show it.
type bookPrints struct {
	// header is the contents as a folded sidebar shows it: part titles,
	// and the chapters of runs outside any part.
	header uint64
	// all is the whole contents: parts and every chapter.
	all    uint64
	parts  map[*content.Part]uint64
	series uint64
}

// printSite fingerprints what many pages share.
func (m *memo) printSite(b *builder) *sitePrints {
	site := b.site
	sp := &sitePrints{books: map[*content.Book]*bookPrints{}, series: map[*content.Series]uint64{}}
	f := newFingerprint()
	f.str(fmt.Sprintf("%#v", b.cfg))
	// The navigation shows the titles and URLs of these pages only; their
	// other fields reach only the pages that show them, whose keys have them.
	for _, p := range site.Menu {
		f.str(p.URL)
		f.str(p.Title)
	}
	for _, bk := range site.Books {
		f.str(bk.Index.URL)
		f.str(bk.Index.Title)
	}
	for _, bl := range site.Blogs {
		f.str(bl.Index.URL)
		f.str(bl.Index.Title)
	}
	f.bool(len(site.Series) > 0)
	f.bool(len(site.Tags) > 0)
	f.u64(m.tree.gen["layouts"])
	f.u64(m.tree.gen[i18n.Dir]) // the words of every page (the language is in the config)
	sp.global = f.sum()
	if m.user {
		u := newFingerprint()
		for _, p := range site.Pages {
			u.u64(m.link(p))
			u.u64(m.marks[p].words)
			u.int(b.source(p).Words)
		}
		sp.user = u.sum()
	}
	for _, bk := range site.Books {
		sp.books[bk] = m.printBook(bk)
	}
	all := newFingerprint()
	for _, s := range site.Series {
		sp.series[s] = m.printSeries(s)
		all.str(s.Name)
		all.str(s.Slug)
		all.str(s.URL)
		all.int(len(s.Posts))
	}
	sp.seriesAll = all.sum()
	tags, names := newFingerprint(), newFingerprint()
	for _, t := range site.Tags {
		tags.str(t.Name)
		tags.str(t.URL)
		tags.int(len(t.Pages))
		names.str(t.Name)
		names.str(t.Slug)
	}
	sp.tagsAll, sp.tagNames = tags.sum(), names.sum()
	return sp
}

func (m *memo) printBook(bk *content.Book) *bookPrints {
	bp := &bookPrints{parts: map[*content.Part]uint64{}}
	header, all := newFingerprint(), newFingerprint()
	for _, part := range bk.Parts {
		pf := newFingerprint()
		for _, c := range part.Chapters {
			pf.u64(m.link(c.Page))
		}
		bp.parts[part] = pf.sum()
		all.u64(m.link(part.Index))
		all.u64(bp.parts[part])
		header.u64(m.link(part.Index))
		if part.Index == nil {
			header.u64(bp.parts[part])
		}
	}
	bp.header, bp.all = header.sum(), all.sum()
	sf := newFingerprint()
	for _, s := range bk.Series {
		sf.str(s.Name)
		sf.str(s.URL)
		sf.int(len(s.Posts))
	}
	bp.series = sf.sum()
	return bp
}

// printSeries covers a series as its posts show it. Its description is
// not part of it: a build may derive that from the series page while it
// converts (describeSeries), and the files that show it read it then (see
// seriesView).
func (m *memo) printSeries(s *content.Series) uint64 {
	f := newFingerprint()
	f.str(s.Name)
	f.str(s.Slug)
	f.str(s.URL)
	f.u64(m.link(s.Page))
	if s.Book != nil {
		f.u64(m.link(s.Book.Index))
	}
	for _, post := range s.Posts {
		f.u64(m.link(post.Page))
	}
	return f.sum()
}

// link is a page's link print; nil pages print as 0.
func (m *memo) link(p *content.Page) uint64 {
	if p == nil {
		return 0
	}
	if mk := m.marks[p]; mk != nil {
		return mk.link
	}
	return linkPrint(p)
}

// printLists fingerprints what every page's conversion gives lists to show,
// for the keys of a site with its own templates (see memo.user).
func (m *memo) printLists(site *content.Site) uint64 {
	f := newFingerprint()
	for _, p := range site.Pages {
		if mk := m.marks[p]; mk != nil {
			f.u64(mk.conv)
			f.u64(mk.heads)
		}
	}
	for _, s := range site.Series {
		f.str(m.conv.seriesDescription(s))
	}
	return f.sum()
}
