// Package autolink owns GFM's autolinks of bare URLs and e-mail
// addresses as folio parses them: goldmark's linkify parser with a quick
// test in front (Extension), and whether a page needs the parser at all
// (Needed): most pages link only with Markdown's own links, and package
// markdown parses those without it.
package autolink

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

// Extension is GFM's autolinking of bare URLs and e-mail addresses with a
// quick test in front. goldmark tries its linkify parser after every space
// and at the start of what follows every inline node (a link, an emphasis
// delimiter); most of those places cannot start an autolink, and saying so
// takes a look at a bounded number of bytes (a 1,000-page build 2.5% faster
// with the test in front, benchstat n=8).
//
// The test must look at a bounded number of bytes: it runs after every
// inline node, so a test that scanned to the next space made a line without
// spaces (`[a][a]…`, `~~a~~a…`, CJK text) quadratic to parse.
type Extension struct {
	// scanned, when set, counts the bytes the quick test looks at, for the
	// test that holds it linear.
	scanned *int
}

// Extend implements goldmark.Extender.
func (l Extension) Extend(m goldmark.Markdown) {
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

// autolinkPrefixes are the schemes goldmark's linkify parser finds, then
// "www." (mayAutolink looks for the first three after colons, the last
// after dots).
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

// Needed reports whether src must be parsed with the linkify parser for
// goldmark's tree to render as it would with it: the parser could find an
// autolink in it (mayAutolink), or a line of it ends in white space that
// goldmark keeps in part where the parser is tried after every space
// (hasTrailingSpaces). Without the parser, goldmark's text nodes are split
// differently, and render the same.
func Needed(src []byte) bool { return mayAutolink(src) || hasTrailingSpaces(src) }

// mayAutolink reports whether goldmark's linkify parser could find an
// autolink anywhere in src: it finds one only where a line continues with
// one of autolinkPrefixes, or holds an '@' (couldAutolink).
func mayAutolink(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	// Colons and dots are rarer in prose than the letters of the schemes
	// and of "www": each is found first and checked for what goes before.
	return endsAfter(src, ':', autolinkPrefixes[:3]) || endsAfter(src, '.', autolinkPrefixes[3:])
}

// endsAfter reports whether one of prefixes, each ending in c, is in src.
func endsAfter(src []byte, c byte, prefixes [][]byte) bool {
	for rest := src; ; {
		i := bytes.IndexByte(rest, c)
		if i < 0 {
			return false
		}
		for _, p := range prefixes {
			if bytes.HasSuffix(rest[:i+1], p) {
				return true
			}
		}
		rest = rest[i+1:]
	}
}

// hasTrailingSpaces reports whether a line of src ends in white space
// that goldmark's breaks at every space would keep in part: two or more
// of space, tab, vertical tab, form feed and carriage return before the
// line's end, but for the two spaces of a hard line break (goldmark leaves
// those out of the text either way).
func hasTrailingSpaces(src []byte) bool {
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		line := src
		if end >= 0 {
			line, src = src[:end], src[end+1:]
		} else {
			src = nil
		}
		n := len(line)
		for n > 0 && isTrailingSpace(line[n-1]) {
			n--
		}
		if run := line[n:]; len(run) >= 2 && string(run) != "  " && string(run) != "  \r" {
			return true
		}
	}
	return false
}

func isTrailingSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}

// CloseBlock is goldmark's optional hook; its linkify parser has nothing to
// close either.
func (quickLinkify) CloseBlock(ast.Node, parser.Context) {}
