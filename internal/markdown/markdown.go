// Package markdown owns the conversion of Markdown to HTML: the one goldmark
// instance a build configures (GFM, footnotes, typographer, heading ids and
// attributes) and folio's own extensions, written as AST transformers and node
// renderers rather than edits on HTML text:
//
//   - link and image rewriting through a per-document Env, so a link written as
//     a path to another Markdown file reaches that page's URL and a broken one
//     is reported with its line;
//   - titled images become figures with captions;
//   - ids can carry a per-document prefix, so chapters joined into one page
//     (the print edition) keep unique ids;
//   - a <!--more--> marker ends a post's summary;
//   - a first heading that repeats the page's title is left out;
//   - fenced code is highlighted (package highlight), and GitHub's alerts
//     (> [!NOTE]) become callouts (code.go, callout.go);
//   - raw HTML is parsed with the HTML5 tokenizer into nodes of its own
//     (rawhtml.go): a bluemonday allowlist keeps the harmless part unless
//     unsafe_html is set, and what it removes is a warning with its line
//     (package rawpolicy); src, href and srcset are resolved through the Env like
//     Markdown links and images; an element a browser would have to close
//     is a warning on the line that opened it (rawbalance.go);
//   - table cells are rendered without goldmark's habit of adding their
//     alignment to the node once per rendering (tablecell.go);
//   - GFM autolinks go through a quick test, bounded in the bytes it looks at,
//     before goldmark's linkify parser, which is costly to try after every space,
//     and a page that holds no autolink's start is parsed without it (package
//     autolink);
//   - one parse can be rendered for further Envs (Env.Editions, editions.go),
//     so a chapter's page, its print edition and its EPUB document share it,
//     and a post's page and its feed's form (Env.Base, absolute.go); all of a
//     document's forms are written in one rendering, node renderers writing
//     what differs per form (forms.go).
//
// It is the only package that imports goldmark but for the extensions of
// packages autolink (GFM's autolinks) and foreigncode (Jekyll's highlight
// blocks). A Converter is safe for use by many goroutines: everything that
// varies per document travels in the parser context, never in the shared
// instance.
package markdown

import (
	"bytes"
	"errors"
	stdhtml "html"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/autolink"
	"folio/internal/description"
	"folio/internal/foreigncode"
	"folio/internal/rawpolicy"
)

// Options configures the one instance of a build.
type Options struct {
	// UnsafeHTML keeps all raw HTML; otherwise the raw-HTML policy
	// (package rawpolicy) keeps the harmless part and warns of the rest.
	UnsafeHTML bool
	// CalloutLabels replace the English labels of callouts by type
	// (note, tip, important, warning, caution), in the site's language.
	CalloutLabels map[string]string
}

// Converter turns Markdown into HTML plus the facts about the document that
// later stages need (headings, summary, links, problems).
type Converter struct {
	md goldmark.Markdown
	// unlinked parses a document in which nothing can be autolinked, as md
	// does without its linkify parser (package autolink).
	unlinked parser.Parser
	policy   *rawpolicy.Policy // nil with Options.UnsafeHTML
}

// Env carries what varies per document. Its functions are called during
// Convert, from the converting goroutine.
type Env struct {
	// Link returns the destination to emit for a link the author wrote
	// (external URLs and in-page anchors do not reach it). An error becomes a
	// Problem on the link's line, except ErrUnlink, which keeps the link's
	// text and drops the link.
	Link func(dest string, line int) (string, error)
	// Anchor, when set, is told of every in-page link ("#id", id without the
	// #), so that the caller can check it against the document's headings.
	Anchor func(id string, line int)
	// Image returns what to emit for an image source; nil keeps it as written.
	Image func(src string, line int) (Image, error)
	// IDPrefix is put before every id the document defines and before its
	// own "#fragment" links.
	IDPrefix string
	// Base, when set, is the absolute URL of the page: Convert then also
	// renders AbsHTML, with every link and image resolved against it, for
	// feeds, whose readers have no page to resolve relative links against.
	Base string
	// Title is the page's title, which its template shows: a first block
	// that is a level-one heading saying it again is left out (title.go).
	// The tree is pruned once, so an edition's Title is not used.
	Title string
	// FirstLine is the line of the file on which the Markdown body starts, so
	// that reported lines count from the top of the file.
	FirstLine int
	// NoImageSets leaves the srcset of raw HTML images as written,
	// unresolved and unchecked, for an edition whose readers show only an
	// image's src (the EPUB, whose serializer drops srcset).
	NoImageSets bool
	// Editions asks for further renderings of the document, each with the
	// Link, Anchor, Image, IDPrefix and NoImageSets of its Env, from the
	// same parse: a book's chapter becomes its web page, its part of the
	// print edition and its EPUB document, and parsing is the costly half
	// of a conversion. Each comes out as Convert with that Env alone would give
	// it. An edition's Base, FirstLine and Editions are not used.
	Editions []Env
	// Keep, on an edition's Env, is handed that edition's rendering in
	// place of Doc.Editions, once the document is rendered: its HTML is
	// Convert's own buffer, valid only during the call, for a caller that
	// packs or copies it at once rather than keep a copy made for it.
	Keep func(Edition)
}

// Image is an image reference after resolution.
type Image struct {
	URL           string
	Width, Height int
	// SrcSet and Sizes, when set, become the img element's srcset and
	// sizes attributes: the widths the browser may choose from, and how
	// wide the layout shows the image.
	SrcSet, Sizes string
}

// Doc is a converted document. Its byte slices are the caller's: none is
// a part of another, and Convert keeps none of them.
type Doc struct {
	HTML     []byte
	Headings []Heading
	// Summary is the HTML before a <!--more--> marker; nil without one.
	Summary []byte
	// Lead is the HTML of the first paragraph, the summary of last resort.
	Lead []byte
	// LeadText is the first paragraph as plain text, cut by description.Of, for
	// descriptions.
	LeadText string
	// AbsHTML is HTML with absolute links, rendered only when Env.Base is set.
	AbsHTML  []byte
	Problems []Problem
	// IDs are the ids raw HTML defines (id, and name on a), as written:
	// link targets besides the headings.
	IDs []string
	// Warnings are what the raw-HTML policy removed and the raw HTML a
	// browser would have to repair; they are the same for every edition.
	Warnings []Problem
	// Editions holds the renderings Env.Editions asked for, in its order,
	// but for those handed to their Env's Keep.
	Editions []Edition
}

// Edition is one further rendering of a document (Env.Editions).
type Edition struct {
	HTML     []byte
	Headings []Heading
	Problems []Problem
}

// Heading is a heading of the document with its final id.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Problem is a content error found while converting, with its file line.
type Problem struct {
	Line    int
	Message string
}

// ErrUnlink is returned by Env.Link to render the link's content without
// the link: for an output where the target does not exist, such as an EPUB
// without a base URL linking to a blog post, plain text reads better than a
// dead link.
var ErrUnlink = errors.New("markdown: render the link as plain text")

var envKey = parser.NewContextKey()

// idPrefixAttr marks the Document node with the id prefix so that the
// footnote renderer, which sees only nodes, can prefix its ids too.
var idPrefixAttr = []byte("data-folio-id-prefix")

// New configures the goldmark instance of a build.
func New(o Options) *Converter {
	md := newGoldmark(o, autolink.Extension{})
	c := &Converter{md: md, unlinked: newGoldmark(o).Parser()}
	if !o.UnsafeHTML {
		c.policy = rawpolicy.New()
	}
	return c
}

// parser is the parser for src: without the linkify parser when src holds
// no autolink's start anywhere. goldmark tries that parser after every
// space, which costs a call and a break in the text node each time, and
// most pages link only with Markdown's own links. The tree differs only
// in how a line's text is split into adjacent text nodes, which render as
// one (FuzzUnlinkedParser); package autolink says which pages need it.
func (c *Converter) parser(src []byte) parser.Parser {
	if autolink.Needed(src) {
		return c.md.Parser()
	}
	return c.unlinked
}

// newGoldmark configures goldmark with folio's extensions after those of
// more (New's linkify: GFM's autolinks, with folio's faster front).
func newGoldmark(o Options, more ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(append(more,
			// GFM; its autolinks come in more.
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			// Authors type -- for a dash; in prose that is the em dash.
			extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
				extension.EnDash: []byte("&mdash;"),
			})),
			extension.NewFootnote(footnoteOptions...),
			&folioExtension{calloutLabels: o.CalloutLabels},
			foreigncode.Highlight, // Jekyll's {% highlight ruby %}, read as a fence
		)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
}

// footnoteOptions are the footnote extension's, which formRenderer's
// footnote renderer shares: ids take the document's prefix.
var footnoteOptions = []extension.FootnoteOption{extension.WithFootnoteIDPrefixFunction(footnotePrefix)}

func newFootnoteRenderer() renderer.NodeRenderer {
	return extension.NewFootnoteHTMLRenderer(footnoteOptions...)
}

func footnotePrefix(n ast.Node) []byte {
	for n.Parent() != nil {
		n = n.Parent()
	}
	if v, ok := n.AttributeString(string(idPrefixAttr)); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	return nil
}

// Convert converts one document. Content problems (broken links) are
// returned in Doc.Problems; the error is reserved for failures to render.
func (c *Converter) Convert(src []byte, env Env) (*Doc, error) {
	doc := &Doc{}
	st := &state{env: env, doc: doc, lines: newLineIndex(src, env.FirstLine), policy: c.policy}
	ctx := parser.NewContext()
	ctx.Set(envKey, st)
	root := c.parser(src).Parse(text.NewReader(src), parser.WithContext(ctx))
	var nodes []*ast.Heading
	doc.Headings, nodes = headings(root, src)
	fw, problems, err := st.formWriter(root, src)
	if err != nil {
		return nil, err
	}
	defer fw.recycle()
	if err := c.render(fw, root, src, st); err != nil {
		return nil, err
	}
	doc.HTML = bytes.Clone(fw.bufs[0].Bytes())
	if env.Base != "" {
		doc.AbsHTML = bytes.Clone(fw.bufs[1].Bytes())
	}
	for i, e := range env.Editions {
		k := len(fw.bufs) - len(env.Editions) + i
		ed := Edition{HTML: fw.bufs[k].Bytes(), Headings: formHeadings(doc.Headings, nodes, st.written, fw.forms[k]), Problems: problems[i]}
		if e.Keep != nil {
			e.Keep(ed)
			continue
		}
		ed.HTML = bytes.Clone(ed.HTML)
		doc.Editions = append(doc.Editions, ed)
	}
	sortProblems(doc.Problems)
	sortProblems(doc.Warnings)
	return doc, nil
}

// formWriter is the writer of a document's forms (forms.go): the page's
// alone, or with the feed's (Env.Base) and each edition's, resolved from
// the one parse, and the editions' problems.
func (st *state) formWriter(root ast.Node, src []byte) (*formWriter, [][]Problem, error) {
	fw := &formWriter{written: st.written, root: root}
	if st.written != nil {
		fw.forms = append(fw.forms, captureForm(st.written, st.dropped, st.env.IDPrefix))
	}
	if st.env.Base != "" {
		abs, err := absoluteForm(fw.forms[0], st.written, st.env.Base)
		if err != nil {
			return nil, nil, err
		}
		fw.forms = append(fw.forms, abs)
	}
	var problems [][]Problem
	for _, e := range st.env.Editions {
		f, ps := st.editionForm(src, e)
		fw.forms = append(fw.forms, f)
		problems = append(problems, ps)
	}
	for range max(1, len(fw.forms)) {
		fw.bufs = append(fw.bufs, formBuffers.Get().(*formBuffer))
	}
	return fw, problems, nil
}

// render renders the document into its forms, taking the summary and the
// lead from the page's.
func (c *Converter) render(fw *formWriter, root ast.Node, src []byte, st *state) error {
	page := fw.bufs[0]
	var w util.BufWriter = fw
	if len(fw.forms) == 0 {
		w = page // one form: goldmark's renderers as they are
	}
	doc, r := st.doc, c.md.Renderer()
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		start := page.Len()
		if n == st.more {
			doc.Summary = bytes.Clone(page.Bytes())
		}
		if err := r.Render(w, src, n); err != nil {
			return err
		}
		if doc.Lead == nil && n.Kind() == ast.KindParagraph {
			doc.Lead = bytes.Clone(page.Bytes()[start:])
			doc.LeadText = description.Of(plainText(n, src, description.Length))
		}
	}
	if st.moreAtEnd {
		doc.Summary = bytes.Clone(page.Bytes())
	}
	return nil
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// headings lists the headings with the ids they ended up with, and their
// nodes.
func headings(root ast.Node, src []byte) ([]Heading, []*ast.Heading) {
	var hs []Heading
	var nodes []*ast.Heading
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var id string
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		hs = append(hs, Heading{Level: h.Level, ID: id, Text: plainText(h, src, 0)})
		nodes = append(nodes, h)
		return ast.WalkSkipChildren, nil
	})
	return hs, nodes
}

// plainText is the text of a node without markup, as a reader sees it in a
// contents list.
func plainText(n ast.Node, src []byte, limit int) string {
	var b bytes.Buffer
	// With a limit, description.Of keeps at most that many characters, so a
	// little more than that many bytes in the widest encoding, white space
	// runs made one space, is all it can use: a paragraph of megabytes is
	// not copied whole to keep 160 characters of it.
	room := 4*limit + 8
	write := func(p []byte) {
		if limit == 0 {
			b.Write(p)
			return
		}
		for _, c := range p {
			if b.Len() >= room {
				return
			}
			switch c {
			case ' ', '\t', '\n', '\r', '\v', '\f':
				if n := b.Len(); n > 0 && b.Bytes()[n-1] != ' ' {
					b.WriteByte(' ')
				}
			default:
				b.WriteByte(c)
			}
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if limit > 0 && b.Len() >= room {
			return ast.WalkStop, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			write(t.Value(src))
			if t.SoftLineBreak() {
				write([]byte{' '})
			}
		case *ast.String:
			if t.IsCode() {
				// The typographer's substitutions are HTML entities (&mdash;),
				// which plain text shows as the characters they stand for.
				write([]byte(stdhtml.UnescapeString(string(t.Value))))
			} else {
				write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

// lineIndex turns byte offsets of the body into file line numbers.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, first int) *lineIndex {
	if first < 1 {
		first = 1
	}
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return &lineIndex{starts: starts, first: first}
		}
		off += i + 1
		starts = append(starts, off)
	}
}

func (l *lineIndex) line(offset int) int {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	return i - 1 + l.first
}
