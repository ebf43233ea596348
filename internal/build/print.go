package build

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

// printEdition is a whole book on one page, in reading order, for a browser
// to print or save as PDF. Each chapter and part intro is converted again
// with an id prefix of its own, so that heading and footnote ids stay unique
// across the page, and with links between chapters pointing at anchors in
// the page instead of at the chapters' own pages.
type printEdition struct {
	Book  *content.Book
	Parts []printPart
	// Anchors maps each page of the book to the id of its start.
	Anchors map[*content.Page]string
}

type printPart struct {
	Part *content.Part
	// Anchor is the id of the part's title; empty for chapters outside a
	// part folder.
	Anchor   string
	Intro    template.HTML
	Chapters []printChapter
}

type printChapter struct {
	Chapter *content.Chapter
	Anchor  string
	HTML    template.HTML
}

// printTitleAnchor is the id of the title page, where links to the book's
// own page land.
const printTitleAnchor = "title-page"

// bookLinks are the buttons of a book's home: its other editions and pages.
func (b *builder) bookLinks(book *content.Book) []feedLink {
	var links []feedLink
	if len(book.Chapters) > 0 {
		links = append(links, feedLink{Title: b.words.Word("start_reading"), URL: book.Chapters[0].Page.URL})
	}
	links = append(links, feedLink{Title: b.words.Word("print_edition"), URL: book.Index.URL + PrintDir + "/"})
	links = append(links, b.epubLinks(book)...)
	return append(links, feedLink{Title: b.words.Word("photo_credits"), URL: book.Index.URL + "credits/"})
}

// printAnchors gives every page of the book that the print edition holds
// the id its start has there: a chapter its slug, or where another chapter
// of the book has that slug too (intro.md in two parts), its path in the
// book with a dot for the slash ("one.intro", since html/template escapes a
// slash in a fragment); a part its folder name; the book's own page the
// title page. A heading id of a page is its
// anchor, "--" and the heading's own id.
func printAnchors(book *content.Book) map[*content.Page]string {
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

// renderPrints writes the print edition of every book.
func (b *builder) renderPrints() {
	for _, book := range b.site.Books {
		b.renderPrint(book)
	}
}

// renderPrint converts the book's chapters and part intros for the print
// edition on all cores and writes /<book>/print/.
func (b *builder) renderPrint(book *content.Book) {
	if b.memo.reusePrint(b, book) {
		b.generated.Add(1)
		return
	}
	anchors := printAnchors(book)
	ed := &printEdition{Book: book, Parts: make([]printPart, len(book.Parts)), Anchors: anchors}
	var jobs []func()
	for i, part := range book.Parts {
		pp := &ed.Parts[i]
		*pp = printPart{Part: part, Chapters: make([]printChapter, len(part.Chapters))}
		if part.Index != nil {
			pp.Anchor = anchors[part.Index]
			jobs = append(jobs, func() {
				if !b.stopped() {
					pp.Intro = b.printHTML(part.Index, anchors)
				}
			})
		}
		for j, c := range part.Chapters {
			pp.Chapters[j] = printChapter{Chapter: c, Anchor: anchors[c.Page]}
			jobs = append(jobs, func() {
				if !b.stopped() {
					pp.Chapters[j].HTML = b.printHTML(c.Page, anchors)
				}
			})
		}
	}
	workpool.Run(b.bookLanes(), jobs)
	if b.stopped() || !b.uniquePrintIDs(ed, anchors) {
		return
	}
	d := b.pageDataFor(book.Index)
	d.Kind, d.Title, d.URL = "print", book.Index.Title, book.Index.URL+PrintDir+"/"
	d.Canonical = b.absoluteIf(d.URL)
	d.Content, d.Headings, d.Links = "", nil, nil
	d.Print, d.Credits = ed, bookCredits(book)
	d.NoIndex = true // it repeats every chapter, which search engines index on their own pages
	b.renderData("print", strings.TrimPrefix(d.URL, "/")+"index.html", book.Index.File, d)
	b.generated.Add(1)
}

// printHTML is a page of the book as the print edition shows it: the
// rendering the page stage made, or else (in a preview session) a
// conversion of its own. Its problems (broken links) were reported when
// the page itself was converted, and a build with problems stops before
// the print edition, so none are expected here.
func (b *builder) printHTML(p *content.Page, anchors map[*content.Page]string) template.HTML {
	if html, ok := b.takePrint(p); ok {
		return html
	}
	if len(content.BodyOf(p)) == 0 {
		return ""
	}
	doc, err := b.md.Convert(content.BodyOf(p), b.printEnv(p, anchors))
	if err != nil {
		b.problem(content.Errorf(p.File, 0, "convert Markdown for the print edition: %v", err))
		return ""
	}
	return template.HTML(doc.HTML)
}

// printEnv prefixes a page's ids with its anchor and points its links to
// pages of the book at their anchors in the print edition; links to the
// rest of the site become absolute. In-page anchors were checked with the
// page itself.
func (b *builder) printEnv(p *content.Page, anchors map[*content.Page]string) markdown.Env {
	env := b.env(p)
	env.Anchor = nil
	env.IDPrefix = anchors[p] + "--"
	env.Image = func(src string, line int) (markdown.Image, error) {
		rel, err := b.links.Asset(p, src)
		if err != nil {
			return markdown.Image{}, err
		}
		u, w, h, err := b.printImage(p.File, line, rel)
		return markdown.Image{URL: b.urls.Path("/" + u), Width: w, Height: h}, err
	}
	env.Link = func(dest string, line int) (string, error) {
		target, id, err := b.links.Target(p, dest)
		switch {
		case err != nil:
			return "", err
		case target == nil:
			return b.absolute("/" + id), nil // an asset; id holds its path
		}
		if a, ok := anchors[target]; ok {
			if id == "" || target == p.Book.Index {
				return "#" + a, nil
			}
			return "#" + a + "--" + id, nil
		}
		if id != "" {
			return b.absolute(target.URL) + "#" + id, nil
		}
		return b.absolute(target.URL), nil
	}
	return env
}

// uniquePrintIDs reports two pages of the print edition that would define
// the same id (a chapter slug equal to a part folder's name, or a heading
// id that another page's anchor happens to spell), which would send links
// to the wrong place.
func (b *builder) uniquePrintIDs(ed *printEdition, anchors map[*content.Page]string) bool {
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
			b.problem(content.Errorf(p.File, 0, "the print edition, which puts the whole book on one page, would give %s and an element of %s the same id %q; rename the file, set slug:, or give the heading another {#id}", what, q.File, id))
			ok = false
			return
		}
		owner[id] = p
	}
	for _, p := range pages {
		claim(anchors[p], p, "this page's start")
	}
	for _, p := range pages {
		for _, h := range p.Headings {
			claim(anchors[p]+"--"+h.ID, p, "heading #"+h.ID)
		}
	}
	return ok
}
