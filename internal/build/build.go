package build

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/membudget"
	"folio/internal/output"
	"folio/internal/shelved"
	"folio/internal/sitefs"
)

// Options are the settings of one build, from the command line.
type Options struct {
	// Source is the site folder; Output the folder that receives the site.
	Source string
	Output string
	Drafts bool
	Future bool
	// BaseURL overrides folio.yaml's base_url.
	BaseURL  string
	NoMinify bool
	// Strict turns warnings (uncredited photos, ...) into errors.
	Strict bool
	// Now is the present for scheduling; zero means Clock's time.
	Now time.Time
	// Clock tells the present when Now is zero; nil means the wall clock.
	// A preview Session asks it at every build, so that a scheduled post
	// whose date passes during the session is published by the next
	// build; tests inject one to move time without waiting.
	Clock func() time.Time
	// WaitForImages makes a preview Session make image variants before a
	// build returns, as a clean build does, instead of pointing pages at
	// the originals until the variants are ready (folio serve's way, so
	// that an edit never waits for images). Tests comparing a session with
	// clean builds set it.
	WaitForImages bool
	// Progress, when set, counts the build's work as it goes.
	Progress *Progress

	// budget runs the build under package membudget's memory limit. Build
	// sets it: a build into a folder keeps only what later stages need,
	// which is what the limit is estimated from; a build into memory (tests',
	// benchmarks') also holds every file it wrote, which
	// would keep the heap above the limit and the collector running four
	// times as often for nothing. Such a build also keeps the pages'
	// Markdown on a shelf until each is converted (shelved.Sources).
	budget bool
	// Priority, when set, lets a preview Session's builds render the
	// pages a browser waits for first and read files as they are written
	// (preview.Priority).
	Priority PageOrder
}

// PageOrder lets a preview's builds render first the pages a browser
// waits for (preview.Priority, handed in as Options.Priority).
type PageOrder interface {
	// EachFirst calls do for every page of order on n goroutines, the
	// pages asked for first; it does nothing and returns false once it
	// no longer orders builds, and the page stage keeps its own order.
	EachFirst(n int, order []*content.Page, do func(*content.Page)) bool
	// Written records a file a build wrote, to be read while it runs.
	Written(rel string, data []byte)
}

// Present is the present for scheduling.
func (o Options) Present() time.Time {
	switch {
	case !o.Now.IsZero():
		return o.Now
	case o.Clock != nil:
		return o.Clock()
	}
	return time.Now()
}

// Build builds the site in opts.Source into opts.Output. On any error the
// previous output is left exactly as it was.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	if opts.Output == "" {
		opts.Output = filepath.Join(opts.Source, "public")
	}
	if err := output.GuardSite(opts.Source, opts.Output); err != nil {
		return nil, err
	}
	fsys, cfg, err := openSite(opts)
	if err != nil {
		return nil, err
	}
	w, dir, err := output.NewDir(opts.Output, output.Options{Minify: cfg.Minify})
	if err != nil {
		return nil, err
	}
	opts.budget = true
	res, err := Run(fsys, cfg, opts, w)
	if err != nil {
		dir.Abort()
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	res.Disk = dir.Counts()
	res.Elapsed = time.Since(start)
	return res, nil
}

// openSite opens the site folder with the link rules of package sitefs and
// reads its settings: folio.yaml itself is read before its follow_links
// can allow anything.
func openSite(opts Options) (*sitefs.FS, config.Config, error) {
	fsys, err := sitefs.New(opts.Source, nil)
	if err != nil {
		return nil, config.Config{}, err
	}
	cfg, err := Configure(fsys, opts)
	if err != nil || len(cfg.FollowLinks) == 0 {
		return fsys, cfg, err
	}
	fsys, err = sitefs.New(opts.Source, cfg.FollowLinks)
	return fsys, cfg, err
}

// SiteFS opens the site folder source for reading with the link rules of
// package sitefs (and the follow_links of its folio.yaml), for commands
// that read a site without building it.
func SiteFS(source string) (fs.FS, error) {
	fsys, _, err := openSite(Options{Source: source})
	return fsys, err
}

// Configure reads folio.yaml and lays the command-line options over it.
func Configure(fsys fs.FS, opts Options) (config.Config, error) {
	cfg, err := config.Load(fsys)
	if err != nil {
		return cfg, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return cfg, fmt.Errorf("--base-url %q is not an absolute URL; write it like https://example.org/", opts.BaseURL)
		}
	}
	if opts.NoMinify {
		cfg.Minify = false
	}
	cfg.Drafts = cfg.Drafts || opts.Drafts
	cfg.Future = cfg.Future || opts.Future
	return cfg, nil
}

// Run loads the site in fsys and writes it through w.
func Run(fsys fs.FS, cfg config.Config, opts Options, w *output.Writer) (*Result, error) {
	start := time.Now()
	opts.Progress.Begin(StageReading, 0)
	lopts := content.Options{Drafts: cfg.Drafts, Future: cfg.Future, Now: opts.Present()}
	var sources *shelved.Sources // the pages' Markdown until converted
	if opts.budget {
		sources = shelved.NewSources()
		defer sources.Close()
		budget := membudget.Start() // grows as the pages load
		defer budget.End()
		lopts.Shelve, lopts.Loaded = sources.Put, budget.Grow
	}
	site, err := content.Load(fsys, cfg, lopts)
	if err != nil {
		return nil, err
	}
	if err := content.Link(site); err != nil {
		return nil, err
	}
	b, err := newBuilder(fsys, site, w, opts)
	if err != nil {
		return nil, content.WithWarnings(err, site.Warnings)
	}
	b.sources = sources
	return b.runResult(start)
}

// SourceFiles maps the output file of each page with a source
// ("blog/post/index.html") to that source, relative to the site folder
// ("content/blog/post.md"), without rendering anything: folio check names
// the file and line an author wrote a broken URL on.
func SourceFiles(opts Options) (map[string]string, error) {
	fsys, _, err := openSite(opts)
	if err != nil {
		return nil, err
	}
	site, err := loadLinked(fsys, opts)
	if err != nil {
		return nil, err
	}
	files := make(map[string]string, len(site.Pages))
	for _, p := range site.Pages {
		files[p.OutPath] = p.File
	}
	return files, nil
}

// loadLinked runs stages 1 to 3: configure, load and link.
func loadLinked(fsys fs.FS, opts Options) (*content.Site, error) {
	cfg, err := Configure(fsys, opts)
	if err != nil {
		return nil, err
	}
	site, err := content.Load(fsys, cfg, content.Options{Drafts: cfg.Drafts, Future: cfg.Future, Now: opts.Present()})
	if err != nil {
		return nil, err
	}
	if err := content.Link(site); err != nil {
		return nil, err
	}
	return site, nil
}

// runResult runs the render stages and describes what they wrote.
func (b *builder) runResult(start time.Time) (*Result, error) {
	site, w := b.site, b.w
	if err := b.run(); err != nil {
		return nil, content.WithWarnings(err, b.warns) // reported with the errors
	}
	res := &Result{Pages: map[content.Kind]int{}, Generated: int(b.generated.Load()), Static: b.static,
		Files: w.Files(), Bytes: w.Bytes(), Elapsed: time.Since(start), Warnings: b.warns, Scheduled: site.Scheduled,
		Omitted: site.OmittedPages()}
	if b.img.Proc != nil && !b.img.Live {
		res.Decoded, res.Variants = b.img.Proc.Decoded.Load(), b.img.Proc.Encoded.Load()
	}
	for _, p := range site.Pages {
		res.Pages[p.Kind]++
	}
	res.SearchFiles, res.SearchBytes = b.searchFiles, b.searchBytes
	return res, nil
}
