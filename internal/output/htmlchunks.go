package output

import (
	"fmt"
	"io"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/buffer"
	"github.com/tdewolff/parse/v2/html"
)

// htmlChunkSize is how much HTML htmlChunks gathers before it looks for a
// place to cut: the minifier's calls stay few (some 500 for a 30 MB
// print edition) and what is held stays small beside a chapter.
const htmlChunkSize = 64 << 10

// htmlChunks minifies HTML written to it piece by piece, for a file too
// large to hold whole (Writer.Stream): it gathers what is written and,
// past htmlChunkSize, minifies it up to the last cut (htmlCut) and
// passes the result on, keeping the rest for the next piece.
//
// The HTML minifier (tdewolff/minify/v2/html) reads a token at a time and
// carries little from one token to the next: whether the next text's
// leading space goes (after a block tag), whether it is inside <pre> or
// <template>, and, for a text ending in a space, whether the next tag is
// a block (the space goes) or the end of its input (it goes too). So
// minifying the HTML in pieces cut just before the start or end tag of a
// block element, outside <pre> and <template>, gives the bytes that
// minifying it whole gives: what ends a piece trims as that tag would
// have it trimmed, and a piece starts as a document starts, where a
// leading space goes as it does after a block tag. Raw text (scripts,
// styles), comments, SVG and MathML are single tokens of the lexer and
// are never cut. TestHTMLChunksMinifyAsWhole holds the two to each other.
type htmlChunks struct {
	min     *minify.M
	w       io.Writer
	rel, by string

	buf  []byte
	size int // htmlChunkSize, or less in tests
	next int // the length of buf that sets off the next cut
	held int // the most bytes buf held
	err  error
}

func newHTMLChunks(m *minify.M, w io.Writer, rel, by string) *htmlChunks {
	return &htmlChunks{min: m, w: w, rel: rel, by: by, size: htmlChunkSize, next: htmlChunkSize}
}

func (c *htmlChunks) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.buf = append(c.buf, p...)
	c.held = max(c.held, len(c.buf))
	if len(c.buf) >= c.next {
		c.minify(htmlCut(c.buf))
		// Without a cut (a long <pre>), wait for twice as much before
		// looking again, so that looking stays linear in the file.
		c.next = max(c.size, 2*len(c.buf))
	}
	if c.err != nil {
		return 0, c.err
	}
	return len(p), nil
}

// Close minifies what is left.
func (c *htmlChunks) Close() error {
	if c.err == nil {
		c.minify(len(c.buf))
	}
	return c.err
}

// minify minifies buf up to n into w and keeps the rest.
func (c *htmlChunks) minify(n int) {
	if n == 0 {
		return
	}
	if err := c.min.Minify("text/html", c.w, buffer.NewReader(c.buf[:n])); err != nil {
		c.err = fmt.Errorf("minify %s (from %s): %w", c.rel, c.by, err)
		return
	}
	c.buf = c.buf[:copy(c.buf, c.buf[n:])]
}

// htmlCut is the offset in b of the last start or end tag of a block
// element outside <pre> and <template> that the lexer reads whole (a tag
// cut off at the end of b may be the start of a longer name), or 0.
func htmlCut(b []byte) int {
	z := parse.NewInputBytes(b)
	defer z.Restore()
	l := html.NewLexer(z)
	cut, candidate := 0, -1
	inPre, inTemplate := false, false
	for {
		start := z.Offset()
		tt, _ := l.Next()
		if tt == html.ErrorToken {
			return cut
		}
		if candidate >= 0 { // the tag's name ended before b did
			cut, candidate = candidate, -1
		}
		if tt != html.StartTagToken && tt != html.EndTagToken {
			continue
		}
		switch name := l.Text(); {
		case string(name) == "pre":
			inPre = tt == html.StartTagToken
		case string(name) == "template":
			inTemplate = tt == html.StartTagToken
		case !inPre && !inTemplate && cutBefore(name):
			candidate = start
		}
	}
}

// cutBefore reports the block elements of the minifier's (its blockTag
// trait) that documents are made of, before whose tags htmlCut cuts; any
// subset of its block elements would do.
func cutBefore(name []byte) bool {
	switch string(name) {
	case "article", "section", "header", "footer", "main", "nav", "aside", "div", "p",
		"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "blockquote", "figure", "table", "hr":
		return true
	}
	return false
}
