package converted

import (
	"html/template"
	"unsafe"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/search"
)

// Page is what a page keeps of its Markdown conversion: the build keeps
// it in its Store, and a preview keeps it to hand over while the page's
// source and the answers to its links and images hold
// (build.Cache.Conversion).
type Page struct {
	html, summary template.HTML
	headings      []content.Heading
	leadText      string
	absHTML       []byte
	problems      []markdown.Problem
	warnings      []markdown.Problem
	ids           []string
	// search is the body's analysis for the search index (SearchBody).
	search *search.Body
}

// HTML, AbsHTML (the HTML with absolute links that feeds carry),
// Headings, Problems (errors) and Warnings are what the conversion made.
func (c *Page) HTML() template.HTML          { return c.html }
func (c *Page) AbsHTML() []byte              { return c.absHTML }
func (c *Page) Headings() []content.Heading  { return c.headings }
func (c *Page) Warnings() []markdown.Problem { return c.warnings }
func (c *Page) Problems() []markdown.Problem { return c.problems }

// New keeps what later stages need of p's converted Markdown, doc.
func New(p *content.Page, doc *markdown.Doc) *Page {
	c := &Page{html: template.HTML(stringOf(doc.HTML)), leadText: doc.LeadText, absHTML: doc.AbsHTML, problems: doc.Problems,
		warnings: doc.Warnings, ids: doc.IDs}
	c.headings = make([]content.Heading, len(doc.Headings))
	for i, h := range doc.Headings {
		c.headings[i] = content.Heading(h)
	}
	switch {
	case p.Summary != "":
		c.summary = template.HTML("<p>" + template.HTMLEscapeString(p.Summary) + "</p>")
	case doc.Summary != nil:
		c.summary = template.HTML(stringOf(doc.Summary))
	default:
		c.summary = template.HTML(stringOf(doc.Lead))
	}
	return c
}

// stringOf is b as a string without a copy: a page's HTML is a tenth of
// what a build allocates (1,000 pages: 10 MB), and nothing writes to a
// Doc's bytes once Convert has returned them (its HTML, summary and lead
// are copies of their own, none a part of another).
func stringOf(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// SearchBody is the analysis of the converted body, made on first use.
func (c *Page) SearchBody(d *search.Dict) *search.Body {
	if c.search == nil {
		c.search = search.AnalyzeHTML(d, string(c.html))
	}
	return c.search
}
