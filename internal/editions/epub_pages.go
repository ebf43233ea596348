package editions

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"unsafe"

	"folio/internal/content"
	"folio/internal/epub"
	"folio/internal/highlight"
	"folio/internal/scratch"
)

//go:embed epub.css
var epubCSS []byte

// epubStylesheet is the e-reader stylesheet of the epub package plus the
// rules for the pages folio generates (title page, part pages, chapter
// numbers, photo credits), callouts and highlighted code.
var epubStylesheet = append(append(epub.DefaultStylesheet(), epubCSS...), highlight.EReaderCSS()...)

// epubPages are the HTML fragments of the package's documents. The epub
// package serializes them as XHTML; they are never patched as strings.
var epubPages = template.Must(template.New("epub").Parse(`
{{define "photo"}}{{with .}}<figure class="photo"><img src="{{.Href}}" alt="{{.Alt}}"{{if .Width}} width="{{.Width}}" height="{{.Height}}"{{end}}>
{{if .Credit}}<figcaption>{{template "credit" .}}</figcaption>{{end}}</figure>
{{end}}{{end}}
{{define "credit"}}{{.By}}{{with .License}} · {{.}}{{end}}{{end}}
{{define "cover"}}<section class="cover" epub:type="cover"><img src="{{.Photo.Href}}" alt="{{.Photo.Alt}}"{{if .Photo.Width}} width="{{.Photo.Width}}" height="{{.Photo.Height}}"{{end}}></section>{{end}}
{{define "title"}}<section class="title-page" epub:type="titlepage">
<h1 class="book-title">{{.Title}}</h1>
{{with .Subtitle}}<p class="subtitle">{{.}}</p>{{end}}
{{with .Author}}<p class="author">{{.}}</p>{{end}}
{{with .Rights}}<p class="rights">{{.}}</p>{{end}}
</section>{{end}}
{{define "part"}}<section class="part" epub:type="part" role="doc-part">
<h1><span class="label">{{.Label}}</span> {{.Title}}</h1>
{{template "photo" .Photo}}{{.Content}}
</section>{{end}}
{{define "chapter"}}<section class="chapter" epub:type="chapter" role="doc-chapter">
<h1>{{if .Number}}<span class="label">{{.Label}}</span> {{end}}{{.Title}}</h1>
{{template "photo" .Photo}}{{.Content}}
</section>{{end}}
{{define "credits"}}<section class="credits" epub:type="credits" role="doc-credits">
<h1>{{.Title}}</h1>
<ul>
{{range .Credits}}<li><a href="{{.Href}}">{{.Label}}</a>: {{if .Photo.Credit}}{{template "credit" .Photo}}{{else}}<em>{{$.NoCredit}}</em>{{end}}</li>
{{end}}</ul>
</section>{{end}}
`))

// epubPage is what an EPUB page template receives.
type epubPage struct {
	Title, Subtitle, Author, Rights string
	Number                          int
	// Label is "Part 2" or "Chapter 3" in the site's language.
	Label    string
	NoCredit string
	Photo    *epubPhoto
	Content  template.HTML
	Credits  []epubCredit
}

// epubPhoto is a front matter photo inside the package.
type epubPhoto struct {
	Href, Alt, Credit, CreditURL, License string
	Width, Height                         int
	// By is "Photo by <credit>" in the site's language, the credit linked
	// to CreditURL when there is one.
	By template.HTML
}

// epubCredit is one line of the credits chapter.
type epubCredit struct {
	Href, Label string
	Photo       *epubPhoto
}

// assemble lays out the package: the cover and the title page, the parts
// and chapters in reading order, then the credits; the contents tree with
// parts holding their chapters; and the images.
func (e *epubBook) assemble() *epub.Book {
	eb := &epub.Book{Stylesheet: epubStylesheet, Shelf: e.shelf} // a clean build's shelf, or none
	e.metadata(eb)
	idx := e.book.Index
	var credits []epubCredit
	if ph := e.photo(idx); ph != nil {
		cover := e.m.Words.Word("cover")
		e.add(eb, coverFile, cover, "cover", idx.File, epubPage{Photo: ph})
		eb.Nav = append(eb.Nav, epub.NavItem{Title: cover, Href: coverFile})
		credits = append(credits, epubCredit{Href: coverFile, Label: cover, Photo: ph})
	}
	e.add(eb, titleFile, idx.Title, "title", idx.File, epubPage{Title: idx.Title, Subtitle: idx.Subtitle,
		Author: firstNonEmpty(idx.Author, e.m.Site.Config.Author), Rights: e.m.Site.Config.Copyright})
	// Every document of the spine is in the contents (epubcheck's OPF-058),
	// the title page under the book's title.
	eb.Nav = append(eb.Nav, epub.NavItem{Title: idx.Title, Href: titleFile})
	start, number := len(eb.Chapters), 0
	for _, part := range e.book.Parts {
		nav := &eb.Nav
		var item epub.NavItem
		if p := part.Index; p != nil {
			number++
			file := e.files[p]
			e.addPage(eb, p, file, "part", epubPage{Title: p.Title, Number: number, Label: e.m.Words.Word("part_n", number), Photo: e.photo(p)})
			item = epub.NavItem{Title: e.m.Words.Word("part_n_title", number, p.Title), Href: file}
			nav = &item.Children
			credits = e.credit(credits, p, item.Title)
		}
		for _, c := range part.Chapters {
			file, label := e.files[c.Page], c.Page.Title
			if c.Number > 0 {
				label = fmt.Sprintf("%d. %s", c.Number, c.Page.Title)
			}
			e.addPage(eb, c.Page, file, "chapter", epubPage{Title: c.Page.Title, Number: c.Number, Label: e.m.Words.Word("chapter_n", c.Number), Photo: e.photo(c.Page)})
			*nav = append(*nav, epub.NavItem{Title: label, Href: file})
			credits = e.credit(credits, c.Page, label)
		}
		if part.Index != nil {
			eb.Nav = append(eb.Nav, item)
		}
	}
	if start < len(eb.Chapters) {
		eb.Start = eb.Chapters[start].FileName
	}
	if len(credits) > 0 {
		title := e.m.Words.Word("picture_credits")
		e.add(eb, creditsFile, title, "credits", idx.File, epubPage{Title: title, Credits: credits, NoCredit: e.m.Words.Word("no_credit_lower")})
		eb.Nav = append(eb.Nav, epub.NavItem{Title: title, Href: creditsFile})
	}
	e.resources(eb)
	if e.m.Failed() {
		return nil
	}
	return eb
}

// addPage adds the document of a part or chapter page with its body. A
// body the page stage left on the shelf is read back only when the
// package converts the document, so a long book's text is never held
// whole; a converted one its document now holds, and e.bodies lets go.
func (e *epubBook) addPage(eb *epub.Book, p *content.Page, file, layout string, d epubPage) {
	r, onShelf := e.shelved[p]
	if !onShelf {
		d.Content = e.bodies[p]
		delete(e.bodies, p)
		e.add(eb, file, p.Title, layout, p.File, d)
		return
	}
	delete(e.shelved, p)
	eb.Chapters = append(eb.Chapters, epub.Chapter{FileName: file, Title: p.Title, Source: p.File, Linear: true,
		Load: func(dst []byte) ([]byte, error) {
			kept, html := renderings.Get(), renderings.Get()
			defer renderings.Put(kept)
			defer renderings.Put(html)
			var err error
			if *kept, err = e.shelf.Append(*kept, r); err != nil {
				return nil, err
			}
			*html = packed(*kept).appendTo(*html)
			page := d // not d itself, which the closure keeps: the body goes with the document
			page.Content = template.HTML(unsafe.String(unsafe.SliceData(*html), len(*html)))
			return appendEPUBPage(dst, layout, page), nil
		}})
}

// renderings recycles the buffers a kept rendering passes through from
// the shelf: packed (a print chapter's, an EPUB document's), then
// unpacked into the EPUB document's template.
var renderings = scratch.New(1 << 20)

// add renders one document of the spine.
// source names the page's file in messages.
func (e *epubBook) add(eb *epub.Book, file, title, layout, source string, d epubPage) {
	eb.Chapters = append(eb.Chapters, epub.Chapter{FileName: file, Title: title, Body: renderEPUBPage(layout, d), Source: source, Linear: true})
}

// renderEPUBPage runs one of the built-in templates of the documents.
func renderEPUBPage(layout string, d epubPage) []byte { return appendEPUBPage(nil, layout, d) }

// appendEPUBPage is renderEPUBPage written after what dst holds.
func appendEPUBPage(dst []byte, layout string, d epubPage) []byte {
	buf := bytes.NewBuffer(dst)
	buf.Grow(len(d.Content) + 1024)
	if err := epubPages.ExecuteTemplate(buf, layout, d); err != nil {
		panic(fmt.Sprintf("editions: EPUB template %s: %v", layout, err)) // the templates are built in
	}
	return buf.Bytes()
}

// photo describes a page's front matter photo inside the package. A
// credit URL is kept only when absolute: a relative one would point into
// the package, where it does not exist.
func (e *epubBook) photo(p *content.Page) *epubPhoto {
	vpath, w, h, ok := e.photoImage(p)
	if !ok {
		return nil
	}
	ref, ok := e.images[vpath]
	if !ok {
		return nil
	}
	ph := p.Photo
	out := &epubPhoto{Href: ref.href, Alt: ph.Alt, Credit: strings.TrimSpace(ph.Credit), License: ph.License, Width: w, Height: h}
	if u, err := url.Parse(ph.CreditURL); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		out.CreditURL = ph.CreditURL
	}
	out.By = e.m.Credit(out.Credit, out.CreditURL)
	return out
}

// credit adds the page's photo to the credits, if it has one.
func (e *epubBook) credit(credits []epubCredit, p *content.Page, label string) []epubCredit {
	if ph := e.photo(p); ph != nil {
		credits = append(credits, epubCredit{Href: e.files[p], Label: label, Photo: ph})
	}
	return credits
}

// resources reads every image of the book into the package, in path order
// so the file does not depend on which chapter converted first. An image
// whose content is not what its extension says is an error: e-readers
// trust the declared media type.
func (e *epubBook) resources(eb *epub.Book) {
	rels := make([]string, 0, len(e.images))
	for rel := range e.images {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	cover, coverAt := "", -1
	if vpath, _, _, ok := e.photoImage(e.book.Index); ok {
		cover = vpath
	}
	for _, rel := range rels {
		ref := e.images[rel]
		file := e.m.Links.File(rel)
		data, err := e.m.ImageBytes(rel)
		if err != nil {
			e.m.Problem(content.Errorf(ref.file, ref.line, "image %s: %v", file, err))
			continue
		}
		ext := path.Ext(rel)
		want := epubImageTypes[strings.ToLower(ext)]
		if got := http.DetectContentType(data); want != "image/svg+xml" && got != want {
			what := strings.ToUpper(strings.TrimPrefix(got, "image/")) + " data"
			if !strings.HasPrefix(got, "image/") {
				what = "no image data that EPUB readers display (" + got + ")"
			}
			e.m.Problem(content.Errorf(ref.file, ref.line, "image %s holds %s but its name ends in %s; e-readers go by the name, so %s",
				file, what, ext, renameHint(path.Base(rel), got)))
			continue
		}
		if rel == cover {
			coverAt = len(eb.Resources)
		}
		eb.Resources = append(eb.Resources, epub.Resource{Href: ref.href, MediaType: want, Data: data})
	}
	if coverAt >= 0 {
		eb.Cover = &eb.Resources[coverAt]
	}
}

// renameHint says how to fix an image whose content does not match its
// extension.
func renameHint(name, got string) string {
	for ext, mt := range epubImageTypes {
		if mt == got && ext != ".jpeg" {
			return fmt.Sprintf("rename it %s (and the links to it)", strings.TrimSuffix(name, path.Ext(name))+ext)
		}
	}
	return "convert it to JPEG, PNG, GIF, SVG or WebP"
}
