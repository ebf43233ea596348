package preview

import (
	"sync"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/i18n"
	"folio/internal/views"
	"folio/internal/workpool"
)

// This file is how a preview decides that an output can be handed over
// unchanged: from what the output read when it was last made, not from a
// list of what outputs of its kind are thought to read. Each output keeps a
// trace: a digest of what the build gave it (its layout, the template
// files that layout runs, the fields of its views.Data, by value; views.Digest) and every read its views
// recorded (package views), or that the code writing it declared where it
// writes it (feeds, the sitemap, the editions: tracedfiles.go), each with
// the digest of what it read. The next build hands the output over when
// the data digest is the same and every read, evaluated again against the
// new site, gives the digest it gave then (a verifying trace); otherwise
// it renders the output and keeps its new trace.

// tracedRead is a read with the digest of what it read.
type tracedRead struct {
	views.Read
	sum uint64
}

// trace is what an output was made from.
type trace struct {
	data  uint64
	reads []tracedRead
}

// traced evaluates reads in this build.
func (m *memo) traced(reads []views.Read) []tracedRead {
	out := make([]tracedRead, len(reads))
	for i, r := range reads {
		out[i] = tracedRead{r, m.sum(r)}
	}
	return out
}

// holds reports whether every read of t gives what it gave then.
func (m *memo) holds(t *trace) bool {
	for _, r := range t.reads {
		if m.sum(r.Read) != r.sum {
			return false
		}
	}
	return true
}

// sum evaluates a read against this build. What depends on the linked
// site alone is evaluated once per build.
func (m *memo) sum(r views.Read) uint64 {
	switch r.Kind {
	case views.ReadPage:
		return m.pageSum(r)
	case views.ReadNow, views.ReadSeriesDescription, views.ReadWorld:
		return m.siteSum(r)
	}
	m.mu.Lock()
	v, ok := m.sums[r]
	m.mu.Unlock()
	if !ok {
		v = m.siteSum(r)
		m.mu.Lock()
		m.sums[r] = v
		m.mu.Unlock()
	}
	return v
}

// pageSum evaluates the aspects r.What of a page; a page the site does not
// have gives 0.
func (m *memo) pageSum(r views.Read) uint64 {
	p := m.b.Site().PageByPath(r.Path)
	if p == nil || m.marks[p] == nil {
		return 0
	}
	mk := m.markOf(p)
	// Only the aspects read: another page's conversion may be under way.
	f := views.Seeded()
	for _, a := range [...]struct {
		what views.Aspect
		v    *uint64
	}{{views.ReadsMeta, &mk.meta}, {views.ReadsPlace, &mk.place}, {views.ReadsMinutes, &mk.words}, {views.ReadsWords, &mk.count},
		{views.ReadsSummary, &mk.conv}, {views.ReadsHeadings, &mk.heads}, {views.ReadsOwn, &mk.own}} {
		if r.What&a.what != 0 {
			f.U64(*a.v)
		}
	}
	if r.What&views.ReadsSource != 0 {
		f.U64(m.sourceSum(p))
	}
	if r.What&views.ReadsSaved != 0 {
		f.Int(m.savedOn(p))
	}
	return f.Sum()
}

func (m *memo) sourceSum(p *content.Page) uint64 {
	sum, _ := m.tree.Sum(p.File)
	f := views.Seeded()
	f.Str(sum)
	return f.Sum()
}

// siteSum evaluates a read of something other than a page.
func (m *memo) siteSum(r views.Read) uint64 {
	b, site := m.b, m.b.Site()
	f := views.Seeded()
	switch r.Kind {
	case views.ReadSite:
		f.U64(views.Digest(b.Site().Config))
		f.U64(m.tree.Gen(i18n.Dir))
		f.Bool(len(site.Series) > 0)
		f.Bool(len(site.Tags) > 0)
		f.U64(views.Digest(struct {
			Books []*content.Book
			Blogs []*content.Blog
			Menu  []*content.Page
		}{site.Books, site.Blogs, site.Menu}))
	case views.ReadNow:
		f.Time(site.Now)
	case views.ReadWorld:
		f.U64(m.world)
	case views.ReadBook:
		m.bookSum(&f, r.Path)
	case views.ReadBlog:
		for _, bl := range site.Blogs {
			if bl.Index.Path == r.Path {
				f.U64(views.Digest(bl.Posts))
			}
		}
	case views.ReadSeries, views.ReadSeriesDescription:
		m.seriesSum(&f, r)
	case views.ReadTag:
		for _, t := range site.Tags {
			if t.Slug == r.Path {
				f.Str(t.Name)
				f.Str(t.URL)
				f.U64(views.Digest(t.Pages))
			}
		}
	default:
		m.listSum(&f, r)
	}
	return f.Sum()
}

// listSum evaluates a read of one of the site's lists.
func (m *memo) listSum(f *views.Fingerprint, r views.Read) {
	site := m.b.Site()
	switch r.Kind {
	case views.ReadPages:
		f.U64(views.Digest(site.Pages))
	case views.ReadAllSeries:
		f.U64(views.Digest(site.Series))
	case views.ReadAllTags:
		for _, t := range site.Tags {
			f.Str(t.Name)
			f.Str(t.Slug)
			f.Str(t.URL)
		}
	case views.ReadScheduled:
		// Not in the site's pages, so no page read finds them: their
		// views' values are all in this one.
		for _, p := range site.Scheduled {
			f.U64(views.Digest(views.PageFields(p)))
		}
	case views.ReadAssets:
		f.U64(views.Digest(site.Assets))
	case views.ReadOmitted:
		if r.Path == "" {
			f.U64(views.Digest(site.OmittedPages()))
		} else {
			f.Str(site.Omitted(r.Path))
		}
	case views.ReadLookup:
		f.U64(views.Digest(site.PageByPath(r.Path)))
	}
}

// bookSum is a book's contents: its parts and chapters in order, whether
// it is folded, the series that accompany it.
func (m *memo) bookSum(f *views.Fingerprint, path string) {
	for _, bk := range m.b.Site().Books {
		if bk.Index.Path != path {
			continue
		}
		for _, part := range bk.Parts {
			f.Str(views.PartIdentity(part))
			f.U64(views.Digest(part.Chapters))
		}
		f.U64(views.Digest(bk.Chapters))
		f.U64(views.Digest(bk.Series))
		f.Bool(bk.Folded())
	}
}

func (m *memo) seriesSum(f *views.Fingerprint, r views.Read) {
	for _, s := range m.b.Site().Series {
		if s.Slug != r.Path {
			continue
		}
		if r.Kind == views.ReadSeriesDescription {
			f.Str(m.conv.SeriesDescription(s))
			return
		}
		f.Str(s.Name)
		f.Str(s.URL)
		f.U64(views.Digest(s.Page))
		f.U64(views.Digest(s.Book))
		f.U64(views.Digest(s.Posts))
	}
}

// pageMarks makes the marks of every page, each with the digests of what
// the page shows before it is converted still to be worked out (premark):
// the first time a trace reads them (markOf) or, for the rest, once the
// pages are rendered (completeMarks). The linked site does not change
// meanwhile, so the digests are the same whenever they are made; working
// out 10,000 of them first, about 120 ms of processor time, held up the
// first page of a preview's start. Conversion adds the rest
// (memo.converted).
func pageMarks(b *build.Builder) (map[*content.Page]*marks, map[*content.Page]*sync.Once) {
	all := make(map[*content.Page]*marks, len(b.Site().Pages))
	pending := make(map[*content.Page]*sync.Once, len(b.Site().Pages))
	for _, p := range b.Site().Pages {
		all[p], pending[p] = &marks{}, &sync.Once{}
	}
	return all, pending
}

// premark digests what p shows before it is converted: its view's fields,
// its place in books and blogs, its word count and reading time.
func premark(b *build.Builder, p *content.Page, mk *marks) {
	src := b.Source(p)
	mk.meta, mk.place = views.Digest(views.PageFields(p)), placeSum(p)
	mk.words = uint64(src.ReadingMinutes())
	f := views.Seeded()
	f.Int(src.Words)
	f.Int(src.BodyLine)
	mk.count = f.Sum()
}

// markOf is p's marks, with premark's digests made if they are not yet.
func (m *memo) markOf(p *content.Page) *marks {
	mk := m.marks[p]
	if once := m.pending[p]; once != nil && mk != nil {
		once.Do(func() { premark(m.b, p, mk) })
	}
	return mk
}

// completeMarks makes the digests no trace read, once the pages are
// rendered: the next build compares its pages with them.
func (m *memo) completeMarks() {
	if m.pending == nil {
		return
	}
	workpool.Each(workpool.Cores(), m.b.Site().Pages, func(p *content.Page) { m.markOf(p) })
	m.pending = nil
}

// placeSum is a page's place: its book, part, chapter number and
// neighbours; its blog, series, part number and neighbours.
func placeSum(p *content.Page) uint64 {
	f := views.Seeded()
	f.U64(views.Digest(struct {
		Book    *content.Book
		Part    *content.Part
		Blog    *content.Blog
		Chapter *content.Chapter
		Post    *content.Post
	}{p.Book, p.Part, p.Blog, p.Chapter, p.Post}))
	if c := p.Chapter; c != nil {
		f.Int(c.Number)
		f.U64(views.Digest([]*content.Chapter{c.Prev, c.Next}))
		f.U64(views.Digest(c.Part))
	}
	if post := p.Post; post != nil {
		f.Int(post.PartNumber)
		f.U64(views.Digest([]*content.Post{post.Prev, post.Next}))
		f.U64(views.Digest(post.Series))
		f.U64(views.Digest(post.Blog))
	}
	return f.Sum()
}

// sidebarKey is the digest of a chapter's sidebar (Builder.SidebarDigest),
// worked out once per part in a build.
func (m *memo) sidebarKey(b *build.Builder, c *content.Chapter) uint64 {
	m.mu.Lock()
	v, ok := m.sidebars[c.Part]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = b.SidebarDigest(c)
	m.mu.Lock()
	m.sidebars[c.Part] = v
	m.mu.Unlock()
	return v
}
