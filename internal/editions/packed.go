package editions

import (
	"bytes"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// packed is a rendering kept compressed (S2, klauspost/compress) from the
// page stage, which makes it, to the end stages, which use it: a book's
// print and EPUB renderings are kept whole until then, at 10,000 pages some
// 40 MB of HTML, about a quarter of the build's live memory at its peak
// when it was kept in memory (it is kept on the shelf now, package shelf).
// S2 rather than deflate: deflate's fastest level took 9% of a 1,000-page
// build's processor time to pack and unpack them.
type packed []byte

// scratch recycles the encoder's output buffers, which are sized for the
// worst case; what is kept is copied out at its own size.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// pack compresses html.
func pack(html []byte) packed {
	bp := scratch.Get().(*[]byte)
	defer scratch.Put(bp)
	if n := s2.MaxEncodedLen(len(html)); cap(*bp) < n {
		*bp = make([]byte, n)
	}
	return bytes.Clone(s2.Encode(*bp, html))
}

// bytes is the HTML pack was given.
func (p packed) bytes() []byte {
	html, err := s2.Decode(nil, p)
	if err != nil {
		// pack encoded it in this process and it stayed in memory.
		panic("editions: kept rendering does not decode: " + err.Error())
	}
	return html
}

// string is the HTML pack was given, as a string without a second copy:
// the bytes are new and nothing else refers to them.
func (p packed) string() string {
	html := p.bytes()
	return unsafe.String(unsafe.SliceData(html), len(html))
}
