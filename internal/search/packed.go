package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/klauspost/compress/s2"
)

// Packed is a Body kept compressed, for a caller that holds every page's
// analysis from the page stage to the index (a clean build): varints for
// the lengths and terms, then S2 (klauspost/compress) over the whole. At
// 1,000 pages the analyses were 5.4 MB of the 13.6 MB live at the page
// stage's end, and a build's memory limit (package membudget) makes the
// collector run the more often the more is live; packed they are pointer
// free and a fraction of that.
type Packed []byte

// packScratch recycles the varint encoding and the encoder's output
// buffer, which is sized for the worst case; what is kept is copied out
// at its own size.
var packScratch = sync.Pool{New: func() any { return new([2][]byte) }}

// Pack returns b packed.
func (b *Body) Pack() Packed {
	bp := packScratch.Get().(*[2][]byte)
	defer packScratch.Put(bp)
	raw := binary.AppendUvarint(bp[0][:0], b.Serial)
	raw = binary.AppendUvarint(raw, uint64(len(b.Sections)))
	for _, s := range b.Sections {
		for _, n := range [...]int{len(s.Anchor), len(s.Heading), len(s.Excerpt), len(s.Terms)} {
			raw = binary.AppendUvarint(raw, uint64(n))
		}
		raw = append(append(append(raw, s.Anchor...), s.Heading...), s.Excerpt...)
		for _, t := range s.Terms {
			raw = binary.AppendUvarint(raw, uint64(t))
		}
	}
	bp[0] = raw
	if n := s2.MaxEncodedLen(len(raw)); cap(bp[1]) < n {
		bp[1] = make([]byte, n)
	}
	enc := s2.Encode(bp[1][:cap(bp[1])], raw)
	return append(Packed(nil), enc...)
}

// errPacked says a Packed was not made by Pack.
var errPacked = errors.New("the packed analysis is damaged")

// Body unpacks p, in as few allocations as Analyze makes (a string, a
// slice of terms, the sections) and the Body: it decodes into buffers
// reused from page to page (unpackScratch) and copies the strings and
// terms out at their size. Grown page by page, they were 19,000 of the
// 24,000 allocations and 15.5 of the 23.8 MB the index's unpacking took
// in BenchmarkBuild1000 (-memprofile).
func (p Packed) Body() (*Body, error) {
	sc := unpackScratches.Get().(*unpackScratch)
	defer unpackScratches.Put(sc)
	n, err := s2.DecodedLen(p)
	if err == nil {
		if cap(sc.raw) < n {
			sc.raw = make([]byte, n)
		}
		sc.raw, err = s2.Decode(sc.raw[:cap(sc.raw)], p)
	}
	if err != nil {
		return nil, fmt.Errorf("unpack a search analysis: %w", err)
	}
	r := packReader{buf: sc.raw}
	b := &Body{Serial: r.uvarint()}
	m := r.uvarint()
	if m > uint64(len(sc.raw)) {
		return nil, errPacked
	}
	sc.secs = slices.Grow(sc.secs[:0], int(m))[:m]
	strs, terms := sc.strs[:0], sc.terms[:0]
	for i := range sc.secs {
		l := &sc.secs[i]
		l.anchor, l.heading, l.excerpt, l.terms = r.len(), r.len(), r.len(), r.len()
		strs = append(strs, r.bytes(l.anchor+l.heading+l.excerpt)...)
		for range l.terms {
			terms = append(terms, uint32(r.uvarint()))
		}
	}
	sc.strs, sc.terms = strs, terms
	if r.err || len(r.buf) > 0 {
		return nil, errPacked
	}
	b.Sections = sc.sections(string(strs), slices.Clone(terms))
	return b, nil
}

// unpackScratch is what Body decodes a page into: the varints, the
// sections' lengths, their strings and terms.
type unpackScratch struct {
	raw   []byte
	secs  []sectionLens
	strs  []byte
	terms []uint32
}

type sectionLens struct{ anchor, heading, excerpt, terms int }

var unpackScratches = sync.Pool{New: func() any { return new(unpackScratch) }}

// sections cuts the page's strings and terms into its sections by the
// lengths read.
func (sc *unpackScratch) sections(s string, terms []uint32) []Analyzed {
	secs := make([]Analyzed, len(sc.secs))
	at, tat := 0, 0
	for i, l := range sc.secs {
		a := &secs[i]
		a.Anchor, at = s[at:at+l.anchor], at+l.anchor
		a.Heading, at = s[at:at+l.heading], at+l.heading
		a.Excerpt, at = s[at:at+l.excerpt], at+l.excerpt
		a.Terms, tat = terms[tat:tat+l.terms:tat+l.terms], tat+l.terms
	}
	return secs
}

// packReader reads what Pack wrote, noting in err any that is not there.
type packReader struct {
	buf []byte
	err bool
}

func (r *packReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.err, r.buf = true, nil
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// len reads a length, which cannot be more than the bytes left.
func (r *packReader) len() int {
	v := r.uvarint()
	if v > uint64(len(r.buf)) {
		r.err, r.buf = true, nil
		return 0
	}
	return int(v)
}

func (r *packReader) bytes(n int) []byte {
	if n > len(r.buf) {
		r.err, r.buf = true, nil
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}
