package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newParser is goldmark's default parser (goldmark.DefaultParser) with a
// quick test in front of its one paragraph transformer, which reads link
// reference definitions ([label]: /url) at the start of a paragraph: it
// made a block reader for every paragraph of a page, though a definition
// starts a paragraph with a '[' and most paragraphs start otherwise.
func newParser() parser.Parser {
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(quickLinkRefs{parser.LinkReferenceParagraphTransformer}, 100)))
}

// quickLinkRefs hands goldmark's transformer only the paragraphs that
// could start with a definition: goldmark's skips the paragraph's white
// space and stops at once unless the next byte is a '['. Other paragraphs
// are left as they are either way (FuzzLinkRefs).
type quickLinkRefs struct {
	parser.ParagraphTransformer
}

func (q quickLinkRefs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		for _, c := range seg.Value(reader.Source()) {
			if !util.IsSpace(c) {
				if c == '[' {
					q.ParagraphTransformer.Transform(node, reader, pc)
				}
				return
			}
		}
	}
}
