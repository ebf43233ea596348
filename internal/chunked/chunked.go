// Package chunked owns byte lists that grow by chunks carved from shared
// slabs rather than by copying: many lists written a few bytes at a time,
// side by side, until they are read once (the search index's lists of
// postings, one per stem). A slice appended to is copied at every growth,
// and its old arrays are garbage: at 1,000 pages, the index's lists took
// 2.6 times their bytes in allocations, 3.5 MB a build, and every byte
// allocated brings the build's next collection nearer (package
// membudget). The slabs hold no pointers, so the collector never scans
// them. The package imports no other folio package.
package chunked

import "encoding/binary"

// Slabs hold the chunks of some lists. The zero value is ready to use.
type Slabs struct {
	slabs [][]byte
	used  int // bytes of the last slab handed out
}

// slabBytes is the size of a slab: a chunk's number is its slab's number
// and its offset in sixteen bits.
const slabBytes = 1 << 16

// A chunk of a list ends in the number of the list's next chunk, linkBytes
// long, which the list's last chunk leaves to write.
const linkBytes = 4

// chunkBytes is the size of a list's k-th chunk (from 0): growing, so
// that a short list (most words' of a large site) takes a small chunk,
// and a long one no more than maxChunk of room unwritten.
func chunkBytes(k int) int { return min(16<<min(k, 8), maxChunk) }

const maxChunk = 256

// chunk hands out a chunk of n bytes and its number.
func (s *Slabs) chunk(n int) (uint32, []byte) {
	if len(s.slabs) == 0 || s.used+n > slabBytes {
		s.slabs, s.used = append(s.slabs, make([]byte, slabBytes)), 0
	}
	i := len(s.slabs) - 1
	at := s.used
	s.used += n
	return uint32(i)<<16 | uint32(at), s.slabs[i][at : at+n : at+n]
}

// at is chunk c of n bytes.
func (s *Slabs) at(c uint32, n int) []byte {
	at := int(c & (slabBytes - 1))
	return s.slabs[c>>16][at : at+n : at+n]
}

// List is a list of bytes in chunks of one Slabs. The zero value is an
// empty list.
type List struct {
	first  uint32
	last   []byte // the last chunk, its link aside
	at     int    // the bytes written in it
	chunks int
}

// Len is the number of bytes written.
func (l *List) Len() int {
	n := l.at
	for k := range l.chunks - 1 {
		n += chunkBytes(k) - linkBytes
	}
	return n
}

// PutByte appends c to the list, in s. Lists of postings (a byte or two
// a posting) written a byte at a time took BenchmarkSearchWrite1000 24.3
// ms of processor time, by Put (a copy a posting) 27.6.
func (l *List) PutByte(s *Slabs, c byte) {
	if l.at == len(l.last) {
		l.grow(s)
	}
	l.last[l.at] = c
	l.at++
}

// Put appends b to the list, in s.
func (l *List) Put(s *Slabs, b []byte) {
	for {
		n := copy(l.last[l.at:], b)
		l.at, b = l.at+n, b[n:]
		if len(b) == 0 {
			return
		}
		l.grow(s)
	}
}

// grow starts the list's next chunk, linked from the last.
func (l *List) grow(s *Slabs) {
	c, chunk := s.chunk(chunkBytes(l.chunks))
	if l.chunks == 0 {
		l.first = c
	} else {
		binary.LittleEndian.PutUint32(l.last[len(l.last):len(l.last)+linkBytes], c)
	}
	l.last, l.at, l.chunks = chunk[:len(chunk)-linkBytes], 0, l.chunks+1
}

// AppendTo appends the list's bytes to dst, from s.
func (l *List) AppendTo(dst []byte, s *Slabs) []byte {
	c := l.first
	for k := range l.chunks {
		chunk := s.at(c, chunkBytes(k))
		if k+1 == l.chunks {
			return append(dst, chunk[:l.at]...)
		}
		dst = append(dst, chunk[:len(chunk)-linkBytes]...)
		c = binary.LittleEndian.Uint32(chunk[len(chunk)-linkBytes:])
	}
	return dst
}
