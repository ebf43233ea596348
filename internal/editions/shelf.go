package editions

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// shelf holds a clean build's kept renderings (Kept), packed, in a
// temporary file from the page stage, which makes them, to the end
// stages, which take them: in memory they were the largest thing the
// page stage kept but for the search analyses (1,000 pages: 3.1 MB of the
// 20 MB live at the stage's end), and the heap grows to twice what is
// live. Writing and reading them back is a few hundred calls into the
// operating system's file cache, which does not count against the
// process. Should no temporary file be made, or one fail to take a
// rendering (a full disk), renderings stay in memory as before.
type shelf struct {
	mu   sync.Mutex
	f    *os.File
	name string // set when the file could not be removed while open (Windows)
	end  int64
}

// shelved is one rendering on the shelf: where in the file, or in memory.
type shelved struct {
	off int64
	n   int
	mem packed
}

// newShelf makes the file, in the directory of temporary files ($TMPDIR),
// removed at once where the system allows, so that it goes with the
// process however that ends.
func newShelf() *shelf {
	s := &shelf{}
	f, err := os.CreateTemp("", "folio-editions-*")
	if err != nil {
		return s
	}
	s.f = f
	if os.Remove(f.Name()) != nil {
		s.name = f.Name()
	}
	return s
}

// put packs html and shelves it.
func (s *shelf) put(html []byte) shelved {
	p := pack(html)
	s.mu.Lock()
	f, off := s.f, s.end
	s.end += int64(len(p))
	s.mu.Unlock()
	if f == nil {
		return shelved{mem: p}
	}
	if _, err := f.WriteAt(p, off); err != nil {
		return shelved{mem: p}
	}
	return shelved{off: off, n: len(p)}
}

// take reads a rendering back and unpacks it.
func (s *shelf) take(r shelved) (packed, error) {
	if r.n == 0 {
		return r.mem, nil
	}
	s.mu.Lock()
	f := s.f
	s.mu.Unlock()
	if f == nil {
		return nil, fmt.Errorf("the kept renderings were taken after the build closed them")
	}
	p := make(packed, r.n)
	if n, err := f.ReadAt(p, r.off); n < len(p) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read the kept renderings back from %s: %w", f.Name(), err)
	}
	return p, nil
}

// close closes and removes the file; nothing can be taken after it.
func (s *shelf) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return
	}
	s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	s.f = nil
}
