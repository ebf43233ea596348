package search

import (
	"encoding/binary"
	"errors"
	"slices"
	"sync"
)

// Packed is a Body in a few bytes without pointers, for a caller that
// holds every page's analysis from the page stage to the index (a clean
// build, package shelved): the number of sections, each section's lengths
// (varints), then the sections' anchors, headings and excerpts one after
// another, then their terms, four bytes each (little-endian). At 1,000
// pages the analyses were 5.4 MB of the 13.6 MB live at the page stage's
// end, and a build's memory limit (package membudget) makes the collector
// run the more often the more is live; packed, they wait in a temporary
// file. They were compressed (S2) until 2026-12-03: packing and unpacking
// took 1.6% of a 1,000-page build's processor time, to halve bytes that
// the file takes for a memory copy. Their terms were varints, and each
// section's strings and terms together, until the evening of 2026-12-03:
// reading the varints back was a third of the index's own work
// (BenchmarkSearchWrite1000's profile); the strings together are one
// string of the page once unpacked (Body), and copied from the buffer they
// are read into straight into the metadata blocks by Write.
type Packed []byte

// Pack returns b packed.
func (b *Body) Pack() Packed {
	dst := binary.AppendUvarint(nil, b.Serial)
	dst = binary.AppendUvarint(dst, uint64(len(b.Sections)))
	for _, s := range b.Sections {
		dst = appendLens(dst, len(s.Anchor), len(s.Heading), len(s.Excerpt), len(s.Terms))
	}
	for _, s := range b.Sections {
		dst = append(append(append(dst, s.Anchor...), s.Heading...), s.Excerpt...)
	}
	for _, s := range b.Sections {
		dst = appendTerms(dst, s.Terms)
	}
	return dst
}

// appendPacked appends the page the analyser holds as Pack would (its
// sections as body makes them), numbered serial.
func (a *analyzer) appendPacked(dst []byte, serial uint64) []byte {
	dst = binary.AppendUvarint(dst, serial)
	dst = binary.AppendUvarint(dst, uint64(len(a.secs)))
	for i, p := range a.secs {
		end, tend := len(a.strs), len(a.terms)
		if i+1 < len(a.secs) {
			end, tend = int(a.secs[i+1].from), int(a.secs[i+1].terms)
		}
		dst = appendLens(dst, int(p.heading-p.from), int(p.excerpt-p.heading), end-int(p.excerpt), tend-int(p.terms))
	}
	return appendTerms(append(dst, a.strs...), a.terms)
}

// appendTerms appends terms, four bytes each.
func appendTerms(dst []byte, terms []uint32) []byte {
	at := len(dst)
	dst = slices.Grow(dst, 4*len(terms))[:at+4*len(terms)]
	for i, t := range terms {
		binary.LittleEndian.PutUint32(dst[at+4*i:], t)
	}
	return dst
}

// errPacked says a Packed was not made by Pack.
var errPacked = errors.New("the packed analysis is damaged")

// Body unpacks p, in as few allocations as Analyze makes (a string, a
// slice of terms, the sections) and the Body: it decodes into buffers
// reused from page to page (unpackScratch) and copies the terms out at
// their size. Grown page by page, they were 19,000 of the 24,000
// allocations and 15.5 of the 23.8 MB the index's unpacking took in
// BenchmarkBuild1000 (-memprofile).
func (p Packed) Body() (*Body, error) {
	sc := unpackScratches.Get().(*unpackScratch)
	defer unpackScratches.Put(sc)
	serial, raw, err := p.unpack(sc)
	if err != nil {
		return nil, err
	}
	s, terms := string(raw), slices.Clone(sc.terms)
	b := &Body{Serial: serial, Sections: make([]Analyzed, len(sc.lens))}
	at, tat := 0, 0
	for i, l := range sc.lens {
		a := &b.Sections[i]
		a.Anchor, at = s[at:at+l.anchor], at+l.anchor
		a.Heading, at = s[at:at+l.heading], at+l.heading
		a.Excerpt, at = s[at:at+l.excerpt], at+l.excerpt
		a.Terms, tat = terms[tat:tat+l.terms:tat+l.terms], tat+l.terms
	}
	return b, nil
}

// unpackScratch is what a Packed is read into, reused from page to page:
// the sections' lengths, their terms.
type unpackScratch struct {
	lens  []sectionLens
	terms []uint32
}

type sectionLens struct{ anchor, heading, excerpt, terms int }

var unpackScratches = sync.Pool{New: func() any { return new(unpackScratch) }}

// unpack reads the lengths of p's sections into sc.lens and their terms
// into sc.terms, and returns their strings, one after another, a part of
// p.
func (p Packed) unpack(sc *unpackScratch) (serial uint64, strs []byte, err error) {
	r := packReader{buf: p}
	serial = r.uvarint()
	m := r.uvarint()
	if m > uint64(len(p)) {
		return 0, nil, errPacked
	}
	sc.lens = slices.Grow(sc.lens[:0], int(m))[:m]
	n, terms := 0, 0
	for i := range sc.lens {
		l := &sc.lens[i]
		l.anchor, l.heading, l.excerpt, l.terms = r.len(), r.len(), r.len(), r.len()
		n, terms = n+l.anchor+l.heading+l.excerpt, terms+l.terms
	}
	if r.err || n > len(r.buf) || terms > (len(r.buf)-n)/4 || len(r.buf) != n+4*terms {
		return 0, nil, errPacked
	}
	strs, raw := r.buf[:n], r.buf[n:]
	sc.terms = slices.Grow(sc.terms[:0], terms)[:terms]
	for i := range sc.terms {
		sc.terms[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return serial, strs, nil
}

// packReader reads the varints Pack wrote, noting in err any that is not
// there.
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
