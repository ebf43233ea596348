package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is GFM's autolinking of bare URLs and e-mail addresses with a
// quick test in front. goldmark's parser is tried after every space of the
// text and looks for an e-mail address there, which made it a twentieth of a
// whole build's time (profile of a 1,000-page build); most words cannot
// start an autolink, and saying so takes one scan of the word.
type linkify struct{}

func (linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
}

type quickLinkify struct{ parser.InlineParser }

// Parse hands goldmark's parser only the words that could be autolinks: a
// URL has a scheme (so a ':') or starts with "www.", an address has an '@',
// and none of them holds a space. goldmark's parser returns nil, consuming
// nothing, for every other word, so skipping it changes no output.
func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the triggers, which goldmark's parser skips
			line = line[1:]
		}
	}
	if !couldAutolink(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

func couldAutolink(line []byte) bool {
	if bytes.HasPrefix(line, []byte("www.")) {
		return true
	}
	for _, c := range line {
		switch c {
		case ':', '@':
			return true
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return false
}

// CloseBlock is goldmark's optional hook; its linkify parser has nothing to
// close either.
func (quickLinkify) CloseBlock(ast.Node, parser.Context) {}
