package build

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/converted"
	"folio/internal/i18n"
	"folio/internal/listpages"
	"folio/internal/views"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/editions"
	"folio/internal/feeds"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/resolve"
	"folio/internal/search"
	"folio/internal/shelved"
	"folio/internal/siteurl"
	"folio/internal/sitewide"
	"folio/internal/templates"
	"folio/internal/workpool"
)

// builder holds what the render stages of one build share.
type builder struct {
	fsys fs.FS
	site *content.Site
	cfg  config.Config
	// urls maps site paths to the URLs written into the output: every URL
	// of a page, feed or sitemap goes through it (package siteurl).
	urls siteurl.Base
	// links resolves the links and images authors wrote (package resolve).
	links resolve.Links
	w     *output.Writer
	opts  Options
	md    *markdown.Converter
	tmpl  *templates.Set
	// words are folio's own words in the site's language (package i18n).
	words *i18n.Words
	// cache is asked at every point where the build could reuse an
	// earlier build's work (cache.go): noCache in a clean build, a
	// preview session's memo. h is the handle the cache is given
	// (handle.go).
	cache Cache
	h     *Builder
	// conv holds what converting made of the pages (package converted): the
	// site itself is read-only.
	conv *converted.Store
	// warns are the site's warnings and the build's (guarded by mu while
	// pages convert).
	warns content.Problems
	// edited maps a page of the linked site whose body a preview edit
	// changed to the page value that edit decoded (see source); read-only
	// during a build. keepSources leaves pages' Markdown in place (a
	// preview builds again); a clean build lets go of each once used.
	edited      map[*content.Page]*content.Page
	keepSources bool

	// img resolves images to their variants and records what the build
	// asked for (resolve.Images).
	img *resolve.Images

	mu      sync.Mutex
	probs   content.Problems
	failed  renderFailures
	anchors []AnchorCheck
	inFeed  map[*content.Page]bool
	// feedFiles writes the feeds, sitemap and redirects, and holds the
	// feed entries' HTML meanwhile (package listpages).
	feedFiles *listpages.Feeds

	static int
	// generated counts files without a source: list pages, feeds, ...
	generated atomic.Int64
	// seriesLeft counts the posts of each series still to convert; the
	// worker that converts the last one writes the series feed, so that
	// feed HTML is held only while its series is incomplete.
	seriesLeft map[*content.Series]*atomic.Int32
	// sidebars renders the chapter sidebars (package listpages).
	sidebars *listpages.Sidebars
	// sitewide renders the search box and script tag once (package sitewide).
	sitewide *sitewide.Pieces
	// feeds are the feeds every page links to; templates only read them.
	feeds []views.Link
	// editions are the print and EPUB renderings of the books' pages that
	// a clean build makes in the page stage (editions.Kept); nil in a preview.
	editions *editions.Kept
	// searchDict interns the words of the search index (the session's, in
	// a preview); searchKept are a clean build's analysed pages, on a
	// shelf until the index is written (noCache); searchFiles and
	// searchBytes count the index.
	searchDict  *search.Dict
	searchKept  *shelved.Analyses
	sources     *shelved.Sources // a clean build's Markdown until converted (Run)
	searchFiles int
	searchBytes int64
	// lanes, when above zero, caps the goroutines that convert a book's
	// pages for its print edition and EPUB (a preview's background work);
	// stop, when set, tells them to give up (Session.CompleteWith).
	lanes int
	stop  func() bool
}

func newBuilder(fsys fs.FS, site *content.Site, w *output.Writer, opts Options) (*builder, error) {
	b, err := newCachedBuilder(fsys, site, w, opts, noCache{})
	if err != nil {
		return nil, err
	}
	b.img.Proc = newProcessor(b)
	return b, nil
}

// newCachedBuilder is newBuilder for a build that asks c what it may reuse.
func newCachedBuilder(fsys fs.FS, site *content.Site, w *output.Writer, opts Options, c Cache) (*builder, error) {
	var layouts fs.FS
	if fi, err := fs.Stat(fsys, "layouts"); err == nil && fi.IsDir() {
		sub, err := fs.Sub(fsys, "layouts")
		if err != nil {
			return nil, err
		}
		layouts = sub
	}
	urls := siteurl.New(site.Config.BaseURL)
	b := &builder{fsys: fsys, site: site, cfg: site.Config, urls: urls, warns: slices.Clone(site.Warnings), links: resolve.Links{Site: site, FS: fsys}, w: w, opts: opts, cache: c}
	b.h = &Builder{b: b}
	words, err := c.Words(b.h)
	if err != nil {
		return nil, err
	}
	tmpl, err := c.Templates(layouts, urls, words)
	if err != nil {
		return nil, err
	}
	b.words, b.tmpl = words, tmpl
	b.sidebars = &listpages.Sidebars{Templates: tmpl, NewViewer: b.newViewer, NoteReads: c.NoteReads, Problem: b.problem}
	b.sitewide = &sitewide.Pieces{Templates: tmpl, NewViewer: b.newViewer, Problem: b.problem}
	b.conv = converted.NewStore(len(site.Pages))
	c.Attach(b.h)
	b.md = markdown.New(markdown.Options{UnsafeHTML: site.Config.UnsafeHTML, CalloutLabels: calloutLabels(words)})
	b.searchDict = c.SearchDict()
	b.img = resolve.NewImages(b.links, urls, site.Config, nil)
	inFeed, inBlogFeed := feeds.Members(site)
	b.inFeed, b.feedFiles = inFeed, b.newFeeds(inBlogFeed)
	b.feeds = b.feedFiles.SiteFeeds()
	b.seriesLeft = map[*content.Series]*atomic.Int32{}
	for _, s := range site.Series {
		n := &atomic.Int32{}
		n.Store(int32(len(s.Posts)))
		if s.Page != nil {
			n.Add(1) // the feed's subtitle waits for the series page's first paragraph
		}
		b.seriesLeft[s] = n
	}
	return b, nil
}

// source is the page value holding p's current Markdown, word count and
// body line: p itself, or after a preview edit of its body, the page the
// edit decoded, which stands in for p without changing the linked site.
func (b *builder) source(p *content.Page) *content.Page {
	if q := b.edited[p]; q != nil {
		return q
	}
	return p
}

// problem records a content error from any goroutine.
func (b *builder) problem(e *content.Error) {
	b.mu.Lock()
	b.probs = append(b.probs, e)
	b.mu.Unlock()
}

func (b *builder) run() error {
	b.resolvePhotos(b.site.Pages)
	b.cache.Begin(b.h)
	b.sidebars.Render(b.site)
	b.prepareEditions()
	defer b.editions.Close()   // the renderings it keeps on disk (editions.Kept)
	defer b.searchKept.Close() // should the build stop before its index
	if err := b.copyStatic(); err != nil {
		return err
	}
	// A missing photo does not stop the pages from rendering, so that the
	// broken links and images of the same build are reported with it.
	b.opts.Progress.Begin(StagePages, len(b.site.Pages))
	b.renderPages()
	b.img.Process() // so that images that do not decode are reported with the pages' problems
	b.sortWarnings()
	b.checkAnchors()
	if err := b.stageErr(); err != nil {
		return err
	}
	b.cache.ListingStarts(b.h)
	b.opts.Progress.Begin(StageLists, 0)
	b.collectGarbage()
	b.renderListsAndPrints()
	b.collectGarbage()
	b.renderEPUBs()
	b.writeImages()
	if b.opts.Strict {
		b.probs = append(b.probs, b.warns...)
		b.warns = nil // errors now, not reported twice
	}
	if err := b.stageErr(); err != nil {
		return err
	}
	b.cache.Finished(b.h)
	return nil
}

// collectGarbage runs the collector between the end stages of a clean
// build (noCache.BetweenStages). Each stage makes megabytes of short-lived output (the print
// edition is a whole book on one page) while the build keeps little, and
// the heap's target is twice what the last collection found live: a
// collection in the middle of a stage's work sets the next stage's target
// by that stage's garbage, which showed as peak memory (1,000 pages: peak
// RSS median 54.0 -> 52.4 MB, 5 runs each, for ~4 ms of marking each). A
// preview session, which builds again and again, leaves the pacing alone.
func (b *builder) collectGarbage() {
	b.cache.BetweenStages()
}

// renderPages converts and renders every page on all cores. Pages whose
// templates list other pages' summaries wait for renderLists. When a layout
// of the site may read what converting fills in of other pages (summaries,
// headings, descriptions; templates.Set.ReadsConverted), every page is
// converted before any is rendered, so that each reads them complete and
// the output cannot depend on the order pages were built in.
func (b *builder) renderPages() {
	if !b.tmpl.ReadsConverted() {
		b.eachPage(func(p *content.Page) {
			if b.convertPage(p) {
				b.renderConverted(p)
			}
		})
		return
	}
	var converted sync.Map
	b.eachPage(func(p *content.Page) {
		if b.convertPage(p) {
			converted.Store(p, true)
		}
	})
	b.cache.ConvertedFirst(b.h)
	b.eachPage(func(p *content.Page) {
		if _, ok := converted.Load(p); ok {
			b.renderConverted(p)
		}
	})
}

// eachPage runs do for every page in work order on the workers.
func (b *builder) eachPage(do func(*content.Page)) {
	if o := b.opts.Priority; o != nil && o.EachFirst(workers(), workOrder(b.site), do) {
		return
	}
	workpool.Each(workers(), workOrder(b.site), do)
}

// convertPage converts a page and reports whether it is rendered now
// rather than with the lists (whose series feed it may complete).
func (b *builder) convertPage(p *content.Page) bool {
	b.convert(p)
	b.opts.Progress.Step()
	if listed(p) {
		if s := b.describedSeries(p); s != nil && b.seriesLeft[s].Add(-1) == 0 {
			b.feedFiles.SeriesFeed(s)
		}
		return false
	}
	return true
}

// renderConverted renders a converted page, lets go of its HTML, and
// writes its series' feed when it was the last of the series.
func (b *builder) renderConverted(p *content.Page) {
	b.renderPage(p)
	b.conv.SetHTML(p, "") // rendered; only list pages are rendered later
	if p.Post != nil && p.Post.Series != nil && b.seriesLeft[p.Post.Series].Add(-1) == 0 {
		b.feedFiles.SeriesFeed(p.Post.Series)
	}
}

// workers is how many goroutines convert, render and write pages. Writing
// to disk blocks on the file system for as long as rendering takes on the
// CPU (each folder and file costs a synchronous metadata operation), so
// there are more workers than cores: while some wait on the disk, the others
// keep the cores busy.
func workers() int {
	return 4 * workpool.Cores()
}

// workOrder lists the pages with the posts of each series together, and
// with the series' own page (content/series/<slug>.md, whose description
// the feed carries), so that every series completes, and its feed is
// written and its entries freed, early rather than at the very end; and
// the pages of books last.
func workOrder(site *content.Site) []*content.Page {
	order := make([]*content.Page, 0, len(site.Pages))
	queued := make(map[*content.Page]bool, len(site.Pages))
	for _, s := range site.Series {
		if s.Page != nil {
			order = append(order, s.Page)
			queued[s.Page] = true
		}
		for _, post := range s.Posts {
			order = append(order, post.Page)
			queued[post.Page] = true
		}
	}
	// A book's chapters and part introductions go last: in a clean build
	// their print and EPUB renderings are kept until the end stages, so
	// they should be made when the rest of the page stage has been freed.
	bookPage := func(p *content.Page) bool { return p.Kind == content.KindChapter || p.Kind == content.KindPart }
	for _, last := range []bool{false, true} {
		for _, p := range site.Pages {
			if !queued[p] && bookPage(p) == last {
				order = append(order, p)
			}
		}
	}
	return order
}

// listed reports whether a page's template lists other pages' summaries,
// which exist only once every page has been converted.
func listed(p *content.Page) bool {
	// A book's home lists its companion series with their descriptions,
	// which a series page's conversion may still be filling in.
	return p.Kind == content.KindHome || p.Kind == content.KindBlog || p.Kind == content.KindSeries || p.Kind == content.KindBook
}

// copyStatic writes the built-in static files, the site's static/ over
// them, and the non-Markdown files of content/.
func (b *builder) copyStatic() error {
	own := map[string]bool{}
	if fi, err := fs.Stat(b.fsys, "static"); err == nil && fi.IsDir() {
		sub, _ := fs.Sub(b.fsys, "static")
		if err := b.copyTree(sub, "static/", own); err != nil {
			return err
		}
	}
	if err := b.copyTree(templates.Static(), "built-in ", own); err != nil {
		return err
	}
	for _, a := range b.site.Assets {
		if b.img.Proc != nil && resolve.IsRaster(a.Path) {
			b.deferRaster(a.Path, a.File)
			continue
		}
		data, err := fs.ReadFile(b.fsys, a.File)
		if err != nil {
			b.problem(content.ReadError(a.File, err))
			continue
		}
		b.write(a.Path, a.File, data)
		b.static++
	}
	return nil
}

// copyTree copies fsys to the output root, skipping paths already in done
// (so that the site's files win over the built-in ones).
func (b *builder) copyTree(fsys fs.FS, label string, done map[string]bool) error {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !done[p] && d.Name()[0] != '.' {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", label, err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if label == "static/" && b.img.Proc != nil && resolve.IsRaster(p) {
			b.deferRaster(p, label+p)
			done[p] = true
			continue
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			b.problem(content.ReadError(label+p, err))
			continue
		}
		b.write(p, label+p, data)
		done[p] = true
		b.static++
	}
	return nil
}

// write sends a rendered file to the output and records a failure as a
// problem of the page that produced it.
func (b *builder) write(rel, by string, data []byte) { b.wrote(b.w.Write(rel, by, data), by) }

// copyFile is write for a file published as it is (an image variant in
// the image cache, output.Writer.CopyFile). A file that cannot be read is
// returned, for the caller to report where it is used.
func (b *builder) copyFile(rel, by, src string) error {
	err := b.w.CopyFile(rel, by, src)
	if se := (*output.SourceError)(nil); errors.As(err, &se) {
		return se.Err
	}
	b.wrote(err, by)
	return nil
}

// wrote reports what writing a file of by failed with, if anything.
func (b *builder) wrote(err error, by string) {
	if err != nil {
		var ce *content.Error
		var de *output.DuplicateError
		var full *output.DiskError
		switch {
		case errors.As(err, &full):
			// Reported once, however many files failed: the problems
			// are joined without repeats.
			b.problem(&content.Error{Message: full.Error()})
		case errors.As(err, &ce):
			b.problem(ce)
		case errors.As(err, &de):
			b.problem(duplicateProblem(de))
		default:
			b.problem(&content.Error{File: by, Message: err.Error()})
		}
	}
}

// duplicateProblem names the site's own file when two writers claim one
// output file, since that is the one the author can rename; the other may be
// a page folio generates (a tag page, the sitemap).
func duplicateProblem(de *output.DuplicateError) *content.Error {
	file, other := de.Second, de.First
	if !isSiteFile(file) && isSiteFile(other) {
		file, other = other, file
	}
	if !isSiteFile(other) {
		return content.Errorf(file, 0, "is written to %s, which folio generates (%s); rename or move this file", de.Path, other)
	}
	return content.Errorf(file, 0, "is written to %s, as is %s; rename or move one of them", de.Path, other)
}

func isSiteFile(by string) bool {
	return strings.HasPrefix(by, content.ContentDir+"/") || strings.HasPrefix(by, "static/") || strings.HasPrefix(by, "layouts/")
}
