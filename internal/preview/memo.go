package preview

import (
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/build"
	"folio/internal/converted"
	"folio/internal/i18n"
	"folio/internal/listpages"
	"folio/internal/sourcetree"

	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/markdown"
	"folio/internal/search"
	"folio/internal/siteurl"
	"folio/internal/templates"
	"folio/internal/views"
)

// memo is a preview session's cache (build.Cache): how its build reuses the
// work of the builds before it. A clean build (folio build) asks noCache
// the same questions at the same points, so the two run the same code.
//
// Two things are reused:
//
//   - Conversions, by page: a page's Markdown is converted again only when
//     its source, its feed URL or the answers to its links and images
//     changed. The answers are recorded during conversion and checked again
//     only when the set of pages, URLs, assets or static files changed.
//   - Rendered files, by trace (trace.go): an output whose data and
//     every read of its last rendering give the digests they gave then is
//     handed over as it was, without template or minifier.
type memo struct {
	st   *memoState
	tree *sourcetree.Tree
	// b is the builder the memo serves, conv its store of conversions.
	b    *build.Builder
	conv *converted.Store

	mu    sync.Mutex
	fresh map[string]*conversion
	// traces are what each output was made from (trace.go); sums the
	// evaluations of reads that depend on the linked site alone.
	traces map[string]*trace
	sums   map[views.Read]uint64
	// sidebars are the sidebarKeys of this build, by part.
	sidebars map[*content.Part]uint64
	// pageOut and feeds describe the outputs for a patch build (see
	// patch.go): which outputs renderPage made, and the arguments of each
	// feed.
	pageOut map[string]*content.Page
	feeds   map[string]feedJob
	// stages names the list stage that renders each list file (see
	// listStage), so that a patch build can run that stage alone.
	stages map[string]string
	// books are the outputs made of a whole book (print edition, EPUB);
	// with deferring set they wait in later for Session.Complete.
	books     map[string]*content.Book
	deferring bool
	later     []string
	// force names the outputs a patch build renders whatever their
	// traces: those that read what the edit changed.
	force map[string]bool

	// marks are the digests of each page's aspects (trace.go); world is
	// worldPrint's.
	marks map[*content.Page]*marks
	// pending holds, until completeMarks, a Once per page whose digests
	// before conversion are made when first read (markOf).
	pending    map[*content.Page]*sync.Once
	world      uint64
	days       map[*content.Page]int // as the sitemap saw them
	rendered   atomic.Int64
	kept       atomic.Int64
	anchors    []build.AnchorCheck
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
	good         *goodBuild
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
	// conv is what converting made of the site's pages (package converted).
	conv  *converted.Store
	files map[string][]byte
	marks map[*content.Page]*marks
	world uint64
	// traces are what each output was made from when it was last
	// rendered (trace.go); readers index their reads of pages' bodies by
	// page path.
	traces  map[string]*trace
	readers map[string][]reader
	pageOut map[string]*content.Page
	feeds   map[string]feedJob
	stages  map[string]string
	books   map[string]*content.Book
	// stale are whole-book files whose trace and content are older than the
	// build's pages, waiting for Complete.
	stale map[string]bool
	// days are the save days of the sources, as the sitemap shows them.
	days  map[*content.Page]int
	links *headingLinks
	// partBlocks are the sidebar blocks of the book's parts, which only
	// linking changes.
	partBlocks map[*content.Part]template.HTML
	warnings   content.Problems
	// convWarnings are the conversion warnings each page (by path) had
	// in that build, which a patch of the page replaces.
	convWarnings map[string][]markdown.Problem
	result       *build.Result
	// indexFiles is how many search index files result counts among the
	// generated ones: none until Complete writes the index.
	indexFiles int
	// complete is true when every output of the build was rendered with a
	// trace or copied from a source, so that a patch build can tell all
	// the outputs an edit reaches. Outputs added to the build without a
	// trace (say, a new kind of file) turn patch builds off, never stale.
	complete bool
}

// marks are the digests of a page's aspects in one build: meta (its
// view's fields) and place from the linked site, words (its reading time)
// and count (its words and body line) from its source, conv, heads and own
// once it is converted. Only the last five can change when just a body
// changed.
type marks struct{ meta, place, words, count, conv, own, heads uint64 }

// changed lists the aspects of a page that differ between two marks.
func (was marks) changed(now marks) views.Aspect {
	var a views.Aspect
	for _, c := range []struct {
		differ bool
		what   views.Aspect
	}{{was.words != now.words, views.ReadsMinutes}, {was.count != now.count, views.ReadsWords},
		{was.conv != now.conv, views.ReadsSummary}, {was.heads != now.heads, views.ReadsHeadings}, {was.own != now.own, views.ReadsOwn}} {
		if c.differ {
			a |= c.what
		}
	}
	return a
}

// reader is an output that read some aspects of a page.
type reader struct {
	out  string
	what views.Aspect
}

// feedJob is what writeFeed was called with.
type feedJob struct {
	base, title, subtitle, by string
	posts                     []*content.Post
}

// newMemo expects about n outputs.
func newMemo(st *memoState, tree *sourcetree.Tree, n int) *memo {
	return &memo{st: st, tree: tree, fresh: map[string]*conversion{}, traces: make(map[string]*trace, n),
		sums: map[views.Read]uint64{}, sidebars: map[*content.Part]uint64{}, pageOut: map[string]*content.Page{}, feeds: map[string]feedJob{},
		stages: map[string]string{}, books: map[string]*content.Book{}}
}

// Begin digests the linked site's pages, once photos are resolved and
// before any page is converted.
func (m *memo) Begin(b *build.Builder) {
	if g := m.st.good; g != nil {
		b.SetAnchors(make([]build.AnchorCheck, 0, g.links.n))
	}
	m.marks, m.pending = pageMarks(b)
	if g := m.st.good; g != nil && g.site == b.Site() {
		m.world = g.world // the same linked site: no path, URL or file but pages changed
	} else {
		m.world = m.worldPrint(b)
	}
}

// ConvertedFirst says that every page is converted before any is
// rendered: nothing to do, the traces say what each output read.
func (m *memo) ConvertedFirst(*build.Builder) {}

// ListingStarts says that every page is converted: the anchors and the
// sidebars' blocks are what a patch build takes over.
func (m *memo) ListingStarts(b *build.Builder) {
	m.anchors, m.partBlocks = b.Anchors(), b.PartBlocks()
}

// ReusePage hands over a page's previous output when its trace holds. It
// decides for the page's file: renderData does not ask again.
func (m *memo) ReusePage(b *build.Builder, p *content.Page, d *views.Data) bool {
	m.mu.Lock()
	m.pageOut[cleanOut(p.OutPath)] = p
	m.mu.Unlock()
	return m.ReuseData(b, build.LayoutFor(p), p.OutPath, p.File, d)
}

// ReuseData is reusePage for any file rendered through a template.
func (m *memo) ReuseData(b *build.Builder, layout, out, by string, d *views.Data) bool {
	if m.decided(out) {
		return false
	}
	if stage := listpages.Stage(d); stage != "" {
		m.mu.Lock()
		m.stages[cleanOut(out)] = stage
		m.mu.Unlock()
	}
	f := views.Seeded()
	f.U64(b.Templates().Digest(layout)) // the files it runs (templates.Set.Digest)
	f.Str(layout)
	f.U64(views.Digest(d))
	if c := d.SidebarOf(); c != nil {
		f.U64(m.sidebarKey(b, c))
	}
	return m.reuse(b, out, by, f.Sum(), nil)
}

// reuse starts out's trace with data and the reads its writer declares,
// and when the last good build's trace of out holds, writes that build's
// output again.
func (m *memo) reuse(b *build.Builder, out, by string, data uint64, declared []views.Read) bool {
	out = cleanOut(out)
	t := &trace{data: data, reads: m.traced(views.Compact(declared))}
	m.mu.Lock()
	m.traces[out] = t
	m.mu.Unlock()
	if m.force[out] {
		m.rendered.Add(1)
		return false
	}
	var prev *trace
	var file []byte
	var kept bool
	if g := m.st.good; g != nil {
		prev = g.traces[out]
		file, kept = g.files[out]
	}
	if prev == nil || !kept || prev.data != data || !m.holds(prev) {
		m.rendered.Add(1)
		return false
	}
	m.mu.Lock()
	t.reads = prev.reads // verified now
	m.mu.Unlock()
	m.kept.Add(1)
	b.KeepFile(out, by, file)
	return true
}

// NoteReads adds what the views of output out read (package views) to its
// trace, with their digests now.
func (m *memo) NoteReads(out string, reads []views.Read) {
	if len(reads) == 0 {
		return
	}
	out = cleanOut(out)
	traced := m.traced(views.Compact(reads))
	m.mu.Lock()
	t := m.traces[out]
	if t == nil {
		t = &trace{}
		m.traces[out] = t
	}
	t.reads = append(t.reads, traced...)
	m.mu.Unlock()
}

// carry takes over out's trace from the last good build, for an output
// handed over as it was.
func (m *memo) carry(out string) {
	t := &trace{}
	if g := m.st.good; g != nil && g.traces[out] != nil {
		t = g.traces[out]
	}
	m.mu.Lock()
	m.traces[out] = t
	m.mu.Unlock()
}

func (m *memo) decided(out string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.traces[cleanOut(out)]
	return ok
}

func cleanOut(out string) string { return path.Clean(strings.TrimPrefix(out, "/")) }

// Attach binds the memo to the builder of its build, whose pages' Markdown
// stays in place: a preview builds again.
func (m *memo) Attach(b *build.Builder) {
	m.b, m.conv = b, b.Store()
	b.KeepSources()
}

// Editions are made from their own conversions in a preview (nil here), so
// that an edit need not wait for them (Session.Complete).
func (m *memo) Editions(*build.Builder) *editions.Kept { return nil }

// BetweenStages leaves the collector's pacing alone: a preview builds
// again and again.
func (m *memo) BetweenStages() {}

// Finished keeps the image cache whole: the session's images make their
// variants across builds (session_images.go).
func (m *memo) Finished(*build.Builder) {}

// KeepSearch analyses the conversion, which keeps the analysis.
func (m *memo) KeepSearch(_ *build.Builder, _ *content.Page, c *converted.Page) {
	c.SearchBody(m.SearchDict())
}

// WriteSearchIndex leaves the index to Session.Complete (completeSearch).
func (m *memo) WriteSearchIndex(*build.Builder) {}

// RecordsReads is true: the session keeps what each output read.
func (m *memo) RecordsReads() bool { return true }

// Words are the site's words (Builder.LoadWords), loaded again only when the language or i18n/
// changed.
func (m *memo) Words(b *build.Builder) (*i18n.Words, error) {
	lang := b.Site().Config.Language
	if m.st.words == nil || m.st.wordsLang != lang || m.st.wordsGen != m.tree.Gen(i18n.Dir) {
		w, probs, err := b.LoadWords()
		if err != nil {
			return nil, err
		}
		m.st.words, m.st.wordsLang, m.st.wordsGen, m.st.wordWarnings = w, lang, m.tree.Gen(i18n.Dir), probs
	}
	b.AddWarnings(m.st.wordWarnings)
	return m.st.words, nil
}

// Templates parses the layouts, or returns the set parsed from the same
// layouts/ with the same URL mapping and words before.
func (m *memo) Templates(layouts fs.FS, urls siteurl.Base, w *i18n.Words) (*templates.Set, error) {
	gen := m.tree.Gen("layouts")
	if m.st.tmpl != nil && m.st.tmplGen == gen && m.st.tmplURLs == urls && m.st.tmplWords == w {
		return m.st.tmpl, nil
	}
	set, err := templates.Load(layouts, build.TemplateFuncs(urls, w))
	if err == nil {
		m.st.tmpl, m.st.tmplGen, m.st.tmplURLs, m.st.tmplWords = set, gen, urls, w
	}
	return set, err
}

// SearchDict is the session's dictionary, or a new one for a clean build.
func (m *memo) SearchDict() *search.Dict {
	if m.st.dict == nil {
		m.st.dict = search.NewDict()
	}
	return m.st.dict
}
