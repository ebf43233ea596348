// Package shelf owns a clean build's shelf: bytes made in one stage and
// read back in a later one (the pages' Markdown, an edition's renderings,
// the search analyses), parked in a temporary file rather than on the
// heap.
//
// A build runs under a memory limit (package membudget), and the
// collector runs the more often the more the heap holds: what the page
// stage keeps for the end stages counts against the limit all through it.
// Writing it out and reading it back is a few hundred calls into the
// operating system's file cache, which does not count against the
// process. Small items are gathered and written in batches of 32 KiB
// (batchSize). Should no temporary file be made, or one fail to take what
// it is given (a full disk), the shelf keeps it in memory instead. Callers
// choose whether to pack what they put (S2): the renderings and analyses
// are packed, the Markdown is not (packing cost more than it saved). The
// package imports no other folio package.
package shelf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
)

// Shelf is a temporary file that bytes are put on and taken back from,
// safe for concurrent use. A nil Shelf keeps everything in memory.
type Shelf struct {
	mu   sync.Mutex
	f    *os.File
	name string // set when the file could not be removed while open (Windows)
	end  int64
	// batch holds the items put last, from batchAt in the file, until
	// it is written as one; batches that could not be written stay in
	// kept, read from there.
	batch   []byte
	batchAt int64
	kept    []keptBatch
}

// batchSize is how many bytes of small items the shelf gathers before it
// writes them with one call: a build shelves each page's Markdown and
// renderings as it goes, and a call per item was a thousand calls into
// the kernel at 1,000 pages. An item at least this large is written
// alone.
const batchSize = 32 << 10

// keptBatch is a batch the file did not take, kept in memory.
type keptBatch struct {
	at   int64
	data []byte
}

// Item is what was put on the shelf: where in the file, or in memory.
type Item struct {
	off int64
	n   int
	mem []byte
}

// New makes the file, named by pattern (os.CreateTemp), in the directory
// of temporary files ($TMPDIR), removed at once where the system allows,
// so that it goes with the process however that ends.
func New(pattern string) *Shelf {
	s := &Shelf{}
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return s
	}
	s.f = f
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s
}

// Put shelves p, which the caller no longer changes: kept in memory, p
// itself is the item's.
func (s *Shelf) Put(p []byte) Item {
	if s == nil || len(p) == 0 {
		return Item{mem: p}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return Item{mem: p}
	}
	if len(s.batch)+len(p) > batchSize {
		s.flush()
	}
	off := s.end
	s.end += int64(len(p))
	if len(p) >= batchSize {
		if _, err := s.f.WriteAt(p, off); err != nil {
			return Item{mem: p}
		}
		return Item{off: off, n: len(p)}
	}
	if len(s.batch) == 0 {
		s.batchAt = off
		if s.batch == nil {
			s.batch = make([]byte, 0, batchSize)
		}
	}
	s.batch = append(s.batch, p...)
	return Item{off: off, n: len(p)}
}

// flush writes the batch; should the file not take it, the batch stays
// in memory, where its items are read from. s.mu is held.
func (s *Shelf) flush() {
	if len(s.batch) == 0 {
		return
	}
	if _, err := s.f.WriteAt(s.batch, s.batchAt); err != nil {
		s.kept = append(s.kept, keptBatch{at: s.batchAt, data: s.batch})
		s.batch = nil
		return
	}
	s.batch = s.batch[:0]
}

// inMemory copies what p asks for of the file from off into p when it is
// in the batch or a kept batch, and reports whether it was. s.mu is held.
func (s *Shelf) inMemory(p []byte, off int64) bool {
	if len(s.batch) > 0 && off >= s.batchAt && off+int64(len(p)) <= s.batchAt+int64(len(s.batch)) {
		copy(p, s.batch[off-s.batchAt:])
		return true
	}
	for _, k := range s.kept {
		if off >= k.at && off+int64(len(p)) <= k.at+int64(len(k.data)) {
			copy(p, k.data[off-k.at:])
			return true
		}
	}
	return false
}

// PutCopy is Put for bytes the caller reuses once it returns: kept in
// memory, the item is a copy of p.
func (s *Shelf) PutCopy(p []byte) Item {
	it := s.Put(p)
	if it.n == 0 && len(p) > 0 {
		it.mem = bytes.Clone(p)
	}
	return it
}

// Take reads an item back.
func (s *Shelf) Take(it Item) ([]byte, error) {
	if it.n == 0 {
		return it.mem, nil
	}
	return s.Append(nil, it)
}

// Append reads an item back onto the end of dst, which it grows if need
// be (a caller's recycled buffer, package scratch), and returns the
// result: a copy even of an item kept in memory.
func (s *Shelf) Append(dst []byte, it Item) ([]byte, error) {
	if it.n == 0 {
		return append(dst, it.mem...), nil
	}
	start := len(dst)
	dst = slices.Grow(dst, it.n)[:start+it.n]
	if err := s.ReadAt(it, dst[start:], 0); err != nil {
		return dst[:start], err
	}
	return dst, nil
}

// ReadAt reads len(p) bytes of item it, from off in it, into p: a part
// of an item put whole, into the caller's buffer (package shelved puts
// many pages' analyses as one item and reads them back one at a time).
func (s *Shelf) ReadAt(it Item, p []byte, off int) error {
	if off < 0 || off+len(p) > max(it.n, len(it.mem)) {
		return fmt.Errorf("read bytes %d to %d of a shelf's item of %d", off, off+len(p), max(it.n, len(it.mem)))
	}
	if it.n == 0 {
		copy(p, it.mem[off:])
		return nil
	}
	s.mu.Lock()
	f := s.f
	if f != nil && s.inMemory(p, it.off+int64(off)) {
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	if f == nil {
		return fmt.Errorf("the shelf's items were taken after the build closed it")
	}
	if n, err := f.ReadAt(p, it.off+int64(off)); n < len(p) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("read the shelf's items back from %s: %w", f.Name(), err)
	}
	return nil
}

// Close closes and removes the file; nothing on it can be taken after.
func (s *Shelf) Close() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return
	}
	s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	s.f, s.batch, s.kept = nil, nil, nil
}
