package editions

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"html/template"
	"path"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/resolve"
	"folio/internal/shelf"
	"folio/internal/workpool"
)

// Generated documents of every EPUB, next to the chapter-NN.xhtml and
// part-N.xhtml files of the book's own pages.
const (
	coverFile   = "cover.xhtml"
	titleFile   = "title.xhtml"
	creditsFile = "credits.xhtml"
)

// epubBook is one book on its way into an EPUB: the package file of each of
// its pages, and what converting them for the EPUB found.
type epubBook struct {
	m     *Maker
	book  *content.Book
	files map[*content.Page]string // the book's pages → their file in the package

	shelf   *shelf.Shelf // where a clean build keeps the page stage's renderings
	mu      sync.Mutex
	bodies  map[*content.Page]template.HTML
	kept    map[*content.Page]keptEdition
	shelved map[*content.Page]shelf.Item // bodies left on the shelf until the package converts them
	images  map[string]imageRef          // site path of an image → its packaging
	anchors []anchorLink
	// standalone is set when no page stage ran (folio epub): converting
	// for the package then reports the pages' warnings.
	standalone bool
}

// anchorLink is a link to a heading of another page of the book, checked
// (checkAnchors) when no page stage has checked it.
type anchorLink struct {
	from, target *content.Page
	line         int
	id, dest     string
}

// checkAnchors reports links to headings that their page lacks.
func (e *epubBook) checkAnchors() {
	for _, a := range e.anchors {
		if err := resolve.MissingHeading(a.from, a.line, a.target, e.m.outline(a.target), a.id, a.dest); err != nil {
			e.m.Problem(err)
		}
	}
}

// imageRef is an image of the book: its name in the package and the first
// place that uses it, for messages about its file.
type imageRef struct {
	href, file string
	line       int
}

func newEPUBBook(m *Maker, book *content.Book) *epubBook {
	e := &epubBook{m: m, book: book, files: map[*content.Page]string{book.Index: titleFile},
		bodies: map[*content.Page]template.HTML{}, kept: map[*content.Page]keptEdition{},
		shelved: map[*content.Page]shelf.Item{}, images: map[string]imageRef{}}
	width := max(2, len(fmt.Sprint(len(book.Chapters))))
	for i, c := range book.Chapters {
		e.files[c.Page] = fmt.Sprintf("chapter-%0*d.xhtml", width, i+1)
	}
	n := 0
	for _, part := range book.Parts {
		if part.Index != nil {
			n++
			e.files[part.Index] = fmt.Sprintf("part-%d.xhtml", n)
		}
	}
	return e
}

// convertAll converts the book's chapters and part introductions on all
// cores, with links and images resolved for the package, unless the page
// stage made their EPUB rendering already (keep).
func (e *epubBook) convertAll() {
	workpool.Feed(e.m.lanes(), func(send func(*content.Page)) {
		for _, p := range content.BookPages(e.book)[1:] { // the home page's body is about the web edition
			if e.m.stopped() {
				break
			}
			if k, ok := e.takeKept(p); ok {
				e.accept(p, markdown.Edition{Headings: k.headings, Problems: k.problems})
				e.shelved[p] = k.html // read back when the package converts it
				continue
			}
			send(p)
		}
	}, e.convert)
	for _, p := range content.BookPages(e.book) {
		if vpath, _, _, ok := e.photoImage(p); ok {
			if _, err := e.image(p, vpath, p.Photo.Src, p.Photo.Line); err != nil {
				e.m.Problem(content.Errorf(p.File, p.Photo.Line, "photo: %v", err))
			}
		}
	}
}

// keep stores the EPUB rendering the page stage made of p. Its problems
// wait for convertAll, as a conversion's would: the EPUB's problems are
// reported only for a build whose pages have none.
func (e *epubBook) keep(p *content.Page, ed markdown.Edition) {
	k := keptEdition{headings: ed.Headings, problems: ed.Problems}
	packOnto(ed.HTML, func(html packed) { k.html = e.shelf.PutCopy(html) })
	e.mu.Lock()
	defer e.mu.Unlock()
	e.kept[p] = k
}

// keptEdition is a page's EPUB rendering, its HTML on the shelf until used.
type keptEdition struct {
	html     shelf.Item
	headings []markdown.Heading
	problems []markdown.Problem
}

func (e *epubBook) takeKept(p *content.Page) (keptEdition, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	k, ok := e.kept[p]
	delete(e.kept, p)
	return k, ok
}

// convert converts one page with the build's Converter and an Env for the
// package.
func (e *epubBook) convert(p *content.Page) {
	doc, err := e.m.MD.Convert(content.BodyOf(e.m.source(p)), e.env(p))
	if !e.m.KeepSources {
		// The EPUB is the source's last use in a build (after the page and
		// the print edition); a preview session keeps it for its next build.
		content.SetBody(p, nil)
	}
	if err != nil {
		e.m.Problem(content.Errorf(p.File, 0, "convert Markdown for the EPUB: %v", err))
		return
	}
	if e.standalone {
		// No page stage converted p, told its warnings and kept its ids.
		e.m.Warnings(p, doc.Warnings)
		if e.m.Conv != nil {
			e.m.Conv.SetIDs(p, doc.IDs)
		}
	}
	e.accept(p, markdown.Edition{HTML: doc.HTML, Headings: doc.Headings, Problems: doc.Problems})
}

// accept reports the problems of a page's EPUB rendering and keeps its
// body for the package. Its raw HTML needs no check of its own: the
// package's serializer reads it as HTML5 and writes well-formed XHTML.
func (e *epubBook) accept(p *content.Page, ed markdown.Edition) {
	for _, pr := range ed.Problems {
		e.m.Problem(content.Errorf(p.File, pr.Line, "%s", pr.Message))
	}
	headings := make([]content.Heading, len(ed.Headings))
	for i, h := range ed.Headings {
		headings[i] = content.Heading(h)
	}
	if e.m.Conv != nil {
		e.m.Conv.SetHeadings(p, headings) // the same ids as the web edition's: no prefix in either
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.bodies[p] = template.HTML(ed.HTML)
}

// env resolves a page's links for the package: to another page of the book,
// its file; to anything else on the site, its absolute URL, or plain text
// when the site has no base URL. Images become packaged resources.
func (e *epubBook) env(p *content.Page) markdown.Env {
	return markdown.Env{
		FirstLine:   e.m.source(p).BodyLine,
		NoImageSets: true, // the package's serializer drops srcset and <source>
		Title:       p.Title,
		Link: func(dest string, line int) (string, error) {
			target, id, err := e.m.Links.Target(p, dest)
			if err != nil {
				return "", err
			}
			if file, ok := e.files[target]; ok {
				if id == "" || target == e.book.Index { // the title page stands for the book's home
					return file, nil
				}
				e.mu.Lock()
				e.anchors = append(e.anchors, anchorLink{from: p, line: line, target: target, id: id, dest: dest})
				e.mu.Unlock()
				return file + "#" + id, nil
			}
			if e.m.Site.Config.BaseURL == "" {
				return "", markdown.ErrUnlink
			}
			u := "/" + id // an asset; id holds its path
			if target != nil {
				u = target.URL
				if id != "" {
					u += "#" + id
				}
			}
			return e.m.URLs.Abs(u), nil
		},
		Image: func(src string, line int) (markdown.Image, error) {
			rel, err := e.m.Links.Asset(p, src)
			if err != nil {
				return markdown.Image{}, err
			}
			vpath, w, h, err := e.m.EPUBImage(p.File, line, rel)
			if err != nil {
				return markdown.Image{}, err
			}
			href, err := e.image(p, vpath, src, line)
			if err != nil {
				return markdown.Image{}, err
			}
			return markdown.Image{URL: href, Width: w, Height: h}, nil
		},
	}
}

// image registers an image (site path rel, written src) used on line of
// page p and returns its href in the package. An image type that EPUB
// readers need not display is an error.
func (e *epubBook) image(p *content.Page, rel, src string, line int) (string, error) {
	ext := path.Ext(rel)
	if _, ok := epubImageTypes[strings.ToLower(ext)]; !ok {
		what := "a " + ext + " file"
		if ext == "" {
			what = "a file without an extension"
		}
		return "", fmt.Errorf("image %q is %s, which EPUB readers need not display; convert it to JPEG, PNG, GIF, SVG or WebP (or set epub: false in folio.yaml)", src, what)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	ref, ok := e.images[rel]
	if !ok {
		ref = imageRef{href: imageHref(rel), file: p.File, line: line}
		e.images[rel] = ref
	}
	return ref.href, nil
}

// photoImage is the site path and size of the EPUB's variant of a page's
// photo; ok is false without a photo, or one that was not found.
func (e *epubBook) photoImage(p *content.Page) (vpath string, w, h int, ok bool) {
	ph := p.Photo
	if ph == nil || ph.URL == "" {
		return "", 0, 0, false
	}
	rel, err := e.m.Links.Asset(p, ph.Src)
	if err != nil {
		return "", 0, 0, false
	}
	vpath, w, h, err = e.m.EPUBImage(p.File, ph.Line, rel)
	return vpath, w, h, err == nil
}

// epubImageTypes are the EPUB core image types, which every reading system
// displays without a fallback.
var epubImageTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
	".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp",
}

// imageHref names an image in the package after its site path, under
// images/, with every character outside [A-Za-z0-9._-] replaced; a name
// that had to change gets a hash of the original, so two paths never meet.
func imageHref(rel string) string {
	segs := strings.Split(rel, "/")
	changed := false
	for i, s := range segs {
		safe := []byte(s)
		for j, c := range safe {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
				safe[j] = '-'
			}
		}
		if len(safe) == 0 || !(safe[0] >= 'a' && safe[0] <= 'z' || safe[0] >= 'A' && safe[0] <= 'Z' || safe[0] >= '0' && safe[0] <= '9') {
			safe = append([]byte("x"), safe...)
		}
		changed = changed || string(safe) != s
		segs[i] = string(safe)
	}
	if changed {
		sum := sha1.Sum([]byte(rel))
		last := segs[len(segs)-1]
		ext := path.Ext(last)
		segs[len(segs)-1] = strings.TrimSuffix(last, ext) + "-" + hex.EncodeToString(sum[:4]) + ext
	}
	return "images/" + strings.Join(segs, "/")
}
