package editions

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestShelf puts renderings on the shelf from several goroutines, as the
// page stage's workers do, and takes each back as it was, from the file.
func TestShelf(t *testing.T) {
	s := newShelf()
	defer s.close()
	if s.f == nil {
		t.Fatal("no temporary file for the shelf")
	}
	const n = 64
	refs := make([]shelved, n)
	html := func(i int) string {
		return strings.Repeat(fmt.Sprintf("<p>Chapter %d: coaching &amp; practice.</p>\n", i), 50*i)
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { refs[i] = s.put([]byte(html(i))) })
	}
	wg.Wait()
	for i, r := range refs {
		if r.mem != nil {
			t.Errorf("rendering %d stayed in memory", i)
		}
		p, err := s.take(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.string(); got != html(i) {
			t.Errorf("rendering %d comes back as %d bytes that differ from its %d", i, len(got), len(html(i)))
		}
	}
	s.close()
	if _, err := s.take(refs[1]); err == nil {
		t.Error("a rendering taken after close gives no error")
	}
}

// TestShelfWithoutFile keeps the renderings in memory when there is no
// file, as when no temporary file can be made.
func TestShelfWithoutFile(t *testing.T) {
	s := &shelf{}
	r := s.put([]byte("<p>x</p>"))
	if r.mem == nil {
		t.Fatal("a rendering without a file is not kept in memory")
	}
	p, err := s.take(r)
	if err != nil || p.string() != "<p>x</p>" {
		t.Errorf("take gives %q, %v", p.string(), err)
	}
	s.close()
}

// TestShelfTempDirMissing: a $TMPDIR that does not exist leaves the shelf
// in memory rather than failing the build.
func TestShelfTempDirMissing(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()+"/missing")
	s := newShelf()
	defer s.close()
	if s.f != nil {
		t.Fatal("a shelf file in a folder that does not exist")
	}
	if p, err := s.take(s.put([]byte("<p>y</p>"))); err != nil || p.string() != "<p>y</p>" {
		t.Errorf("take gives %q, %v", p.string(), err)
	}
}
