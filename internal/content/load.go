package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"folio/internal/config"
	"folio/internal/frontmatter"
	"folio/internal/workpool"
)

// ContentDir is the folder of a site that holds its pages.
const ContentDir = "content"

// Options are the build settings that decide what loading keeps.
type Options struct {
	Drafts bool
	Future bool
	// Now is the present for future-dated posts; zero means time.Now.
	Now time.Time
	// Cache, when set, keeps decoded pages between loads (folio serve).
	Cache *Cache
	// Shelve, when set (and Cache not), is given each page's Markdown as
	// the page is loaded, from any goroutine, for a clean build to keep
	// off the heap until it converts the page: the page then holds none
	// (BodyOf is nil) until SetBody gives it back.
	Shelve func(p *Page, body []byte)
	// Loaded, when set, is told the size of each page's Markdown as the
	// page is loaded, from any goroutine: a clean build's memory limit
	// grows with it (package membudget).
	Loaded func(sourceBytes int64)
}

// Load reads every page and asset under content/ in fsys (the site folder).
// Problems in separate files are all reported, joined, each naming its file.
func Load(fsys fs.FS, cfg config.Config, opts Options) (*Site, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	site := &Site{Config: cfg, Now: opts.Now, byPath: map[string]*Page{}, assets: map[string]*Asset{}, omitted: map[string]string{}}
	if fi, err := fs.Stat(fsys, ContentDir); err != nil || !fi.IsDir() {
		return nil, &Error{File: ContentDir + "/", Message: "folder not found; a site keeps its Markdown pages in content/ (create it, or pass -s with the site folder)"}
	}
	sources, probs, err := walkContent(fsys, site)
	if err != nil {
		return nil, err
	}
	pages, loadProbs := loadPages(fsys, sources, opts)
	probs = append(probs, loadProbs...)
	site.admit(pages, opts)
	if err := probs.Err(); err != nil {
		return nil, WithWarnings(err, site.Warnings)
	}
	warnUntitled(site)
	// The build summary lists scheduled posts in the order they will appear.
	sort.SliceStable(site.Scheduled, func(i, j int) bool { return site.Scheduled[i].Date.Before(site.Scheduled[j].Date) })
	return site, nil
}

// walkContent lists the Markdown sources under content/ and records every
// other file as an asset of site. A folder or link it cannot read is a
// problem of loading, reported with the others.
func walkContent(fsys fs.FS, site *Site) (sources []string, probs Problems, err error) {
	err = fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.Add(p, 0, "cannot read the folder: %v; check its permissions", reason(err))
			return nil
		}
		if p != ContentDir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link the site's file system did not resolve: say why now,
			// with the other problems of loading.
			if _, err := fs.Stat(fsys, p); err != nil {
				probs = append(probs, ReadError(p, err))
				return nil
			}
		}
		rel := strings.TrimPrefix(p, ContentDir+"/")
		if strings.HasSuffix(d.Name(), ".md") {
			sources = append(sources, rel)
			return nil
		}
		a := &Asset{Path: rel, File: p}
		site.Assets = append(site.Assets, a)
		site.assets[rel] = a
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("walk %s: %w", ContentDir, err)
	}
	warnOtherMarkdown(site)
	return sources, probs, nil
}

// admit keeps the loaded pages that this build publishes, and records why
// each other one is left out (a draft, a post scheduled for later).
func (site *Site) admit(pages []*Page, opts Options) {
	warnForeignKeys(site, pages)
	warnRedirects(site, pages)
	for _, pg := range pages {
		if pg == nil {
			continue
		}
		if why := omission(pg, opts); why != "" {
			site.omitted[pg.Path] = why
			if strings.HasPrefix(why, "scheduled") {
				site.Scheduled = append(site.Scheduled, pg)
			}
			continue
		}
		site.Pages = append(site.Pages, pg)
		site.byPath[pg.Path] = pg
	}
}

// otherMarkdown are the other extensions Hugo and Jekyll read as Markdown
// (Jekyll's own posts are .markdown files), and Quarto's and R
// Markdown's (.qmd, .Rmd: Markdown with code cells, which folio shows as
// code blocks).
var otherMarkdown = []string{".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".qmd", ".rmd"}

// warnOtherMarkdown warns, once, that Markdown files with another
// extension than .md are published as files, not pages: without a word, a
// migrated blog of .markdown posts would build into a site without them.
func warnOtherMarkdown(site *Site) {
	var files []string
	for _, a := range site.Assets {
		ext := path.Ext(a.Path)
		if lower := strings.ToLower(ext); lower == ".md" || slices.Contains(otherMarkdown, lower) {
			files = append(files, a.File)
		}
	}
	if len(files) == 0 {
		return
	}
	msg := "is copied as a file, not made a page"
	switch n := len(files); {
	case n == 2:
		msg += ", and so is " + files[1]
	case n > 2:
		msg += fmt.Sprintf(", and so are %d other Markdown files not named .md (%s, ...)", n-1, files[1])
	}
	ext := path.Ext(files[0])
	msg += fmt.Sprintf(": folio makes pages of .md files only; rename it to %s.md", strings.TrimSuffix(path.Base(files[0]), ext))
	if len(files) > 1 {
		msg = strings.Replace(msg, "rename it to", "rename them to .md, such as", 1)
	}
	site.Warnings.Add(files[0], 0, "%s", msg)
}

// ignored names files no author means to publish: hidden files and the
// temporary and backup files editors leave beside the real ones.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.Contains(name, "___jb_")
}

func omission(p *Page, opts Options) string {
	if p.Draft && !opts.Drafts {
		return "a draft (draft: true); build with --drafts or set draft: false"
	}
	if !opts.Future && !p.Date.IsZero() && p.Date.After(opts.Now) {
		return fmt.Sprintf("scheduled for %s; build with --future to include it", p.Date.Format("2006-01-02"))
	}
	return ""
}

// loadPages reads and decodes the sources on all cores. The result keeps the
// order of sources so that builds are deterministic.
func loadPages(fsys fs.FS, sources []string, opts Options) ([]*Page, Problems) {
	pages := make([]*Page, len(sources))
	perFile := make([]Problems, len(sources))
	// Reading waits on the disk, so more readers than cores keep the
	// cores busy decoding.
	workpool.Indexes(4*workpool.Cores(), len(sources), func(i int) {
		p, probs := opts.Cache.Load(fsys, sources[i])
		if p != nil && opts.Loaded != nil {
			opts.Loaded(int64(len(p.body)))
		}
		if p != nil && opts.Shelve != nil && opts.Cache == nil {
			opts.Shelve(p, p.body)
			p.body = nil
		}
		pages[i], perFile[i] = p, probs
	})
	var all Problems
	for _, p := range perFile {
		all = append(all, p...)
	}
	return pages, all
}

// loadPage reads one Markdown source. It returns nil with problems when the
// page cannot be used.
func loadPage(fsys fs.FS, rel string) (*Page, Problems) {
	file := ContentDir + "/" + rel
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, Problems{ReadError(file, err)}
	}
	return decodePage(rel, src)
}

// decodePage decodes the source of content/rel.
func decodePage(rel string, src []byte) (*Page, Problems) {
	file := ContentDir + "/" + rel
	var probs Problems
	if i := bytes.IndexByte(src, 0); i >= 0 || !utf8.Valid(src) {
		probs.Add(file, lineOfInvalid(src), "is not UTF-8 text (a binary file, or another encoding); save it as UTF-8, or give a non-Markdown file another extension")
		return nil, probs
	}
	// Some Windows editors start UTF-8 files with a byte order mark.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	raw, body, bodyLine, perr := frontmatter.Split(src)
	if perr != nil {
		return nil, append(probs, frontMatterError(file, perr))
	}
	if raw.Format == "" {
		pg := untitledPage(rel, file, body)
		pg.dateFromName()
		return pg, nil
	}
	es, eerr := frontmatter.Entries(raw)
	if eerr != nil {
		return nil, append(probs, frontMatterError(file, eerr))
	}
	fm, ferrs := frontmatter.Decode(es)
	for _, e := range ferrs {
		probs = append(probs, frontMatterError(file, e))
	}
	if to, line := redirectStub(fm); strings.HasPrefix(to, "/") {
		probs.Add(file, line, "is a page that only redirects to %s, which folio makes from the other end: add this page's old address to aliases: in the front matter of the page at %s (aliases: [/old/address/]), and remove this file", to, to)
	} else if to != "" {
		probs.Add(file, line, "is a page that only redirects to %s, another site, which folio makes no page for: set up the redirect at your host, and remove this file", to)
	} else if strings.TrimSpace(fm.Title) == "" && !hasKey(es, "title") {
		probs.Add(file, 1, "front matter has no title; add a line such as %s", titleLine(raw.Format, titleFromName(rel)))
	} else if strings.TrimSpace(fm.Title) == "" && len(probs) == 0 {
		probs.Add(file, keyLine(es, "title"), "front matter title is empty; give the page a title")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	pg := &Page{Path: rel, File: file, FrontMatter: fm, body: body, BodyLine: bodyLine, Words: countWords(body)}
	pg.dateFromName()
	return pg, nil
}

// ReadError reports a site file that cannot be read, with the operating
// system's reason but not its path, which the message names already.
func ReadError(file string, err error) *Error {
	if !utf8.ValidString(file) {
		return Errorf(strings.ToValidUTF8(file, "\uFFFD"), 0, "the file name is not UTF-8 text (it was named on a system with another encoding); rename the file")
	}
	var rp readProblem
	if errors.As(err, &rp) {
		return Errorf(file, 0, "%s", rp.ReadProblem(file))
	}
	return Errorf(file, 0, "cannot read: %v; check the file's permissions", reason(err))
}

// readProblem is an error that says itself what is wrong with reading a
// file and what to do, such as a symbolic link folio does not follow
// (package sitefs).
type readProblem interface {
	ReadProblem(file string) string
}

func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// redirectStub returns where a page without a title redirects to, and the
// line that says so: Go's website (redirect:) and Jekyll's
// jekyll-redirect-from (redirect_to:) keep such pages, which folio makes
// from the aliases of the page they point at instead.
func redirectStub(fm FrontMatter) (string, int) {
	if strings.TrimSpace(fm.Title) != "" {
		return "", 0
	}
	return redirectOf(fm)
}

// redirectOf is where the front matter's redirect or redirect_to sends
// readers, and its line; "" for nowhere.
func redirectOf(fm FrontMatter) (string, int) {
	for _, k := range []string{"redirect", "redirect_to"} {
		if to, ok := fm.Params[k].(string); ok && to != "" {
			if !strings.Contains(to, ":") && !strings.HasPrefix(to, "/") {
				to = "/" + to // Zola's redirect_to = "documentation/getting-started/" is a path of the site
			}
			return to, fm.Line(k)
		}
	}
	return "", 0
}

// frontMatterError is a front matter problem of file.
func frontMatterError(file string, e *frontmatter.Error) *Error {
	return &Error{File: file, Line: e.Line, Message: e.Message}
}

func hasKey(es []frontmatter.Entry, k string) bool { return keyLine(es, k) > 0 }

func keyLine(es []frontmatter.Entry, k string) int {
	for _, e := range es {
		if e.Key == k {
			return max(e.Line, 1)
		}
	}
	return 0
}

// titleLine writes a title key in the syntax of the page's front matter.
func titleLine(format, title string) string {
	switch format {
	case "toml":
		return fmt.Sprintf("title = %q", title)
	case "json":
		return fmt.Sprintf("%q: %q", "title", title)
	}
	return fmt.Sprintf("title: %q", title)
}

func titleFromName(rel string) string {
	name := strings.TrimSuffix(path.Base(rel), ".md")
	if name == "_index" || name == "index" {
		name = path.Base(path.Dir(rel))
	}
	if _, rest, ok := datedName(name); ok {
		name = rest
	}
	name = strings.ReplaceAll(name, "-", " ")
	if name == "" || name == "." {
		return "Home"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func lineOfInvalid(src []byte) int {
	line := 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 || r == 0 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return 0
}

// countWords counts words as a reader would, skipping Markdown punctuation
// that stands alone (list bullets, heading marks, quote marks).
func countWords(body []byte) int {
	// Branch-free over a class table: a word starts at its first letter,
	// digit or non-ASCII byte after a space; this loop is most of what
	// loading costs per byte of a body.
	n, counted := 0, 0
	for _, c := range body {
		class := byteClass[c]
		word, space := int(class>>1), int(class&1)
		n += word &^ counted
		counted = (counted | word) &^ space
	}
	return n
}

// byteClass sorts bytes for countWords: 1 separates words, 2 can start
// one, 0 neither (punctuation).
var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			t[c] = 1
		case c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80:
			t[c] = 2
		}
	}
	return t
}()

func dirOf(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

func baseOf(p string) string { return path.Base(p) }

// sortPagesByPath keeps every listing deterministic.
func sortPagesByPath(ps []*Page) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
}
