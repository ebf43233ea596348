package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// folioExtension adds the transformer and the figure renderer.
type folioExtension struct{}

func (folioExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100)))
}

// state is the per-document data a conversion shares with the transformer.
type state struct {
	env   Env
	doc   *Doc
	lines *lineIndex
	// more is the top-level node that followed <!--more-->.
	more      ast.Node
	moreAtEnd bool
	// written holds what the author wrote, kept when editions are to be
	// rendered from the same tree (editions.go).
	written *written
}

func (s *state) problem(line int, format string, args ...any) {
	s.doc.Problems = append(s.doc.Problems, Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

type transformer struct{}

func (transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(envKey).(*state)
	if !ok {
		panic("markdown: Convert must be used; the parser context carries no Env")
	}
	src := reader.Source()
	st.findMore(root, src)
	if st.env.IDPrefix != "" {
		root.SetAttribute(idPrefixAttr, []byte(st.env.IDPrefix))
	}
	if len(st.env.Editions) > 0 {
		st.written = &written{}
	}
	var figures []*ast.Paragraph
	var unlinked []*ast.Link
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		st.written.note(n)
		switch n := n.(type) {
		case *ast.Heading:
			st.prefixID(n)
		case *ast.Link:
			if !st.rewriteLink(n, src) {
				unlinked = append(unlinked, n)
			}
		case *ast.Image:
			st.rewriteImage(n, src)
			if p, ok := n.Parent().(*ast.Paragraph); ok && len(n.Title) > 0 && p.ChildCount() == 1 {
				figures = append(figures, p)
			}
		case *ast.HTMLBlock:
			st.recordBlock(n, src)
		case *ast.RawHTML:
			st.recordInline(n, src)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range unlinked {
		st.written.unwrap(l)
	}
	for _, p := range figures {
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
	switch {
	case dest == "" || isExternal(dest):
		return true
	case strings.HasPrefix(dest, "#"):
		if s.env.Anchor != nil {
			s.env.Anchor(dest[1:], s.lines.line(offset(n)))
		}
		if s.env.IDPrefix != "" {
			n.Destination = []byte("#" + s.env.IDPrefix + dest[1:])
		}
		return true
	case s.env.Link == nil:
		return true
	}
	out, err := s.env.Link(dest, s.lines.line(offset(n)))
	switch {
	case errors.Is(err, ErrUnlink):
		return false
	case err != nil:
		s.problem(s.lines.line(offset(n)), "%v", err)
		return true
	}
	n.Destination = []byte(out)
	return true
}

func (s *state) rewriteImage(n *ast.Image, src []byte) {
	dest := string(n.Destination)
	if dest == "" || isExternal(dest) || s.env.Image == nil {
		return
	}
	img, err := s.env.Image(dest, s.lines.line(offset(n)))
	if err != nil {
		s.problem(s.lines.line(offset(n)), "%v", err)
		return
	}
	n.Destination = []byte(img.URL)
	if img.Width > 0 && img.Height > 0 {
		n.SetAttributeString("width", []byte(fmt.Sprint(img.Width)))
		n.SetAttributeString("height", []byte(fmt.Sprint(img.Height)))
	}
	if img.SrcSet != "" {
		n.SetAttributeString("srcset", []byte(img.SrcSet))
		if img.Sizes != "" {
			n.SetAttributeString("sizes", []byte(img.Sizes))
		}
	}
	n.SetAttributeString("loading", []byte("lazy"))
}

func (s *state) recordBlock(n *ast.HTMLBlock, src []byte) {
	if n.Lines().Len() == 0 {
		return
	}
	line := s.lines.line(n.Lines().At(0).Start)
	s.doc.Raw = append(s.doc.Raw, Raw{Line: line, HTML: string(blockText(n, src))})
}

func (s *state) recordInline(n *ast.RawHTML, src []byte) {
	if n.Segments.Len() == 0 {
		return
	}
	var b strings.Builder
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		b.Write(seg.Value(src))
	}
	s.doc.Raw = append(s.doc.Raw, Raw{Line: s.lines.line(n.Segments.At(0).Start), HTML: b.String()})
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
