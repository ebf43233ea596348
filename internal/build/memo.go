package build

import (
	"folio/internal/i18n"
	"html/template"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/markdown"
	"folio/internal/search"
	"folio/internal/siteurl"
	"folio/internal/templates"
)

// memo is a preview session's cache (cache.go): how its build reuses the
// work of the builds before it. A clean build (folio build) asks noCache
// the same questions at the same points, so the two run the same code.
//
// Two things are reused:
//
//   - Conversions, by page: a page's Markdown is converted again only when
//     its source, its feed URL or the answers to its links and images
//     changed. The answers are recorded during conversion and checked again
//     only when the set of pages, URLs, assets or static files changed.
//   - Rendered files, by fingerprint: before an output is rendered, the
//     fingerprint of everything it shows (see keys.go) is compared with the
//     previous build's, and an unchanged output is handed over as it was,
//     without template or minifier.
type memo struct {
	st   *memoState
	tree *sourceTree
	// conv is the builder's store of conversions.
	conv *convStore

	mu    sync.Mutex
	fresh map[string]*conversion
	keys  map[string]outputKey
	// outReads are what each output read of pages' bodies (views.go);
	// pageOut and feeds describe the outputs for a patch build (see
	// patch.go): which outputs renderPage made, and the arguments of each
	// feed.
	outReads map[string][]pageRead
	pageOut  map[string]*content.Page
	feeds    map[string]feedJob
	// stages names the list stage that renders each list file (see
	// listStage), so that a patch build can run that stage alone.
	stages map[string]string
	// books are the outputs made of a whole book (print edition, EPUB);
	// with deferring set they wait in later for Session.Complete.
	books     map[string]*content.Book
	deferring bool
	later     []string
	opaque    bool // an output was rendered without a key
	// force names the outputs a patch build renders whatever their keys:
	// those that read what the edit changed.
	force map[string]bool

	marks   map[*content.Page]*marks
	world   uint64
	prints  *sitePrints
	listing atomic.Bool
	off     bool // every template output is rendered (pageData has fields keys do not know)
	// user is set when the site has layouts/: its templates may show
	// anything of the site, so every key takes in the whole site's structure
	// (prints.user) and, for lists, every page's summary and outline (lists).
	user       bool
	lists      uint64
	days       map[*content.Page]int // as the sitemap's key saw them
	rendered   atomic.Int64
	kept       atomic.Int64
	anchors    []anchorCheck
	partBlocks map[*content.Part]template.HTML
}

// memoState is what a session keeps for its memos between builds.
type memoState struct {
	conv map[string]*conversion // by page path
	tmpl *templates.Set
	// tmplGen is the layouts/ generation tmpl was parsed from.
	tmplGen uint64
	// tmplURLs is the URL mapping its url and abs functions were bound to.
	tmplURLs siteurl.Base
	// tmplWords are the words its T and date functions were bound to.
	tmplWords *i18n.Words
	// words are the site's words, loaded for wordsLang from the i18n/
	// generation wordsGen, with the warnings loading them gave.
	words        *i18n.Words
	wordsLang    string
	wordsGen     uint64
	wordWarnings content.Problems
	// lastMarks are the marks of the last build that made them, whose link
	// prints the next build takes over for the same pages.
	lastMarks map[*content.Page]*marks
	good      *goodBuild
	// dict interns the words of the session's search index; searchKey and
	// searchFiles are the last index Complete wrote and what it was made of.
	dict        *search.Dict
	searchKey   uint64
	searchFiles []search.File
}

// goodBuild is the last build that succeeded: its output, and what a patch
// build needs to redo part of it.
type goodBuild struct {
	site *content.Site
	// conv is what converting made of the site's pages (convstore.go).
	conv   *convStore
	files  map[string][]byte
	keys   map[string]outputKey
	marks  map[*content.Page]*marks
	world  uint64
	prints *sitePrints
	// outReads are what each output read of pages' bodies, as recorded
	// when it was last rendered (views.go); readers index them by page
	// path.
	outReads map[string][]pageRead
	readers  map[string][]reader
	pageOut  map[string]*content.Page
	feeds    map[string]feedJob
	stages   map[string]string
	books    map[string]*content.Book
	// stale are whole-book files whose key and content are older than the
	// build's pages, waiting for Complete.
	stale map[string]bool
	// days are the save days of the sources, as the sitemap shows them.
	days  map[*content.Page]int
	lists uint64 // see memo.lists
	links *headingLinks
	// partBlocks are the sidebar blocks of the book's parts, which only
	// linking changes.
	partBlocks map[*content.Part]template.HTML
	warnings   content.Problems
	// convWarnings are the conversion warnings each page (by path) had
	// in that build, which a patch of the page replaces.
	convWarnings map[string][]markdown.Problem
	result       *Result
	// indexFiles is how many search index files result counts among the
	// generated ones: none until Complete writes the index.
	indexFiles int
	// complete is true when every output of the build was rendered with a
	// key or copied from a source, so that a patch build can tell all the
	// outputs an edit reaches. Outputs added to the build without a key
	// (say, a new kind of file) turn patch builds off, never stale.
	complete bool
}

// outputKey is the fingerprint of an output's inputs; ok is false for an
// output that is rendered every time.
type outputKey struct {
	v  uint64
	ok bool
}

// marks are a page's fingerprints in one build: link from the linked site,
// words (its reading time) and count (its words) from its source, conv,
// heads and own once it is converted. Only those but link can change when
// just a body changed.
type marks struct{ link, words, count, conv, own, heads uint64 }

// changed lists the aspects of a page that differ between two marks.
func (was marks) changed(now marks) aspect {
	var a aspect
	for _, c := range []struct {
		differ bool
		what   aspect
	}{{was.words != now.words, readsMinutes}, {was.count != now.count, readsWords},
		{was.conv != now.conv, readsSummary}, {was.heads != now.heads, readsHeadings}, {was.own != now.own, readsOwn}} {
		if c.differ {
			a |= c.what
		}
	}
	return a
}

// reader is an output that read some aspects of a page.
type reader struct {
	out  string
	what aspect
}

// feedJob is what writeFeed was called with.
type feedJob struct {
	base, title, subtitle, by string
	posts                     []*content.Post
}

// newMemo expects about n outputs.
func newMemo(st *memoState, tree *sourceTree, n int) *memo {
	return &memo{st: st, tree: tree, fresh: map[string]*conversion{}, keys: make(map[string]outputKey, n),
		outReads: make(map[string][]pageRead, n), pageOut: map[string]*content.Page{}, feeds: map[string]feedJob{},
		stages: map[string]string{},
		books:  map[string]*content.Book{},
		user:   tree.hasFiles("layouts"), off: !pageDataKnown}
}

// begin fingerprints the linked site, once photos are resolved and before
// any page is converted.
func (m *memo) begin(b *builder) {
	m.marks = make(map[*content.Page]*marks, len(b.site.Pages))
	if g := m.st.good; g != nil {
		b.anchors = make([]anchorCheck, 0, g.links.n)
	}
	for _, p := range b.site.Pages {
		src := b.source(p)
		mk := &marks{words: uint64(src.ReadingMinutes()), count: uint64(src.Words)}
		// A page object lives on only in patch builds, which change no
		// front matter, URL or link: its link print still holds.
		if old := m.st.lastMarks[p]; old != nil {
			mk.link = old.link
		} else {
			mk.link = linkPrint(p)
		}
		m.marks[p] = mk
	}
	if g := m.st.good; g != nil && g.site == b.site {
		m.world = g.world // the same linked site: no path, URL or file but pages changed
	} else {
		m.world = m.worldPrint(b)
	}
	m.prints = m.printSite(b)
	m.st.lastMarks = m.marks
}

// convertedFirst says that every page is converted before any is
// rendered (templates.Set.ReadsConverted): a layout of the site may show
// other pages' summaries, outlines and descriptions on any page, so every
// page's key takes in what the keys of lists do.
func (m *memo) convertedFirst(b *builder) {
	m.listing.Store(true)
	if m.user {
		m.lists = m.printLists(b.site)
	}
}

// listingStarts says that every page is converted: lists may show what
// conversion derived.
func (m *memo) listingStarts(b *builder) {
	m.listing.Store(true)
	m.anchors, m.partBlocks = b.anchors, b.partBlocks
	if m.user {
		m.lists = m.printLists(b.site)
	}
}

// reusePage hands over a page's previous output when its fingerprint is
// unchanged. It decides for the page's file: renderData does not ask again.
func (m *memo) reusePage(b *builder, p *content.Page) bool {
	f, ok := m.pageKey(b, p)
	m.mu.Lock()
	m.pageOut[cleanOut(p.OutPath)] = p
	m.mu.Unlock()
	return m.reuse(b, p.OutPath, p.File, f, ok)
}

// reuseData is reusePage for files rendered from data built elsewhere.
func (m *memo) reuseData(b *builder, layout, out, by string, d *pageData) bool {
	if m.decided(out) {
		return false
	}
	f, ok := m.dataKey(b, layout, out, d)
	if stage := listStage(d); stage != "" {
		m.mu.Lock()
		m.stages[cleanOut(out)] = stage
		m.mu.Unlock()
	}
	return m.reuse(b, out, by, f, ok)
}

// listStage names the stage of renderLists that renders d: the home page,
// a blog's index (by its page), the series pages, the tag pages, the
// credits, the 404 page; "" for anything else.
func listStage(d *pageData) string {
	switch d.Kind {
	case content.KindHome, "credits", "404", "search":
		return string(d.Kind)
	case content.KindSeries, "series-list":
		return "series"
	case "tag", "tags":
		return "tags"
	case content.KindBlog:
		if d.Page != nil && d.Pager != nil {
			return "blog:" + d.Page.Path
		}
	}
	return ""
}

// reuse records out's key (f, or none when !ok) and who it read, and when
// the key matches the last good build's, writes that build's output again.
func (m *memo) reuse(b *builder, out, by string, f *fingerprint, ok bool) bool {
	out = cleanOut(out)
	key := outputKey{ok: ok}
	if ok {
		key.v = f.sum()
	}
	m.record(out, key, !ok)
	if m.force[out] {
		m.rendered.Add(1)
		return false
	}
	var prev outputKey
	var data []byte
	var had, kept bool
	if g := m.st.good; g != nil {
		prev, had = g.keys[out]
		data, kept = g.files[out]
	}
	if !key.ok || !had || !prev.ok || prev.v != key.v || !kept {
		m.rendered.Add(1)
		return false
	}
	m.kept.Add(1)
	m.carry(out)
	m.keepFile(b, out, by, data)
	return true
}

// record notes out's key; opaque says that out is rendered without a key.
func (m *memo) record(out string, key outputKey, opaque bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.opaque = m.opaque || opaque
	m.keys[out] = key
}

// sidebarsOut stands for the chapter sidebars' blocks, which a build
// renders once and every chapter of the book shows.
const sidebarsOut = "(sidebars)"

// noteReads records what the views of output out read (views.go).
func (m *memo) noteReads(out string, reads []pageRead) {
	if len(reads) == 0 {
		return
	}
	out = cleanOut(out)
	m.mu.Lock()
	m.outReads[out] = compactReads(append(m.outReads[out], reads...))
	m.mu.Unlock()
}

// carry takes over what out read when the last good build rendered it,
// for an output handed over unchanged.
func (m *memo) carry(out string) {
	if g := m.st.good; g != nil {
		m.noteReads(out, g.outReads[out])
	}
}

func (m *memo) keepFile(b *builder, out, by string, data []byte) {
	if err := b.w.Keep(out, by, data); err != nil {
		b.problem(&content.Error{File: by, Message: err.Error()})
	}
}

// reusePrint and reuseEPUB are reuse for the files made of a whole book.
// While deferring, one that changed keeps the last good build's file for now
// and waits for Session.Complete, so that an edit shows on its own page
// without waiting for the book to be converted twice more.
func (m *memo) reusePrint(b *builder, book *content.Book) bool {
	return m.reuseBook(b, book, "print", strings.TrimPrefix(book.Index.URL, "/")+editions.PrintDir+"/index.html")
}

func (m *memo) reuseEPUB(b *builder, book *content.Book) bool {
	return m.reuseBook(b, book, "epub", editions.EPUBPath(book))
}

func (m *memo) reuseBook(b *builder, book *content.Book, kind, out string) bool {
	out = cleanOut(out)
	m.mu.Lock()
	m.books[out] = book
	m.mu.Unlock()
	m.noteReads(out, bookReads(book))
	f := m.bookPrint(book, kind)
	f.int(int(editions.NewestDate(b.site.Pages).Unix())) // the EPUB's dcterms:modified may come from the site
	g := m.st.good
	var prev outputKey
	if g != nil {
		prev = g.keys[out]
	}
	if !m.deferring || prev == (outputKey{f.sum(), true}) {
		return m.reuse(b, out, book.Index.File, f, true)
	}
	// Until Complete, out keeps the last good build's key, file and reads.
	m.record(out, prev, false)
	m.carry(out)
	m.mu.Lock()
	m.later = append(m.later, out)
	m.mu.Unlock()
	if g != nil {
		if data, ok := g.files[out]; ok {
			m.keepFile(b, out, book.Index.File, data)
		}
	}
	return true
}

// bookReads are what a print edition or EPUB reads of pages: everything
// of every page of its book.
func bookReads(book *content.Book) []pageRead {
	pages := content.BookPages(book)
	reads := make([]pageRead, len(pages))
	for i, p := range pages {
		reads[i] = pageRead{p.Path, readsBody}
	}
	return reads
}

func (m *memo) decided(out string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.keys[cleanOut(out)]
	return ok
}

func cleanOut(out string) string { return path.Clean(strings.TrimPrefix(out, "/")) }

// pageDataKnown is false when pageData has fields that dataKey does not
// fingerprint; the memo then renders every template output, since it could
// not tell when one of them changes.
var pageDataKnown = func() bool {
	t := reflect.TypeFor[pageData]()
	for i := range t.NumField() {
		if !slices.Contains(fingerprintedFields, t.Field(i).Name) {
			return false
		}
	}
	return true
}()

// attach binds the memo to the builder of its build, whose pages' Markdown
// stays in place: a preview builds again.
func (m *memo) attach(b *builder) { m.conv, b.keepSources = b.conv, true }

// editions are made from their own conversions in a preview (nil here), so
// that an edit need not wait for them (Session.Complete).
func (m *memo) editions(*builder) *editions.Kept { return nil }

// betweenStages leaves the collector's pacing alone: a preview builds
// again and again.
func (m *memo) betweenStages() {}

// finished keeps the image cache whole: the session's images make their
// variants across builds (session_images.go).
func (m *memo) finished(*builder) {}

// keepSearch has nothing to do: the analysis stays with the conversion.
func (m *memo) keepSearch(*builder, *content.Page, *search.Body) {}

// writeSearchIndex leaves the index to Session.Complete (completeSearch).
func (m *memo) writeSearchIndex(*builder) {}

// recordsReads is true: the session keeps what each output read.
func (m *memo) recordsReads() bool { return true }
