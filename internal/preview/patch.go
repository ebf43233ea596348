package preview

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/listpages"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/views"
)

// patchBuild is the preview's fast path, for the edit an author makes most:
// a change to the body of a page and nothing else. It works on the site the
// last good build was made from, whose pages the edit only patched, and
// redoes what the new bodies reach and nothing more: it converts the edited
// pages, checks the heading links into and out of them, and renders the
// files whose traces read what changed (the page itself, the book's home for a
// new reading time, the feeds that carry the post), found through the
// readers the last good build recorded; the sitemap is checked for new
// dates. Every other file is that build's, unchanged, so the cost follows
// the edit, not the size of the site. The print edition and EPUB, made of a
// whole book, wait for Complete.
//
// done is false when the fast path does not apply: no good build of this
// site to start from, outputs made without traces, or an edit that a list
// shows (a post's summary on the blog's index). The caller then runs the
// whole build, which gives the same result more slowly; the session's
// equivalence test holds both to a clean build.
func (s *Session) patchBuild(up *Update, start time.Time) (done bool, err error) {
	g := s.st.good
	if g == nil || g.site != s.site || !g.complete {
		return false, nil
	}
	m := newMemo(&s.st, s.tree, 0)
	m.marks, m.world, m.deferring = g.marks, g.world, true
	b, err := build.NewBuilder(s.tree, s.site, nil, s.opts, m)
	if err != nil {
		return true, err
	}
	dirty := slices.SortedFunc(maps.Keys(s.dirty), func(a, b *content.Page) int { return strings.Compare(a.Path, b.Path) })
	s.takeOver(b, m, g, dirty)
	into := len(b.Anchors())
	s.reconvert(b, dirty, g)
	s.absorb(m, false)
	b.SortWarnings()
	b.CheckAnchors()
	if err := b.StageErr(); err != nil {
		return true, content.WithWarnings(err, b.Warnings())
	}
	fresh := slices.Clone(b.Anchors()[into:])
	reach, ok := s.reached(dirty, g)
	if !ok || !s.imagesPublished(b, g) {
		return false, nil
	}
	m.force = reach.outs
	redone := s.redo(b, m, g, reach)
	if err := b.StageErr(); err != nil {
		return true, content.WithWarnings(err, b.Warnings())
	}
	g.links.replace(dirty, fresh)
	books := reach.books
	for out := range g.stale {
		if !slices.Contains(books, out) {
			books = append(books, out) // left stale by an earlier build
		}
	}
	slices.Sort(books)
	m.later = books
	s.commitPatch(g, b, m, redone, up, start)
	return true, nil
}

// takeOver gives a patch build's builder what the last good build made:
// its store of conversions (only the edited pages are converted again),
// its sidebars' blocks and its warnings, less those of the dirty pages'
// conversions (converting them again tells them again), and queues the
// heading links into the dirty pages for checking (converting them queues
// those out of them).
func (s *Session) takeOver(b *build.Builder, m *memo, g *goodBuild, dirty []*content.Page) {
	s.useImages(b)
	b.SetStore(g.conv)
	m.conv = g.conv
	b.SetEdited(s.edits)
	b.SetPartBlocks(g.partBlocks)
	warns := slices.Clone(g.warnings)
	for _, p := range dirty {
		warns = withoutWarnings(warns, p, g.convWarnings[p.Path])
	}
	b.SetWarnings(warns)
	anchors := b.Anchors()
	for _, p := range dirty {
		for _, a := range g.links.into[p] {
			if _, edited := s.dirty[a.From]; !edited {
				anchors = append(anchors, a)
			}
		}
	}
	// In the order a whole build checks them, each page's links in the
	// order they stand in it, so that two errors on one line come out in
	// the same order as from folio build.
	slices.SortStableFunc(anchors, func(x, y build.AnchorCheck) int {
		if c := strings.Compare(x.From.Path, y.From.Path); c != 0 {
			return c
		}
		return slices.Index(g.links.from[x.From], x) - slices.Index(g.links.from[y.From], y)
	})
	b.SetAnchors(anchors)
}

// reconvert converts the dirty pages again, with their new word counts,
// and the descriptions of the series whose pages they are.
func (s *Session) reconvert(b *build.Builder, dirty []*content.Page, g *goodBuild) {
	for _, p := range dirty {
		src := b.Source(p)
		g.marks[p].words, g.marks[p].count = uint64(src.ReadingMinutes()), uint64(src.Words)
		b.Convert(p)
	}
	for _, sr := range s.site.Series {
		if _, edited := s.dirty[sr.Page]; edited && sr.Page != nil {
			b.Store().DescribeSeries(sr) // the page's first paragraph may have changed
		}
	}
}

// redo renders the reached pages, feeds and list stages, and the sitemap,
// whose dates follow the sources' save times.
func (s *Session) redo(b *build.Builder, m *memo, g *goodBuild, reach reach) map[string][]byte {
	w, mem := output.NewMemory(nil, output.Options{Minify: b.Site().Config.Minify})
	b.SetWriter(w)
	for _, p := range reach.pages {
		if c := s.st.conv[p.Path]; c != nil && b.Store().HTML(p) == "" {
			b.Store().SetHTML(p, c.c.HTML()) // a build lets go of it once the page is rendered
		}
		b.RenderPage(p)
	}
	for _, out := range reach.feeds {
		s.redoFeed(b, g.feeds[out])
	}
	for _, stage := range reach.stages {
		b.RenderListStage(stage)
	}
	for p := range s.dirty {
		if m.savedOn(p) != g.days[p] {
			b.RenderSitemap() // saved on another day: the sitemap may date it anew
			break
		}
	}
	return mem.Files()
}

// redoFeed writes a feed again with its entries' HTML from the conversions
// the session keeps (a build frees it once a feed is written).
func (s *Session) redoFeed(b *build.Builder, job feedJob) {
	b.RewriteFeed(job.base, job.title, job.subtitle, job.posts, job.by, func(p *content.Page) []byte {
		if c := s.st.conv[p.Path]; c != nil {
			return c.c.AbsHTML()
		}
		return nil
	})
}

// reach is what an edit reaches, by how a patch build redoes it.
type reach struct {
	outs   map[string]bool
	pages  []*content.Page
	feeds  []string
	stages []string // of renderLists, see listStage
	books  []string // whole-book files, for Complete
}

// reached sorts the files that read an views.Aspect of the dirty pages that
// differs from the last good build's (as their views recorded, package views)
// by how they are redone; ok is false when some file is none of those, or
// the chapter sidebars, which a patch build takes over, read it.
func (s *Session) reached(dirty []*content.Page, g *goodBuild) (r reach, ok bool) {
	outs := map[string]bool{}
	for _, p := range dirty {
		changed := s.dirty[p].changed(*g.marks[p])
		for _, r := range g.readers[p.Path] {
			if r.what&changed != 0 {
				outs[r.out] = true
			}
		}
	}
	r.outs = outs
	for _, out := range slices.Sorted(maps.Keys(outs)) {
		switch _, feed := g.feeds[out]; {
		case g.pageOut[out] != nil:
			r.pages = append(r.pages, g.pageOut[out])
		case feed:
			r.feeds = append(r.feeds, out)
		case g.stages[out] != "":
			if !slices.Contains(r.stages, g.stages[out]) {
				r.stages = append(r.stages, g.stages[out])
			}
		case g.books[out] != nil:
			r.books = append(r.books, out)
		default:
			return r, false
		}
	}
	return r, true
}

// commitPatch makes the patch build the last good build.
func (s *Session) commitPatch(g *goodBuild, b *build.Builder, m *memo, redone map[string][]byte, up *Update, start time.Time) {
	files := g.files // the caller is done with it (see Update.Files)
	for out, data := range redone {
		if !bytes.Equal(files[out], data) {
			files[out] = data // what came out the same keeps its slice
		}
	}
	g.replaceTraces(m.traces)
	if m.days != nil {
		g.days = m.days // the sitemap was traced again
	}
	res := *g.result
	res.Files, res.Bytes = int64(len(files)), 0
	for _, data := range files {
		res.Bytes += int64(len(data))
	}
	res.Warnings, res.Elapsed = b.Warnings(), time.Since(start)
	g.result = &res
	// The next patch starts from the warnings as this one leaves them: an
	// edit of another page must not bring back those of the last full
	// build (a raw HTML warning of this edit went missing then).
	g.warnings = slices.Clone(b.Warnings())
	for p := range s.dirty {
		if c := s.st.conv[p.Path]; c != nil && c.c != nil && len(c.c.Warnings()) > 0 {
			g.convWarnings[p.Path] = c.c.Warnings()
		} else {
			delete(g.convWarnings, p.Path)
		}
	}
	s.dirty = map[*content.Page]marks{}
	s.defer_(b, m, up)
	up.Files, up.Result = files, &res
	up.Rendered = int(m.rendered.Load())
	up.Kept = g.outputs() - up.Rendered
	up.Fast = true
}

// headingLinks are a good build's links to headings of other pages, by the
// page they are in and by the page they point at.
type headingLinks struct {
	from, into map[*content.Page][]build.AnchorCheck
	n          int
}

func newHeadingLinks(all []build.AnchorCheck) *headingLinks {
	h := &headingLinks{from: map[*content.Page][]build.AnchorCheck{}, into: map[*content.Page][]build.AnchorCheck{}, n: len(all)}
	for _, a := range all {
		h.from[a.From] = append(h.from[a.From], a)
		h.into[a.Target] = append(h.into[a.Target], a)
	}
	return h
}

// replace swaps the links of the edited pages for those their new bodies
// hold.
func (h *headingLinks) replace(edited []*content.Page, fresh []build.AnchorCheck) {
	for _, p := range edited {
		for _, a := range h.from[p] {
			h.into[a.Target] = slices.DeleteFunc(h.into[a.Target], func(x build.AnchorCheck) bool { return x.From == p })
			h.n--
		}
		delete(h.from, p)
	}
	for _, a := range fresh {
		h.from[a.From] = append(h.from[a.From], a)
		h.into[a.Target] = append(h.into[a.Target], a)
		h.n++
	}
}

// indexReaders indexes what outputs read of pages' bodies by the page
// they read.
func indexReaders(traces map[string]*trace) map[string][]reader {
	readers := make(map[string][]reader, len(traces))
	for out, t := range traces {
		for _, r := range t.reads {
			if r.Kind == views.ReadPage && r.What&views.ReadsBody != 0 {
				readers[r.Path] = append(readers[r.Path], reader{out: out, what: r.What})
			}
		}
	}
	return readers
}

// replaceTraces takes in the traces of the outputs a later build redid,
// in place of those they had.
func (g *goodBuild) replaceTraces(traces map[string]*trace) {
	for out, t := range traces {
		if old := g.traces[out]; old != nil {
			for _, r := range old.reads {
				if r.Kind == views.ReadPage && r.What&views.ReadsBody != 0 {
					g.readers[r.Path] = slices.DeleteFunc(g.readers[r.Path], func(x reader) bool { return x.out == out })
				}
			}
		}
		g.traces[out] = t
		for _, r := range t.reads {
			if r.Kind == views.ReadPage && r.What&views.ReadsBody != 0 {
				g.readers[r.Path] = append(g.readers[r.Path], reader{out: out, what: r.What})
			}
		}
	}
}

// outputs counts the files with a trace.
func (g *goodBuild) outputs() int {
	n := len(g.traces)
	if g.traces[listpages.SidebarsOut] != nil {
		n--
	}
	return n
}

// withoutWarnings removes from ws one of each warning of page p's
// conversion.
func withoutWarnings(ws content.Problems, p *content.Page, conv []markdown.Problem) content.Problems {
	for _, c := range conv {
		i := slices.IndexFunc(ws, func(w *content.Error) bool {
			return w.File == p.File && w.Line == c.Line && w.Message == c.Message
		})
		if i >= 0 {
			ws = slices.Delete(ws, i, i+1)
		}
	}
	return ws
}
