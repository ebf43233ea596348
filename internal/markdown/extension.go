package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/rawpolicy"
)

// folioExtension adds the transformer and the figure renderer.
type folioExtension struct {
	calloutLabels map[string]string
}

func (x folioExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100),
		util.Prioritized(formRenderer{raw: rawRenderer{}}, 50), util.Prioritized(newTableCellRenderer(), 100),
		util.Prioritized(codeRenderer{}, 100), util.Prioritized(calloutRenderer{labels: x.calloutLabels}, 100)))
}

// state is the per-document data a conversion shares with the transformer.
type state struct {
	env   Env
	doc   *Doc
	lines *lineIndex
	// more is the top-level node that followed <!--more-->.
	more      ast.Node
	moreAtEnd bool
	// written holds what the author wrote, kept when further forms are to
	// be rendered from the same tree (forms.go); dropped are the links the
	// first Env drops then (ErrUnlink), which stay in the tree.
	written *written
	dropped map[*ast.Link]bool
	// policy is the raw-HTML policy; nil keeps all raw HTML.
	policy *rawpolicy.Policy
	// fixed are the problems that do not depend on the Env (a code
	// fence's attributes), which every edition reports as well.
	fixed []Problem
	// templates are the kinds of Liquid and Hugo template code in the
	// page's text, by kind (templatetags.go).
	templates map[string]*templateUse
}

func (s *state) problem(line int, format string, args ...any) {
	s.doc.Problems = append(s.doc.Problems, Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

func (s *state) warn(line int, msg string) {
	s.doc.Warnings = append(s.doc.Warnings, Problem{Line: line, Message: msg})
}

// fixedProblem records a problem that every edition has.
func (s *state) fixedProblem(line int, format string, args ...any) {
	s.problem(line, format, args...)
	s.fixed = append(s.fixed, s.doc.Problems[len(s.doc.Problems)-1])
}

type transformer struct{}

func (transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(envKey).(*state)
	if !ok {
		panic("markdown: Convert must be used; the parser context carries no Env")
	}
	src := reader.Source()
	st.findMore(root, src)
	st.dropTitle(root, src)
	if st.env.IDPrefix != "" {
		root.SetAttribute(idPrefixAttr, []byte(st.env.IDPrefix))
	}
	if len(st.env.Editions) > 0 || st.env.Base != "" {
		st.written = newWritten()
	}
	r := st.resolve(root, src)
	r.replace(st, src)
	st.warnTemplateTags()
}

// replacements are the nodes a walk over the document found to replace
// once it is over, since the walk would not visit children moved away
// under it.
type replacements struct {
	figures  []*ast.Paragraph
	unlinked []*ast.Link
	// raws pairs each raw HTML node with the node parsed from it.
	raws   [][2]ast.Node
	fences []*ast.FencedCodeBlock
	quotes []*ast.Blockquote
}

// resolve walks the document: it resolves links, images and raw HTML
// through the Env, prefixes heading IDs, and collects the nodes to replace.
func (s *state) resolve(root *ast.Document, src []byte) *replacements {
	r := &replacements{}
	bal := newBalance()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if raw := s.parseRaw(n, src); raw != nil {
			r.raws = append(r.raws, [2]ast.Node{n, raw})
			for _, t := range rawTokens(raw) {
				s.doc.IDs = append(s.doc.IDs, t.ids()...)
				if t.hasURLs() {
					s.written.noteRaw(t)
					s.resolveRaw(t)
				}
			}
			bal.node(raw, n, s)
			return ast.WalkSkipChildren, nil
		}
		s.written.note(n)
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			s.findTemplateTags(n, src)
		case *ast.Heading:
			s.findTemplateTags(n, src)
			s.prefixID(n)
		case *ast.Link:
			if !s.rewriteLink(n, src) {
				r.unlinked = append(r.unlinked, n)
			}
		case *ast.Image:
			s.rewriteImage(n, src)
			if p, ok := n.Parent().(*ast.Paragraph); ok && len(n.Title) > 0 && p.ChildCount() == 1 {
				r.figures = append(r.figures, p)
			}
		case *ast.FencedCodeBlock:
			s.findIncludes(n, src)
			r.fences = append(r.fences, n)
		case *ast.CodeBlock:
			s.findIncludes(n, src)
		case *ast.Blockquote:
			r.quotes = append(r.quotes, n)
		}
		return ast.WalkContinue, nil
	})
	bal.finish(s)
	return r
}

// replace puts the parsed raw HTML, highlighted code, callouts and figures
// in place of what the author wrote, and unwraps links to be dropped.
func (r *replacements) replace(st *state, src []byte) {
	for _, pair := range r.raws {
		old, raw := pair[0], pair[1]
		old.Parent().ReplaceChild(old.Parent(), old, raw)
		if st.more == old {
			st.more = raw
		}
	}
	for _, l := range r.unlinked {
		if st.written == nil {
			unwrap(l)
			continue
		}
		if st.dropped == nil {
			st.dropped = map[*ast.Link]bool{}
		}
		st.dropped[l] = true
	}
	// An outer blockquote comes before the ones inside it.
	for _, f := range r.fences {
		f.Parent().ReplaceChild(f.Parent(), f, st.fenceCode(f, src))
	}
	for _, q := range r.quotes {
		if c := callout(q, src); c != nil {
			q.Parent().ReplaceChild(q.Parent(), q, c)
		}
	}
	for _, p := range r.figures {
		fig := &Figure{}
		img := p.FirstChild()
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

// findMore removes a top-level <!--more--> comment and remembers where it was.
func (s *state) findMore(root *ast.Document, src []byte) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		b, ok := n.(*ast.HTMLBlock)
		if !ok || strings.TrimSpace(string(blockText(b, src))) != "<!--more-->" {
			continue
		}
		s.more = n.NextSibling()
		s.moreAtEnd = s.more == nil
		root.RemoveChild(root, n)
		return
	}
}

func blockText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	if hb, ok := n.(*ast.HTMLBlock); ok && hb.HasClosure() {
		b.Write(hb.ClosureLine.Value(src))
	}
	return b.Bytes()
}

func (s *state) prefixID(h *ast.Heading) {
	if s.env.IDPrefix == "" {
		return
	}
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			h.SetAttributeString("id", []byte(s.env.IDPrefix+string(b)))
		}
	}
}

// offset finds where an inline node starts in the source, through its first
// text descendant, falling back to the enclosing block.
func offset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		return true // has a scheme: https:, mailto:, tel:
	}
	return false
}

// rewriteLink resolves a link's destination through Env.Link. It returns
// false when the link is to be replaced by its content (ErrUnlink), which
// the caller does once the walk is over.
func (s *state) rewriteLink(n *ast.Link, src []byte) bool {
	dest := string(n.Destination)
	out, ok := s.resolveLink(dest, s.lines.line(offset(n)))
	if out != dest {
		n.Destination = []byte(out)
	}
	return ok
}

// resolveLink is the destination to write for a link the author wrote as
// dest on line, Markdown or raw HTML alike; ok is false when the link is
// to be dropped (ErrUnlink).
func (s *state) resolveLink(dest string, line int) (out string, ok bool) {
	switch {
	case dest == "":
		s.warn(line, "this link has no destination, so it leads back to this page (and folio check reports it); write where it goes, or take the text out of the link")
		return dest, true
	case isExternal(dest):
		return dest, true
	case strings.HasPrefix(dest, "#"):
		if s.env.Anchor != nil {
			s.env.Anchor(dest[1:], line)
		}
		return "#" + s.env.IDPrefix + dest[1:], true
	case s.env.Link == nil:
		return dest, true
	}
	out, err := s.env.Link(dest, line)
	switch {
	case errors.Is(err, ErrUnlink):
		return dest, false
	case err != nil:
		s.problem(line, "%v", err)
		return dest, true
	}
	return out, true
}

func (s *state) rewriteImage(n *ast.Image, src []byte) {
	img, ok := s.resolveImage(string(n.Destination), s.lines.line(offset(n)))
	if !ok {
		return
	}
	n.Destination = []byte(img.URL)
	for _, a := range resolvedImageAttrs(img) {
		n.SetAttributeString(a[0], []byte(a[1]))
	}
}

// resolveImage resolves an image source the author wrote, in Markdown or
// raw HTML; ok is false when it is kept as written.
func (s *state) resolveImage(dest string, line int) (Image, bool) {
	if dest == "" || isExternal(dest) || s.env.Image == nil {
		return Image{}, false
	}
	img, err := s.env.Image(dest, line)
	if err != nil {
		s.problem(line, "%v", err)
		return Image{}, false
	}
	return img, true
}

// resolvedImageAttrs are the attributes a resolved image gives its <img>,
// written in Markdown or in raw HTML (where the author's own attributes
// win): the one place where an image's rendering learns of its resolution.
func resolvedImageAttrs(img Image) [][2]string {
	var attrs [][2]string
	if img.Width > 0 && img.Height > 0 {
		attrs = append(attrs, [2]string{"width", strconv.Itoa(img.Width)}, [2]string{"height", strconv.Itoa(img.Height)})
	}
	if img.SrcSet != "" {
		attrs = append(attrs, [2]string{"srcset", img.SrcSet})
		if img.Sizes != "" {
			attrs = append(attrs, [2]string{"sizes", img.Sizes})
		}
	}
	return append(attrs, [2]string{"loading", "lazy"})
}

// KindFigure is the node kind of Figure.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image that stood alone in its paragraph with a title: the
// title becomes its caption.
type Figure struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (*Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(source []byte, level int) { ast.DumpHelper(f, source, level, nil, nil) }

type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<figure>\n")
			return ast.WalkContinue, nil
		}
		if img, ok := n.FirstChild().(*ast.Image); ok {
			_, _ = w.WriteString("<figcaption>")
			_, _ = w.Write(util.EscapeHTML(img.Title))
			_, _ = w.WriteString("</figcaption>\n")
		}
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	})
}
