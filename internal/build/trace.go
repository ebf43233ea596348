package build

import (
	"html/template"
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/i18n"
	"folio/internal/workpool"
)

// This file is how a preview decides that an output can be handed over
// unchanged: from what the output read when it was last made, not from a
// list of what outputs of its kind are thought to read. Each output keeps a
// trace: a digest of what the build gave it (its layout, the templates, the
// fields of its pageData, by value; digest.go) and every read its views
// recorded (views.go), or that the code writing it declared where it
// writes it (feeds, the sitemap, the editions: tracedfiles.go), each with
// the digest of what it read. The next build hands the output over when
// the data digest is the same and every read, evaluated again against the
// new site, gives the digest it gave then (a verifying trace); otherwise
// it renders the output and keeps its new trace.

// readKind says what a read took.
type readKind uint8

const (
	readPage              readKind = iota // aspects of the page at path
	readSite                              // settings, words, navigation
	readNow                               // the site's present
	readBook                              // a book's contents (path: its page)
	readBlog                              // a blog's posts (path: its page)
	readSeries                            // a series' name, URL, page, book and posts (path: slug)
	readSeriesDescription                 // a series' description (path: slug)
	readTag                               // a tag's name, URL and pages (path: slug)
	readPages                             // the site's pages, in order
	readAllSeries                         // the site's series
	readAllTags                           // the site's tags, as named
	readScheduled                         // the scheduled pages
	readAssets                            // the files of content/
	readOmitted                           // Omitted(path); "" for all of them
	readLookup                            // PageByPath(path)
	readWorld                             // what links and images point at (worldPrint)
)

// pageRead is one recorded read: of the page at path, which aspects; of
// anything else, its kind and name.
type pageRead struct {
	kind readKind
	path string
	what aspect
}

// tracedRead is a read with the digest of what it read.
type tracedRead struct {
	pageRead
	sum uint64
}

// trace is what an output was made from.
type trace struct {
	data  uint64
	reads []tracedRead
}

// traced evaluates reads in this build.
func (m *memo) traced(reads []pageRead) []tracedRead {
	out := make([]tracedRead, len(reads))
	for i, r := range reads {
		out[i] = tracedRead{r, m.sum(r)}
	}
	return out
}

// holds reports whether every read of t gives what it gave then.
func (m *memo) holds(t *trace) bool {
	for _, r := range t.reads {
		if m.sum(r.pageRead) != r.sum {
			return false
		}
	}
	return true
}

// sum evaluates a read against this build. What depends on the linked
// site alone is evaluated once per build.
func (m *memo) sum(r pageRead) uint64 {
	switch r.kind {
	case readPage:
		return m.pageSum(r)
	case readNow, readSeriesDescription, readWorld:
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

// pageSum evaluates the aspects r.what of a page; a page the site does not
// have gives 0.
func (m *memo) pageSum(r pageRead) uint64 {
	p := m.b.site.PageByPath(r.path)
	mk := m.marks[p]
	if p == nil || mk == nil {
		return 0
	}
	// Only the aspects read: another page's conversion may be under way.
	f := seeded()
	for _, a := range [...]struct {
		what aspect
		v    *uint64
	}{{readsMeta, &mk.meta}, {readsPlace, &mk.place}, {readsMinutes, &mk.words}, {readsWords, &mk.count},
		{readsSummary, &mk.conv}, {readsHeadings, &mk.heads}, {readsOwn, &mk.own}} {
		if r.what&a.what != 0 {
			f.u64(*a.v)
		}
	}
	if r.what&readsSource != 0 {
		f.u64(m.sourceSum(p))
	}
	if r.what&readsSaved != 0 {
		f.int(m.savedOn(p))
	}
	return f.sum()
}

func (m *memo) sourceSum(p *content.Page) uint64 {
	sum, _ := m.tree.Sum(p.File)
	f := seeded()
	f.str(sum)
	return f.sum()
}

// siteSum evaluates a read of something other than a page.
func (m *memo) siteSum(r pageRead) uint64 {
	b, site := m.b, m.b.site
	f := seeded()
	switch r.kind {
	case readSite:
		f.u64(digestOf(b.cfg))
		f.u64(m.tree.gen[i18n.Dir])
		f.bool(len(site.Series) > 0)
		f.bool(len(site.Tags) > 0)
		f.u64(digestOf(struct {
			Books []*content.Book
			Blogs []*content.Blog
			Menu  []*content.Page
		}{site.Books, site.Blogs, site.Menu}))
	case readNow:
		f.time(site.Now)
	case readWorld:
		f.u64(m.world)
	case readBook:
		m.bookSum(&f, r.path)
	case readBlog:
		for _, bl := range site.Blogs {
			if bl.Index.Path == r.path {
				f.u64(digestOf(bl.Posts))
			}
		}
	case readSeries, readSeriesDescription:
		m.seriesSum(&f, r)
	case readTag:
		for _, t := range site.Tags {
			if t.Slug == r.path {
				f.str(t.Name)
				f.str(t.URL)
				f.u64(digestOf(t.Pages))
			}
		}
	default:
		m.listSum(&f, r)
	}
	return f.sum()
}

// listSum evaluates a read of one of the site's lists.
func (m *memo) listSum(f *fingerprint, r pageRead) {
	site := m.b.site
	switch r.kind {
	case readPages:
		f.u64(digestOf(site.Pages))
	case readAllSeries:
		f.u64(digestOf(site.Series))
	case readAllTags:
		for _, t := range site.Tags {
			f.str(t.Name)
			f.str(t.Slug)
			f.str(t.URL)
		}
	case readScheduled:
		// Not in the site's pages, so no page read finds them: their
		// views' values are all in this one.
		for _, p := range site.Scheduled {
			f.u64(digestOf(newPageView(p, nil)))
		}
	case readAssets:
		f.u64(digestOf(site.Assets))
	case readOmitted:
		if r.path == "" {
			f.u64(digestOf(site.OmittedPages()))
		} else {
			f.str(site.Omitted(r.path))
		}
	case readLookup:
		f.u64(digestOf(site.PageByPath(r.path)))
	}
}

// bookSum is a book's contents: its parts and chapters in order, whether
// it is folded, the series that accompany it.
func (m *memo) bookSum(f *fingerprint, path string) {
	for _, bk := range m.b.site.Books {
		if bk.Index.Path != path {
			continue
		}
		for _, part := range bk.Parts {
			f.str(partIdentity(part))
			f.u64(digestOf(part.Chapters))
		}
		f.u64(digestOf(bk.Chapters))
		f.u64(digestOf(bk.Series))
		f.bool(bk.Folded())
	}
}

func (m *memo) seriesSum(f *fingerprint, r pageRead) {
	for _, s := range m.b.site.Series {
		if s.Slug != r.path {
			continue
		}
		if r.kind == readSeriesDescription {
			f.str(m.conv.seriesDescription(s))
			return
		}
		f.str(s.Name)
		f.str(s.URL)
		f.u64(digestOf(s.Page))
		f.u64(digestOf(s.Book))
		f.u64(digestOf(s.Posts))
	}
}

// pageMarks digests what every page shows before it is converted: its
// view's fields, its place in books and blogs, its word count and reading
// time. Conversion adds the rest (memo.converted).
func pageMarks(b *builder) map[*content.Page]*marks {
	all := make(map[*content.Page]*marks, len(b.site.Pages))
	for _, p := range b.site.Pages {
		all[p] = &marks{}
	}
	workpool.Each(workpool.Cores(), b.site.Pages, func(p *content.Page) {
		src := b.source(p)
		mk := all[p]
		mk.meta, mk.place = digestOf(newPageView(p, nil)), placeSum(p)
		mk.words = uint64(src.ReadingMinutes())
		f := seeded()
		f.int(src.Words)
		f.int(src.BodyLine)
		mk.count = f.sum()
	})
	return all
}

// placeSum is a page's place: its book, part, chapter number and
// neighbours; its blog, series, part number and neighbours.
func placeSum(p *content.Page) uint64 {
	f := seeded()
	f.u64(digestOf(struct {
		Book    *content.Book
		Part    *content.Part
		Blog    *content.Blog
		Chapter *content.Chapter
		Post    *content.Post
	}{p.Book, p.Part, p.Blog, p.Chapter, p.Post}))
	if c := p.Chapter; c != nil {
		f.int(c.Number)
		f.u64(digestOf([]*content.Chapter{c.Prev, c.Next}))
		f.u64(digestOf(c.Part))
	}
	if post := p.Post; post != nil {
		f.int(post.PartNumber)
		f.u64(digestOf([]*content.Post{post.Prev, post.Next}))
		f.u64(digestOf(post.Series))
		f.u64(digestOf(post.Blog))
	}
	return f.sum()
}

// compactReads merges the reads of one thing into one entry each.
func compactReads(rs []pageRead) []pageRead {
	if len(rs) < 2 {
		return rs
	}
	slices.SortFunc(rs, func(a, b pageRead) int {
		if a.kind != b.kind {
			return int(a.kind) - int(b.kind)
		}
		return strings.Compare(a.path, b.path)
	})
	out := rs[:1]
	for _, r := range rs[1:] {
		if last := &out[len(out)-1]; last.kind == r.kind && last.path == r.path {
			last.what |= r.what
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out)
}

// sidebarKey stands for the sidebar of a chapter of part in its data,
// where the sidebar is made only when the page is rendered: the blocks of
// the book's other parts and the items of its own, as this build rendered
// them. What rendering its own part's block reads joins the page's trace.
func (m *memo) sidebarKey(b *builder, c *content.Chapter) uint64 {
	m.mu.Lock()
	v, ok := m.sidebars[c.Part]
	m.mu.Unlock()
	if ok {
		return v
	}
	f := seeded()
	for _, part := range c.Book.Parts {
		if part == c.Part {
			pi := b.items(part)
			f.u64(digestOf([][]template.HTML{pi.plain, pi.current}))
			continue
		}
		f.str(string(b.partBlocks[part]))
	}
	v = f.sum()
	m.mu.Lock()
	m.sidebars[c.Part] = v
	m.mu.Unlock()
	return v
}
