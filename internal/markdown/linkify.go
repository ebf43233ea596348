package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is GFM's autolinking of bare URLs and e-mail addresses with a
// quick test in front. goldmark tries its linkify parser after every space
// and at the start of what follows every inline node (a link, an emphasis
// delimiter); most of those places cannot start an autolink, and saying so
// takes a look at a bounded number of bytes (a 1,000-page build 2.5% faster
// with the test in front, benchstat n=8).
//
// The test must look at a bounded number of bytes: it runs after every
// inline node, so a test that scanned to the next space made a line without
// spaces (`[a][a]…`, `~~a~~a…`, CJK text) quadratic to parse.
type linkify struct {
	// scanned, when set, counts the bytes the quick test looks at, for the
	// test that holds it linear.
	scanned *int
}

func (l linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser(), l.scanned}, 999),
	))
}

type quickLinkify struct {
	parser.InlineParser
	scanned *int
}

// Parse hands goldmark's parser only the places that could start an
// autolink; goldmark's parser returns nil, consuming nothing, for every
// other place, so skipping it changes no output.
func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the triggers, which goldmark's parser skips
			line = line[1:]
		}
	}
	ok, n := couldAutolink(line)
	if q.scanned != nil {
		*q.scanned += n
	}
	if !ok {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// maxEmailLocal is the longest local part (before the '@') that goldmark's
// parser accepts in an e-mail address (util.FindEmailIndex).
const maxEmailLocal = 64

var autolinkPrefixes = [][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

// couldAutolink reports whether goldmark's linkify parser (with its default
// protocols) could find an autolink at the start of line, and how many bytes
// it looked at: never more than maxEmailLocal+1. goldmark's parser finds a
// URL only after "http:", "https:", "ftp:" or "www.", and an address only
// where the line starts with at most maxEmailLocal bytes of a local part
// (not starting with punctuation) followed by an '@'.
func couldAutolink(line []byte) (ok bool, scanned int) {
	for _, p := range autolinkPrefixes {
		if bytes.HasPrefix(line, p) {
			return true, len(p)
		}
	}
	if len(line) == 0 || util.IsPunct(line[0]) {
		return false, 1
	}
	for i, c := range line[:min(len(line), maxEmailLocal+1)] {
		if c == '@' {
			return true, i + 1
		}
		if !isLocalPart(c) {
			return false, i + 1
		}
	}
	return false, min(len(line), maxEmailLocal+1)
}

// isLocalPart reports whether goldmark's parser accepts c in the local part
// of an e-mail address: printable ASCII other than space and RFC 5322's
// specials. It is asked of nearly every byte of a page's text (each word
// up to its end), so it is a table: the test it replaced, a search of the
// specials per byte, was 2-3% of a 1,000-page build's processor time.
func isLocalPart(c byte) bool { return localPart[c] }

var localPart = func() (t [256]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune(`"(),:;<>@[\]`, c)
	}
	return t
}()

// CloseBlock is goldmark's optional hook; its linkify parser has nothing to
// close either.
func (quickLinkify) CloseBlock(ast.Node, parser.Context) {}
