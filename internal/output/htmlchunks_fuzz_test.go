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
	f.Fuzz(func(t *testing.T, doc string, cut, step uint8) {
		var whole bytes.Buffer
		if err := m.Minify("text/html", &whole, buffer.NewReader([]byte(doc))); err != nil {
			t.Skip(err)
		}
		size, writes := 1+int(cut), 1+int(step)
		got := minifyInPieces(t, m, doc, size, func() int { return writes })
		if got != whole.String() {
			t.Fatalf("in pieces of %d (writes of %d): minified\n%q\nwant (whole)\n%q", size, writes, got, whole.String())
		}
	})
}
