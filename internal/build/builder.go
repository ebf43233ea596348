package build

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"sync"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/templates"
)

// builder holds what the render stages of one build share.
type builder struct {
	fsys fs.FS
	site *content.Site
	cfg  config.Config
	w    *output.Writer
	opts Options
	md   *markdown.Converter
	tmpl *templates.Set

	images sync.Map // content-relative path → imageInfo

	mu      sync.Mutex
	probs   content.Problems
	anchors []anchorCheck
	// feedHTML holds the absolute-link HTML of posts that appear in feeds.
	feedHTML map[*content.Page][]byte
	inFeed   map[*content.Page]bool

	generated, static int
}

func newBuilder(fsys fs.FS, site *content.Site, w *output.Writer, opts Options) (*builder, error) {
	var layouts fs.FS
	if fi, err := fs.Stat(fsys, "layouts"); err == nil && fi.IsDir() {
		sub, err := fs.Sub(fsys, "layouts")
		if err != nil {
			return nil, err
		}
		layouts = sub
	}
	tmpl, err := templates.Load(layouts, nil)
	if err != nil {
		return nil, err
	}
	b := &builder{fsys: fsys, site: site, cfg: site.Config, w: w, opts: opts, tmpl: tmpl,
		md: markdown.New(markdown.Options{UnsafeHTML: site.Config.UnsafeHTML}), feedHTML: map[*content.Page][]byte{}}
	b.inFeed = feedMembers(site)
	return b, nil
}

// problem records a content error from any goroutine.
func (b *builder) problem(e *content.Error) {
	b.mu.Lock()
	b.probs = append(b.probs, e)
	b.mu.Unlock()
}

func (b *builder) run() error {
	b.resolvePhotos()
	if err := b.copyStatic(); err != nil {
		return err
	}
	if err := b.probs.Err(); err != nil {
		return err
	}
	b.renderPages()
	b.checkAnchors()
	if err := b.probs.Err(); err != nil {
		return err
	}
	b.renderLists()
	if b.opts.Strict {
		b.probs = append(b.probs, b.site.Warnings...)
	}
	return b.probs.Err()
}

// renderPages converts and renders every page on all cores. Pages whose
// templates list other pages' summaries wait for renderLists.
func (b *builder) renderPages() {
	pages := make(chan *content.Page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range pages {
				b.convert(p)
				if !listed(p) {
					b.renderPage(p)
				}
			}
		})
	}
	for _, p := range b.site.Pages {
		pages <- p
	}
	close(pages)
	wg.Wait()
}

// listed reports whether a page's template lists other pages' summaries,
// which exist only once every page has been converted.
func listed(p *content.Page) bool {
	return p.Kind == content.KindHome || p.Kind == content.KindBlog || p.Kind == content.KindSeries
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
		data, err := fs.ReadFile(b.fsys, a.File)
		if err != nil {
			return fmt.Errorf("read %s: %w", a.File, err)
		}
		if err := b.w.Write(a.Path, a.File, data); err != nil {
			return err
		}
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
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s%s: %w", label, p, err)
		}
		if err := b.w.Write(p, label+p, data); err != nil {
			return err
		}
		done[p] = true
		b.static++
	}
	return nil
}

// write sends a rendered file to the output and records a failure as a
// problem of the page that produced it.
func (b *builder) write(rel, by string, data []byte) {
	if err := b.w.Write(rel, by, data); err != nil {
		var ce *content.Error
		if errors.As(err, &ce) {
			b.problem(ce)
			return
		}
		b.problem(&content.Error{File: by, Message: err.Error()})
	}
}
