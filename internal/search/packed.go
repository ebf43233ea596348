package search

import (
	"encoding/binary"
	"errors"
	"fmt"
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
	var strs, terms int // the totals, for Body to allocate no more than needed
	for _, s := range b.Sections {
		strs += len(s.Anchor) + len(s.Heading) + len(s.Excerpt)
		terms += len(s.Terms)
	}
	raw := binary.AppendUvarint(bp[0][:0], b.Serial)
	for _, n := range [...]int{len(b.Sections), strs, terms} {
		raw = binary.AppendUvarint(raw, uint64(n))
	}
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
// slice of terms, the sections), each of the size Pack counted: at 10,000
// pages, terms appended to a slice grown as needed were 40 MB live.
func (p Packed) Body() (*Body, error) {
	raw, err := s2.Decode(nil, p)
	if err != nil {
		return nil, fmt.Errorf("unpack a search analysis: %w", err)
	}
	r := packReader{buf: raw}
	b := &Body{Serial: r.uvarint()}
	n, nstrs, nterms := r.len(), r.len(), r.len() // none more than the bytes left
	type lens struct{ anchor, heading, excerpt, terms int }
	secs := make([]lens, n)
	strs := make([]byte, 0, nstrs)
	var terms []uint32 // nil for a page of no terms, as Analyze has it
	if nterms > 0 {
		terms = make([]uint32, 0, nterms)
	}
	for i := range secs {
		l := &secs[i]
		l.anchor, l.heading, l.excerpt, l.terms = r.len(), r.len(), r.len(), r.len()
		strs = append(strs, r.bytes(l.anchor+l.heading+l.excerpt)...)
		for range l.terms {
			terms = append(terms, uint32(r.uvarint()))
		}
	}
	if r.err || len(r.buf) > 0 || len(strs) != nstrs || len(terms) != nterms {
		return nil, errPacked
	}
	s := string(strs)
	b.Sections = make([]Analyzed, n)
	at, tat := 0, 0
	for i, l := range secs {
		a := &b.Sections[i]
		a.Anchor, at = s[at:at+l.anchor], at+l.anchor
		a.Heading, at = s[at:at+l.heading], at+l.heading
		a.Excerpt, at = s[at:at+l.excerpt], at+l.excerpt
		a.Terms, tat = terms[tat:tat+l.terms:tat+l.terms], tat+l.terms
	}
	return b, nil
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
