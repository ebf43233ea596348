// Package check owns folio check: it reads a built site folder and checks
// every URL the output carries — links, anchors, images, srcsets,
// stylesheets, share cards, redirects, feed entries, sitemap entries and
// robots.txt, raw HTML included — against the files of the folder, and,
// when asked, links to other sites over HTTP (external.go).
//
// It knows nothing of how the site was built: the caller says where the
// site is published (a siteurl.Base, so that absolute URLs of the site and
// its path prefix are recognised) and, when it can, which source file each
// output file came from, so that a problem is reported at the line the
// author wrote.
package check

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"folio/internal/siteurl"
	"folio/internal/workpool"
)

// Options configures a check.
type Options struct {
	// Base is where the site is published; the zero Base is the root of
	// an unknown host.
	Base siteurl.Base
	// Source, when set, names the source file an output file (a slash
	// path such as "blog/post/index.html") was made from, relative to the
	// site folder, and returns its text; "" when it has none.
	Source func(outFile string) (file string, text []byte)
	// External checks links to other sites as well (external.go).
	External External
}

// Problem is one broken URL.
type Problem struct {
	// File is the output file that carries the URL, slash-separated and
	// relative to the output folder; Line its line there.
	File string
	Line int
	// Source and SourceLine name where the author wrote it, when known.
	Source     string
	SourceLine int
	URL        string
	What       string
	Message    string
}

func (p Problem) String() string {
	where := fmt.Sprintf("%s:%d", p.File, p.Line)
	if p.Source != "" {
		if p.SourceLine > 0 {
			where = fmt.Sprintf("%s:%d (in %s)", p.Source, p.SourceLine, p.File)
		} else {
			where = fmt.Sprintf("%s (in %s:%d)", p.Source, p.File, p.Line)
		}
	}
	return fmt.Sprintf("%s: %s %q: %s", where, p.What, p.URL, p.Message)
}

// Report is the outcome of a check.
type Report struct {
	Problems []Problem
	// Files counts the files read, URLs the URLs checked (each use
	// counted), External the distinct links to other sites checked and
	// Cached how many of those the cache answered.
	Files, URLs, External, Cached int
}

// site is the output folder as the checker sees it.
type site struct {
	dir   string
	files map[string]bool // slash paths of every file
	docs  map[string]*doc // per HTML, XML and robots file
	opts  Options
}

// Dir checks the site in the output folder dir.
func Dir(ctx context.Context, dir string, opts Options) (*Report, error) {
	s := &site{dir: dir, files: map[string]bool{}, docs: map[string]*doc{}, opts: opts}
	if err := s.read(); err != nil {
		return nil, err
	}
	rep := &Report{Files: len(s.files)}
	ext := map[string][]Problem{} // external URL → its uses, as problems to report if it is broken
	names := make([]string, 0, len(s.docs))
	for name := range s.docs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, r := range s.docs[name].refs {
			rep.URLs++
			use := Problem{File: name, Line: r.line, URL: r.url, What: r.what}
			external, msg := s.checkRef(name, r.url)
			if external != "" {
				ext[external] = append(ext[external], use)
				continue
			}
			if msg != "" {
				use.Message = msg
				rep.Problems = append(rep.Problems, use)
			}
		}
	}
	if opts.External.Enabled && len(ext) > 0 {
		if err := opts.External.check(ctx, ext, rep); err != nil {
			return nil, err
		}
	}
	s.locate(rep.Problems)
	sort.SliceStable(rep.Problems, func(i, j int) bool {
		a, b := rep.Problems[i], rep.Problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return rep, nil
}

// read lists the folder and extracts the URLs of its pages, feeds and
// sitemaps, on all cores.
func (s *site) read() error {
	var names []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(s.dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		s.files[rel] = true
		switch strings.ToLower(path.Ext(rel)) {
		case ".html", ".htm", ".xml":
			names = append(names, rel)
		case ".txt":
			if rel == "robots.txt" {
				names = append(names, rel)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check %s: %w", s.dir, err)
	}
	var mu sync.Mutex
	var firstErr error
	workpool.Each(4, names, func(name string) {
		d, err := s.extract(name)
		mu.Lock()
		if err != nil && firstErr == nil {
			firstErr = err
		}
		s.docs[name] = d
		mu.Unlock()
	})
	return firstErr
}

func (s *site) extract(name string) (*doc, error) {
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	switch {
	case name == "robots.txt":
		return extractRobots(data), nil
	case strings.HasSuffix(strings.ToLower(name), ".xml"):
		return extractXML(data), nil
	}
	return extractHTML(data), nil
}

// pageURL is the root-relative URL of an output file, as a browser sees it.
func (s *site) pageURL(name string) *url.URL {
	p := "/" + name
	if path.Base(name) == "index.html" {
		p = "/" + strings.TrimSuffix(name, "index.html")
	}
	return &url.URL{Path: s.opts.Base.Path(p)}
}

// checkRef checks one URL of the output file name. It returns the URL to
// fetch when it points at another site, else what is wrong with it ("" when
// nothing).
func (s *site) checkRef(name, raw string) (external, msg string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", "empty URL"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Sprintf("not a valid URL (%v)", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	default:
		return "", "" // mailto:, tel:, data:, ...
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Scheme == "" {
			u.Scheme = "https"
		}
		if !s.opts.Base.HasOrigin() || !sameOrigin(u, s.opts.Base.Abs("/")) {
			u.Fragment = ""
			return u.String(), ""
		}
	}
	target := s.pageURL(name).ResolveReference(u)
	sitePath, ok := s.opts.Base.Site(target.Path)
	if !ok {
		return "", fmt.Sprintf("lies outside the site's path %s: it was written without it (in a layout, write {{url \"/...\"}})", s.opts.Base.Prefix())
	}
	file, ok := s.file(sitePath)
	if !ok {
		return "", fmt.Sprintf("no such file in the output (%s)", strings.TrimPrefix(sitePath, "/"))
	}
	return "", s.checkFragment(file, target.Fragment)
}

// file finds the output file of a site path: the file itself, or the
// index.html of a folder.
func (s *site) file(sitePath string) (string, bool) {
	rel := strings.TrimPrefix(sitePath, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
		return rel, s.files[rel]
	}
	if s.files[rel] {
		return rel, true
	}
	if s.files[rel+"/index.html"] {
		return rel + "/index.html", true // a server redirects to the folder
	}
	return "", false
}

func (s *site) checkFragment(file, frag string) string {
	if frag == "" || strings.HasPrefix(frag, ":~:") {
		return ""
	}
	d := s.docs[file]
	if d == nil || !d.html {
		return ""
	}
	if d.ids[frag] || frag == "top" {
		return ""
	}
	return fmt.Sprintf("%s has no element with id %q", file, frag)
}

func sameOrigin(u *url.URL, base string) bool {
	b, err := url.Parse(base)
	return err == nil && strings.EqualFold(u.Scheme, b.Scheme) && strings.EqualFold(u.Host, b.Host)
}

// locate names the source file of each problem and the line on which its
// URL is written there, when the source holds it as written (raw HTML, a
// link to another site); a Markdown link to a page is written as a path to
// its file instead, and the build checked those.
func (s *site) locate(probs []Problem) {
	if s.opts.Source == nil {
		return
	}
	for i := range probs {
		p := &probs[i]
		file, text := s.opts.Source(p.File)
		if file == "" {
			continue
		}
		p.Source = file
		if n := lineOf(text, p.URL); n > 0 {
			p.SourceLine = n
		}
	}
}

// lineOf is the 1-based line of text on which needle first occurs, else 0.
func lineOf(text []byte, needle string) int {
	i := strings.Index(string(text), needle)
	if i < 0 || needle == "" {
		return 0
	}
	return strings.Count(string(text[:i]), "\n") + 1
}
