package output

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/parse/v2/buffer"
)

// chunkCases are HTML whose minified bytes depend on what is around a
// cut: spaces before and after block and inline tags, <pre> and
// <template> holding block tags, raw text and comments holding tags, SVG.
var chunkCases = []string{
	"<!DOCTYPE html>\n<html>\n<body>\n<main>\n<p>One <em>two</em> </p>\n<p> three\n</p>\n</main>\n</body>\n</html>\n",
	"<div>text \n<p>para</p>  tail <span> x </span> <p>next</p>\n</div>",
	"<pre>\n  <p>kept   as is</p>\n\n<div>  x  </div>\n</pre>\n<p>  after  pre </p>",
	"<template><p> a </p>   <div> b </div></template>\n<p> c </p>",
	"<script>var s = \"<p>not a tag</p>\";   if (a < b) {}</script>\n<p> x </p>\n<style>p > a { color: red }</style><p>y</p>",
	"<!-- <p> in a comment </p> -->\n<p> z </p><svg viewBox=\"0 0 1 1\"><foreignObject><p> in svg </p></foreignObject></svg> <p>w</p>",
	"<ul>\n<li> one </li>\n<li><a href=\"#x\"> two </a> </li>\n</ul>\n<h2 id=\"a\">  Title  </h2>\n<P CLASS=\"Up\"> upper </P>",
	"<p>a <b>bold</b> <i>it</i> end</p><textarea> <p> raw </p> </textarea><p>q</p>",
}

// A document minified in pieces cut where htmlCut cuts is the document
// minified whole, whatever the pieces and however the bytes arrive.
func TestHTMLChunksMinifyAsWhole(t *testing.T) {
	docs := append([]string(nil), chunkCases...)
	// Every page of the build's expected unminified sites: chapters with
	// code, tables, footnotes, figures, the print editions.
	root := filepath.Join("..", "build", "testdata", "sites")
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && strings.Contains(p, "unminified") {
			docs = append(docs, readFile(t, p))
		}
		return err
	})
	if err != nil || len(docs) < 20 {
		t.Fatalf("read %d documents: %v", len(docs), err)
	}
	m := newMinifier()
	rng := rand.New(rand.NewPCG(1, 2))
	for i, doc := range docs {
		var whole bytes.Buffer
		if err := m.Minify("text/html", &whole, buffer.NewReader([]byte(doc))); err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 16, 200, 4096} {
			got := minifyInPieces(t, m, doc, size, func() int { return 1 + rng.IntN(3*size) })
			if got != whole.String() {
				t.Fatalf("document %d in pieces of %d: minified\n%q\nwant (whole)\n%q", i, size, got, whole.String())
			}
		}
	}
}

// minifyInPieces minifies doc through htmlChunks cutting after size
// bytes, written to it in writes of write() bytes.
func minifyInPieces(t *testing.T, m *minify.M, doc string, size int, write func() int) string {
	t.Helper()
	var got bytes.Buffer
	c := newHTMLChunks(m, &got, "page.html", "page.md")
	c.size, c.next = size, size
	for rest := doc; len(rest) > 0; {
		n := min(len(rest), write())
		if _, err := c.Write([]byte(rest[:n])); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return got.String()
}

// htmlCut cuts only before a block tag the lexer read whole, outside
// <pre> and <template>, and nowhere in text without one.
func TestHTMLCut(t *testing.T) {
	for _, c := range []struct {
		html string
		want int
	}{
		{"just text", 0},
		{"<p>a</p>x", 4},
		{"<p>a</p>", 0},          // nothing follows the tag to show that it ended
		{"<p>a</p", 0},           // the last tag may be cut short
		{"<p>a<p", 0},            // "<p" may start "<picture"
		{"<p>a<pre>x<p>y", 0},    // in <pre>
		{"<pre>x</pre><p>y", 12}, // after it
		{"<template><p>x</p></template>y", 0},
		{"<script>\"<p>\"</script>x", 0},
		{"<em>x</em> <span>y", 0}, // inline tags only
	} {
		if got := htmlCut([]byte(c.html)); got != c.want {
			t.Errorf("htmlCut(%q) = %d, want %d", c.html, got, c.want)
		}
	}
}
