package search

import (
	"encoding/binary"
	"errors"
	"slices"
	"sync"
)

// Packed is a Body in a few bytes without pointers, for a caller that
// holds every page's analysis from the page stage to the index (a clean
// build, package shelved): varints for the lengths and terms, the
// strings as they are. At 1,000 pages the analyses were 5.4 MB of the
// 13.6 MB live at the page stage's end, and a build's memory limit
// (package membudget) makes the collector run the more often the more is
// live; packed, they wait in a temporary file. They were compressed (S2)
// until 2026-12-03: packing and unpacking took 1.6% of a 1,000-page
// build's processor time, to halve bytes that the file takes for a
// memory copy.
type Packed []byte

// Pack returns b packed.
func (b *Body) Pack() Packed {
	dst := binary.AppendUvarint(nil, b.Serial)
	dst = binary.AppendUvarint(dst, uint64(len(b.Sections)))
	for _, s := range b.Sections {
		dst = appendPackedSection(dst, s.Anchor, s.Heading, s.Excerpt, s.Terms)
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
		dst = appendPackedSection(dst, a.strs[p.from:p.heading], a.strs[p.heading:p.excerpt], a.strs[p.excerpt:end], a.terms[p.terms:tend])
	}
	return dst
}

// appendPackedSection appends a section: the lengths of its anchor,
// heading, excerpt and terms, the three strings, the terms.
func appendPackedSection[T ~string | ~[]byte](dst []byte, anchor, heading, excerpt T, terms []uint32) []byte {
	for _, n := range [...]int{len(anchor), len(heading), len(excerpt), len(terms)} {
		dst = binary.AppendUvarint(dst, uint64(n))
	}
	dst = append(append(append(dst, anchor...), heading...), excerpt...)
	for _, t := range terms {
		dst = binary.AppendUvarint(dst, uint64(t))
	}
	return dst
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
	r := packReader{buf: p}
	b := &Body{Serial: r.uvarint()}
	m := r.uvarint()
	if m > uint64(len(p)) {
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

// unpackScratch is what Body decodes a page into: the sections' lengths, their strings and terms.
type unpackScratch struct {
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
