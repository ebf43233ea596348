package editions

import (
	"slices"
	"unsafe"

	"github.com/klauspost/compress/s2"

	"folio/internal/scratch"
)

// packed is a rendering kept compressed (S2, klauspost/compress) from the
// page stage, which makes it, to the end stages, which use it: a book's
// print and EPUB renderings are kept whole until then, at 10,000 pages some
// 40 MB of HTML, about a quarter of the build's live memory at its peak
// when it was kept in memory (it is kept on the shelf now, package shelf).
// S2 rather than deflate: deflate's fastest level took 9% of a 1,000-page
// build's processor time to pack and unpack them.
type packed []byte

// encoderOut recycles the encoder's output buffers, which are sized for the
// worst case; what is kept is copied out at its own size, onto the shelf
// (on the file, or in memory should the file not take it).
var encoderOut = scratch.New(1 << 20)

// packOnto compresses html and hands it to keep, which copies what it
// keeps (shelf.PutCopy): the bytes are the encoder's, reused after.
func packOnto(html []byte, keep func(packed)) {
	bp := encoderOut.Get()
	defer encoderOut.Put(bp)
	// s2.Encode writes into dst's length, not its capacity.
	*bp = slices.Grow(*bp, s2.MaxEncodedLen(len(html)))
	keep(s2.Encode((*bp)[:cap(*bp)], html))
}

// bytes is the HTML packOnto was given.
func (p packed) bytes() []byte { return p.appendTo(nil) }

// appendTo appends the HTML packOnto was given to dst (a recycled buffer,
// grown if need be).
func (p packed) appendTo(dst []byte) []byte {
	n, err := s2.DecodedLen(p)
	if err == nil {
		start := len(dst)
		dst = slices.Grow(dst, n)
		var html []byte
		if html, err = s2.Decode(dst[start:start+n], p); err == nil {
			return dst[:start+len(html)]
		}
	}
	// pack encoded it in this process, and the shelf gave it back whole.
	panic("editions: kept rendering does not decode: " + err.Error())
}

// string is the HTML packOnto was given, as a string without a second copy:
// the bytes are new and nothing else refers to them.
func (p packed) string() string {
	html := p.bytes()
	return unsafe.String(unsafe.SliceData(html), len(html))
}
