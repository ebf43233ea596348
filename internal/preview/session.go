package preview

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/search"
	"folio/internal/sourcetree"
)

// Session builds one site again and again in memory, for the preview
// server. Each Build reads only the files that changed, decodes and converts
// only the pages that changed, and renders only the files whose inputs
// changed (see memo). After any sequence of changes its output is
// byte-identical to a clean Run of the same sources with the same options.
//
// An edit that changes only the body of pages (the common case while
// writing) does not even load and link the site again: the pages the edit
// decoded stand in for the linked ones (build.Builder.SetEdited), and the site
// linked last time stays as it was. Anything else (front matter,
// new, removed or renamed files, templates, folio.yaml, static files) loads
// the site again, from decoded pages cached by content digest.
//
// A Session is not safe for concurrent use: the preview calls Build from one
// goroutine, once per batch of changes.
type Session struct {
	opts    build.Options
	tree    *sourcetree.Tree
	pages   *content.Cache
	st      memoState
	started bool
	// site is the linked site of the current sources, or nil when they did
	// not load or link; only then is the next build a full one by force.
	site *content.Site
	// edits maps the pages of site whose bodies were edited since it was
	// linked to the page values those edits decoded: an edit makes a new
	// page rather than changing the linked one (build.Builder.SetEdited).
	edits map[*content.Page]*content.Page
	// due is the first date after the site's present on which a post
	// changes (becomes published, loses its "scheduled" badge); a patch
	// build after it loads the site again.
	due     time.Time
	lastErr error
	unread  bool // the last Build could not read the site
	// dirty holds the pages patched since the last good build, with their
	// marks as that build saw them.
	dirty map[*content.Page]marks
	// pending is the whole-book work of the last build, for Complete.
	pending *pendingWork
	// imgs makes the site's image variants across builds (see
	// ProcessImages); imageOuts are the variant files of the last full
	// build; full makes the next build a full one (Refresh).
	imgs      *images.Processor
	imgsKey   string
	imgsBusy  atomic.Bool
	imageOuts map[string]bool
	full      bool
}

// pendingWork is what Complete finishes: the builder of the last build and
// the files it left for later.
type pendingWork struct {
	b     *build.Builder
	m     *memo
	outs  []string
	books map[string]*content.Book
	// search is true when the search index is to be written again.
	search bool
}

// Update is what one Build produced.
type Update struct {
	// Files is the whole site by slash path; files that did not change keep
	// the previous build's slices. Nil when the build failed. The map is
	// the session's: it is valid until the next Build, which may change it
	// (the server copies what it keeps).
	Files  map[string][]byte
	Result *build.Result
	// Sources lists the changed source files, relative to the site folder
	// (nil for the first build, which reads everything).
	Sources []string
	// Edited holds the URL paths of the pages whose sources changed.
	Edited []string
	// Pending lists the files made of a whole book (print edition, EPUB)
	// that the edit changed: Files still holds their previous versions
	// until Complete redoes them.
	Pending []string
	// Rendered counts the files rendered anew; Kept those handed over from
	// the previous build unchanged.
	Rendered, Kept int
	// Patched is true when page bodies were patched into the previous
	// site instead of loading it again; Fast when, on top of that, only the
	// files the edit reaches were redone (see patchBuild).
	Patched, Fast bool
	// Images is set on a Refresh: image variants were made meanwhile.
	Images  bool
	Elapsed time.Duration
}

// NewSession prepares a session for the site in opts.Source. Nothing is
// read until the first Build. opts.Output is not used: a session writes
// nothing.
func NewSession(opts build.Options) (*Session, error) {
	root, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", opts.Source, err)
	}
	return &Session{opts: opts, tree: sourcetree.New(root), pages: content.NewCache(),
		st: memoState{conv: map[string]*conversion{}}, dirty: map[*content.Page]marks{}}, nil
}

// Root is the absolute site folder.
func (s *Session) Root() string { return s.tree.Root() }

// Build brings the site up to date. The first call reads the whole site;
// later calls read only the given paths (absolute or relative to the site
// folder; files or folders; changed, created or deleted), as a file watcher
// reports them. Paths outside folio.yaml, content/, layouts/ and static/
// are ignored. When nothing changed, the previous result comes back (with
// no Sources), the previous error too, unless the date of a scheduled post
// has passed meanwhile (see build.Options.Clock): then the site is built again.
func (s *Session) Build(changed []string) (*Update, error) {
	start := time.Now()
	first := !s.started
	if first {
		changed = []string{s.tree.Root()}
	}
	diff, err := s.tree.Sync(changed)
	if err != nil {
		up := &Update{Sources: s.relatives(changed), Elapsed: time.Since(start)}
		s.lastErr, s.unread = fmt.Errorf("read the site: %w", err), true
		return up, s.lastErr
	}
	s.started = true
	up := &Update{}
	if !first {
		for _, c := range diff {
			up.Sources = append(up.Sources, c.Rel)
		}
		switch {
		case len(diff) == 0 && !s.unread && !s.duePassed():
			if s.st.good != nil && s.lastErr == nil {
				up.Files, up.Result = s.st.good.files, s.st.good.result
			}
			up.Elapsed = time.Since(start)
			return up, s.lastErr
		case len(diff) == 0 && s.unread:
			up.Sources = s.relatives(changed) // readable again, and as they were
		}
	}
	s.unread = false
	s.pending = nil // a newer build redoes whatever it left
	err = s.build(diff, up, start)
	up.Elapsed = time.Since(start)
	s.lastErr = err
	return up, err
}

// relatives lists the paths a build reads, relative to the site folder.
func (s *Session) relatives(paths []string) []string {
	var rels []string
	for _, p := range paths {
		if rel, ok := s.tree.Relative(p); ok {
			rels = append(rels, rel)
		}
	}
	return rels
}

func (s *Session) build(diff []sourcetree.Change, up *Update, start time.Time) error {
	var patched map[*content.Page]bool
	if !s.full {
		patched = s.patch(diff)
	}
	up.Patched = patched != nil
	if patched == nil {
		s.dirty = map[*content.Page]marks{}
		if _, err := s.load(); err != nil {
			return err
		}
	}
	up.Edited = editedURLs(s.site, diff)
	if patched != nil {
		if done, err := s.patchBuild(up, start); done {
			return err
		}
	}
	var prev map[string][]byte
	if g := s.st.good; g != nil {
		prev = g.files
	}
	w, mem := output.NewMemory(prev, output.Options{Minify: s.site.Config.Minify})
	if s.opts.Priority != nil {
		mem.Observe(s.opts.Priority.Written)
	}
	m := newMemo(&s.st, s.tree, len(prev))
	m.deferring = true
	b, err := build.NewBuilder(s.tree, s.site, w, s.opts, m)
	if err != nil {
		return err
	}
	b.SetEdited(s.edits)
	s.useImages(b)
	res, err := b.Run(start)
	s.absorb(m, true)
	up.Rendered, up.Kept = int(m.rendered.Load()), int(m.kept.Load())
	if err != nil {
		return err
	}
	m.completeMarks()
	files := mem.Files()
	s.imageOuts = map[string]bool{}
	for out := range b.Images().Outs {
		s.imageOuts[out] = true
	}
	s.st.good = &goodBuild{site: s.site, files: files, marks: m.marks, world: m.world,
		conv: b.Store(), traces: m.traces, readers: indexReaders(m.traces), pageOut: m.pageOut, feeds: m.feeds, stages: m.stages, books: m.books,
		links: newHeadingLinks(m.anchors), partBlocks: m.partBlocks, days: m.days,
		warnings: slices.Clone(b.Warnings()), convWarnings: s.convWarnings(), result: res,
		complete: s.allTraced(files, m.traces)}
	s.dirty = map[*content.Page]marks{}
	s.defer_(b, m, up)
	up.Files, up.Result = files, res
	return nil
}

// convWarnings snapshots the conversion warnings of the build just made,
// page by page, for the patches that follow it.
func (s *Session) convWarnings() map[string][]markdown.Problem {
	ws := map[string][]markdown.Problem{}
	for path, e := range s.st.conv {
		if e != nil && e.c != nil && len(e.c.Warnings()) > 0 {
			ws[path] = e.c.Warnings()
		}
	}
	return ws
}

// defer_ leaves the whole-book files the build did not redo for Complete.
func (s *Session) defer_(b *build.Builder, m *memo, up *Update) {
	g := s.st.good
	if g.stale == nil {
		g.stale = map[string]bool{}
	}
	for _, out := range m.later {
		g.stale[out] = true
	}
	searching := s.site.Config.Search || len(s.st.searchFiles) > 0
	if len(m.later) == 0 && !searching {
		return
	}
	books := map[string]*content.Book{}
	for _, out := range m.later {
		if books[out] = m.books[out]; books[out] == nil {
			books[out] = s.st.good.books[out]
		}
	}
	s.pending = &pendingWork{b: b, m: m, outs: m.later, books: books, search: searching}
	up.Pending = slices.Clone(m.later)
	if searching {
		up.Pending = append(up.Pending, search.ManifestPath)
	}
}

// load reads and links the site again, decoding only changed pages.
func (s *Session) load() (*content.Site, error) {
	s.site = nil
	cfg, err := build.Configure(s.tree, s.opts)
	if err != nil {
		return nil, err
	}
	site, err := content.Load(s.tree, cfg, content.Options{Drafts: cfg.Drafts, Future: cfg.Future, Now: s.opts.Present(), Cache: s.pages})
	if err != nil {
		return nil, err
	}
	s.pages.Forget(func(rel string) bool { return s.tree.Has(content.ContentDir + "/" + rel) })
	if err := content.Link(site); err != nil {
		return nil, err
	}
	s.site, s.edits = site, map[*content.Page]*content.Page{}
	s.due = time.Time{}
	for _, p := range append(slices.Clone(site.Pages), site.Scheduled...) {
		if p.Date.After(site.Now) && (s.due.IsZero() || p.Date.Before(s.due)) {
			s.due = p.Date
		}
	}
	return site, nil
}

// duePassed reports whether the present has reached the date on which a
// post of the linked site changes: the site must be loaded again, even
// when no file changed.
func (s *Session) duePassed() bool {
	return s.site != nil && !s.due.IsZero() && !s.opts.Present().Before(s.due)
}

// Due is the next date on which the site changes with no file changed (a
// scheduled post is published, or loses its Scheduled badge), and the
// sources of the pages dated then; the zero time when there is none or the
// site did not load. Build builds again once it has passed; folio serve
// sets a timer to it.
func (s *Session) Due() (time.Time, []string) {
	if s.site == nil || s.due.IsZero() {
		return time.Time{}, nil
	}
	var files []string
	for _, p := range append(slices.Clone(s.site.Pages), s.site.Scheduled...) {
		if p.Date.Equal(s.due) {
			files = append(files, p.File)
		}
	}
	return s.due, files
}

// patch takes in the new bodies of edited pages when that is all that
// changed, as new page values beside the linked site (s.edits), which it
// leaves as it is; it returns the pages patched, or nil when the site must
// be loaded again.
func (s *Session) patch(diff []sourcetree.Change) map[*content.Page]bool {
	if s.site == nil || s.duePassed() {
		return nil
	}
	type edit struct{ page, next *content.Page }
	var edits []edit
	for _, c := range diff {
		rel, ok := strings.CutPrefix(c.Rel, content.ContentDir+"/")
		if c.Kind != sourcetree.Modified || !ok || !strings.HasSuffix(rel, ".md") {
			return nil
		}
		p := s.site.PageByPath(rel)
		old, known := s.pages.Decoded(rel)
		if p == nil || !known {
			return nil
		}
		next, probs := s.pages.Load(s.tree, rel)
		if next == nil || len(probs) > 0 || next.BodyLine != old.BodyLine || !reflect.DeepEqual(next.FrontMatter, old.FrontMatter) {
			return nil
		}
		edits = append(edits, edit{p, next})
	}
	patched := map[*content.Page]bool{}
	g := s.st.good
	for _, e := range edits {
		p := e.page
		if _, seen := s.dirty[p]; !seen && g != nil && g.site == s.site && g.marks[p] != nil {
			s.dirty[p] = *g.marks[p] // as the last good build saw it
		}
		s.edits[p] = e.next
		patched[p] = true
	}
	return patched
}

// absorb keeps the memo's conversions for the next build, and with prune
// forgets those of pages the site no longer has.
func (s *Session) absorb(m *memo, prune bool) {
	if prune && s.site != nil && len(m.fresh) > 0 {
		for path := range s.st.conv {
			if s.site.PageByPath(path) == nil {
				delete(s.st.conv, path)
			}
		}
	}
	for path, c := range m.fresh {
		s.st.conv[path] = c
	}
}

func editedURLs(site *content.Site, diff []sourcetree.Change) []string {
	var urls []string
	for _, c := range diff {
		rel, ok := strings.CutPrefix(c.Rel, content.ContentDir+"/")
		if !ok || c.Kind == sourcetree.Removed {
			continue
		}
		if p := site.PageByPath(rel); p != nil {
			urls = append(urls, p.URL)
		}
	}
	return urls
}

// SourceLine returns line n (from 1) of a source file as the last build read
// it, for messages that quote the offending line; "" when there is none.
func (s *Session) SourceLine(file string, n int) string {
	data := s.tree.Data(filepath.ToSlash(file))
	if data == nil || n < 1 {
		return ""
	}
	for range n - 1 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return ""
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return strings.TrimRight(string(data), "\r")
}

// Line is the one terminal line a rebuild prints: what changed, how many
// files were rendered, and how long it took.
func (u *Update) Line() string {
	if len(u.Sources) == 0 && u.Rendered+u.Kept == 0 {
		return fmt.Sprintf("nothing changed (%d ms)", u.Elapsed.Milliseconds())
	}
	return fmt.Sprintf("%s: %d of %d files rendered in %d ms", u.What(), u.Rendered, u.Rendered+u.Kept, u.Elapsed.Milliseconds())
}

// What says what the build was for: the site, or the files that changed.
func (u *Update) What() string {
	if u.Images {
		return "image variants ready"
	}
	switch n := len(u.Sources); {
	case n == 0:
		return "site built"
	case n == 1:
		return u.Sources[0] + " changed"
	default:
		return fmt.Sprintf("%s and %d more files changed", u.Sources[0], n-1)
	}
}

// Books describes the books with chapters of the last good build, for the
// PDFs folio serve offers; nil before one.
func (s *Session) Books() []build.PrintBook {
	if s.st.good == nil {
		return nil
	}
	var out []build.PrintBook
	for _, book := range s.st.good.site.Books {
		if len(book.Chapters) > 0 {
			out = append(out, build.PrintBookOf(book))
		}
	}
	return out
}
