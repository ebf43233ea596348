package output

import (
	"bytes"
	"testing"

	"github.com/tdewolff/parse/v2/buffer"
)

// FuzzHTMLChunks holds minifying in pieces (htmlChunks, as Writer.Stream
// does for the print edition) to the minifier run on the whole document:
// for any input the minifier accepts, the bytes are the same, whatever
// the piece size and however the writes fall.
func FuzzHTMLChunks(f *testing.F) {
	for _, doc := range chunkCases {
		f.Add(doc, uint8(16), uint8(3))
	}
	m := newMinifier()
	f.Fuzz(func(t *testing.T, doc string, size, step uint8) {
		var whole bytes.Buffer
		if err := m.Minify("text/html", &whole, buffer.NewReader([]byte(doc))); err != nil {
			t.Skip(err)
		}
		var got bytes.Buffer
		c := newHTMLChunks(m, &got, "page.html", "page.md")
		c.size = 1 + int(size)
		c.next = c.size
		for rest := doc; len(rest) > 0; {
			n := min(len(rest), 1+int(step))
			if _, err := c.Write([]byte(rest[:n])); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		if got.String() != whole.String() {
			t.Fatalf("in pieces of %d (writes of %d): minified\n%q\nwant (whole)\n%q", c.size, 1+int(step), got.String(), whole.String())
		}
	})
}
