package editions

import (
	"html/template"
	"path"
	"strings"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/workpool"
)

// PrintDir is where a book's print edition is written, under the book's URL.
const PrintDir = "print"

// Print is a whole book on one page, in reading order, for a browser to
// print or save as PDF: what the "print" layout receives as .Print. Each
// chapter and part intro is converted with an id prefix of its own, so
// that heading and footnote ids stay unique across the page, and with
// links between chapters pointing at anchors in the page instead of at the
// chapters' own pages.
type Print struct {
	Book  *content.Book
	Parts []PrintPart
	// Anchors maps each page of the book to the id of its start.
	Anchors map[*content.Page]string
}

// PrintPart is one part of the print edition.
type PrintPart struct {
	Part *content.Part
	// Anchor is the id of the part's title; empty for chapters outside a
	// part folder.
	Anchor   string
	Intro    PrintHTML
	Chapters []PrintChapter
}

// PrintChapter is one chapter of the print edition.
type PrintChapter struct {
	Chapter *content.Chapter
	Anchor  string
	HTML    PrintHTML
}

// PrintHTML is a page's HTML in the print edition. In a clean build it
// stays on the shelf where the page stage kept it (Kept) until the layout
// reads it, and the print edition is rendered into its file as the layout
// goes (output.Writer.Stream), so that a whole book (3,000 chapters, some
// 30 MB at 10,000 pages) is never in memory at once; in a preview session
// it is converted, and held, with the print edition.
type PrintHTML struct {
	html template.HTML
	page *content.Page
	kept *Kept // the shelf page's rendering is on, if any
}

// Read is the HTML, read back from the shelf each time it is asked for;
// a shelf that fails to give it back is a *content.Error naming the page.
func (h PrintHTML) Read() (template.HTML, error) {
	if h.kept == nil {
		return h.html, nil
	}
	kept := renderings.Get() // packed, until unpacked
	defer renderings.Put(kept)
	html, ok, err := h.kept.print.Append(*kept, h.page)
	*kept = html
	if err != nil {
		return "", content.Errorf(h.page.File, 0, "the print edition: %v", err)
	}
	if !ok {
		return "", nil
	}
	return template.HTML(packed(html).string()), nil
}

// printTitleAnchor is the id of the title page, where links to the book's
// own page land.
const printTitleAnchor = "title-page"

// PrintAnchors gives every page of the book that the print edition holds
// the id its start has there: a chapter its slug, or where another chapter
// of the book has that slug too (intro.md in two parts), its path in the
// book with a dot for the slash ("one.intro", since html/template escapes a
// slash in a fragment); a part its folder name; the book's own page the
// title page. A heading id of a page is its
// anchor, "--" and the heading's own id.
func PrintAnchors(book *content.Book) map[*content.Page]string {
	anchors := map[*content.Page]string{book.Index: printTitleAnchor}
	for _, part := range book.Parts {
		if part.Index != nil {
			anchors[part.Index] = path.Base(part.Index.Dir())
		}
	}
	slugs := map[string]int{}
	for _, c := range book.Chapters {
		slugs[path.Base(c.BookPath())]++
	}
	for _, c := range book.Chapters {
		anchors[c.Page] = path.Base(c.BookPath())
		if slugs[anchors[c.Page]] > 1 {
			anchors[c.Page] = strings.ReplaceAll(c.BookPath(), "/", ".")
		}
	}
	return anchors
}

// Print converts the book's chapters and part intros for the print
// edition on m's lanes and lays them out; nil when the work was called off
// or two pages would define the same id (reported as problems).
func (m *Maker) Print(book *content.Book) *Print {
	anchors := PrintAnchors(book)
	ed := &Print{Book: book, Parts: make([]PrintPart, len(book.Parts)), Anchors: anchors}
	var jobs []func()
	for i, part := range book.Parts {
		pp := &ed.Parts[i]
		*pp = PrintPart{Part: part, Chapters: make([]PrintChapter, len(part.Chapters))}
		if part.Index != nil {
			pp.Anchor = anchors[part.Index]
			jobs = m.printHTML(jobs, &pp.Intro, part.Index, anchors)
		}
		for j, c := range part.Chapters {
			pp.Chapters[j] = PrintChapter{Chapter: c, Anchor: anchors[c.Page]}
			jobs = m.printHTML(jobs, &pp.Chapters[j].HTML, c.Page, anchors)
		}
	}
	workpool.Run(m.lanes(), jobs)
	if m.stopped() || !m.uniquePrintIDs(ed, anchors) {
		return nil
	}
	return ed
}

// printHTML sets h to a page of the book as the print edition shows it:
// the rendering the page stage kept, read when the layout reaches it, or
// else (in a preview session) a conversion of its own, which it adds to
// jobs.
func (m *Maker) printHTML(jobs []func(), h *PrintHTML, p *content.Page, anchors map[*content.Page]string) []func() {
	if m.Kept.hasPrint(p) {
		*h = PrintHTML{page: p, kept: m.Kept}
		return jobs
	}
	return append(jobs, func() {
		if !m.stopped() {
			h.html = m.convertPrint(p, anchors)
		}
	})
}

// convertPrint converts a page for the print edition. Its problems
// (broken links) were reported when the page itself was converted, and a
// build with problems stops before the print edition, so none are
// expected here.
func (m *Maker) convertPrint(p *content.Page, anchors map[*content.Page]string) template.HTML {
	body := content.BodyOf(m.source(p))
	if len(body) == 0 {
		return ""
	}
	doc, err := m.MD.Convert(body, m.printEnv(p, anchors))
	if err != nil {
		m.Problem(content.Errorf(p.File, 0, "convert Markdown for the print edition: %v", err))
		return ""
	}
	return template.HTML(doc.HTML)
}

// printEnv prefixes a page's ids with its anchor and points its links to
// pages of the book at their anchors in the print edition; links to the
// rest of the site become absolute. In-page anchors were checked with the
// page itself.
func (m *Maker) printEnv(p *content.Page, anchors map[*content.Page]string) markdown.Env {
	env := m.Env(p)
	env.Anchor = nil
	env.IDPrefix = anchors[p] + "--"
	env.Image = func(src string, line int) (markdown.Image, error) {
		rel, err := m.Links.Asset(p, src)
		if err != nil {
			return markdown.Image{}, err
		}
		u, w, h, err := m.PrintImage(p.File, line, rel)
		return markdown.Image{URL: m.URLs.Path("/" + u), Width: w, Height: h}, err
	}
	env.Link = func(dest string, line int) (string, error) {
		target, id, err := m.Links.Target(p, dest)
		switch {
		case err != nil:
			return "", err
		case target == nil:
			return m.URLs.Abs("/" + id), nil // an asset; id holds its path
		}
		if a, ok := anchors[target]; ok {
			if id == "" || target == p.Book.Index {
				return "#" + a, nil
			}
			return "#" + a + "--" + id, nil
		}
		if id != "" {
			return m.URLs.Abs(target.URL) + "#" + id, nil
		}
		return m.URLs.Abs(target.URL), nil
	}
	return env
}

// uniquePrintIDs reports two pages of the print edition that would define
// the same id (a chapter slug equal to a part folder's name, or a heading
// id that another page's anchor happens to spell), which would send links
// to the wrong place.
func (m *Maker) uniquePrintIDs(ed *Print, anchors map[*content.Page]string) bool {
	var pages []*content.Page // in reading order, so the first user of an id is the one named
	for _, pp := range ed.Parts {
		if pp.Part.Index != nil {
			pages = append(pages, pp.Part.Index)
		}
		for _, pc := range pp.Chapters {
			pages = append(pages, pc.Chapter.Page)
		}
	}
	owner := map[string]*content.Page{printTitleAnchor: ed.Book.Index}
	ok := true
	claim := func(id string, p *content.Page, what string) {
		if q := owner[id]; q != nil && q != p {
			m.Problem(content.Errorf(p.File, 0, "the print edition, which puts the whole book on one page, would give %s and an element of %s the same id %q; rename the file, set slug:, or give the heading another {#id}", what, q.File, id))
			ok = false
			return
		}
		owner[id] = p
	}
	for _, p := range pages {
		claim(anchors[p], p, "this page's start")
	}
	for _, p := range pages {
		for _, h := range m.outline(p).Headings {
			claim(anchors[p]+"--"+h.ID, p, "heading #"+h.ID)
		}
	}
	return ok
}
