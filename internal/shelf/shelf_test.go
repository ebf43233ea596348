package shelf

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestShelf puts renderings on the shelf from several goroutines, as the
// page stage's workers do, and takes each back as it was, from the file.
func TestShelf(t *testing.T) {
	s := New("folio-shelf-test-*")
	defer s.Close()
	if s.f == nil {
		t.Fatal("no temporary file for the shelf")
	}
	const n = 64
	refs := make([]Item, n)
	html := func(i int) string {
		return strings.Repeat(fmt.Sprintf("<p>Chapter %d: coaching &amp; practice.</p>\n", i), 50*(i+1))
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { refs[i] = s.Put([]byte(html(i))) })
	}
	wg.Wait()
	for i, r := range refs {
		if r.n == 0 {
			t.Errorf("rendering %d stayed in memory", i)
		}
		p, err := s.Take(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(p); got != html(i) {
			t.Errorf("rendering %d comes back as %d bytes that differ from its %d", i, len(got), len(html(i)))
		}
	}
	s.Close()
	if _, err := s.Take(refs[1]); err == nil {
		t.Error("a rendering taken after close gives no error")
	}
}

// TestShelfWithoutFile keeps the renderings in memory when there is no
// file, as when no temporary file can be made, or no shelf.
func TestShelfWithoutFile(t *testing.T) {
	s := &Shelf{}
	r := s.Put([]byte("<p>x</p>"))
	if r.n != 0 {
		t.Fatal("a rendering without a file is not kept in memory")
	}
	p, err := s.Take(r)
	if err != nil || string(p) != "<p>x</p>" {
		t.Errorf("take gives %q, %v", string(p), err)
	}
	s.Close()
	var none *Shelf
	if p, err := none.Take(none.Put([]byte("<p>z</p>"))); err != nil || string(p) != "<p>z</p>" {
		t.Errorf("take from no shelf gives %q, %v", p, err)
	}
	none.Close()
}

// TestShelfTempDirMissing: a $TMPDIR that does not exist leaves the shelf
// in memory rather than failing the build.
func TestShelfTempDirMissing(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()+"/missing")
	s := New("folio-shelf-test-*")
	defer s.Close()
	if s.f != nil {
		t.Fatal("a shelf file in a folder that does not exist")
	}
	if p, err := s.Take(s.Put([]byte("<p>y</p>"))); err != nil || string(p) != "<p>y</p>" {
		t.Errorf("take gives %q, %v", string(p), err)
	}
}

// TestShelfReadAt reads parts of an item, from the file and from memory,
// and reports a part outside the item and a read after close.
func TestShelfReadAt(t *testing.T) {
	data := []byte("page one|page two|page three")
	cases := []struct {
		name      string
		shelf     *Shelf
		off, n    int
		want, err string
	}{
		{"file", New("folio-shelf-test-*"), 9, 8, "page two", ""},
		{"file, whole", New("folio-shelf-test-*"), 0, len(data), string(data), ""},
		{"memory", &Shelf{}, 18, 10, "page three", ""},
		{"no shelf", nil, 0, 8, "page one", ""},
		{"past the end", New("folio-shelf-test-*"), 20, 10, "", "read bytes 20 to 30"},
		{"closed", New("folio-shelf-test-*"), 0, 4, "", "after the build closed it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer c.shelf.Close()
			it := c.shelf.Put(data)
			if c.name == "closed" {
				c.shelf.Close()
			}
			p := make([]byte, c.n)
			err := c.shelf.ReadAt(it, p, c.off)
			switch {
			case c.err == "" && err != nil:
				t.Fatal(err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Fatalf("error %v, want one saying %q", err, c.err)
			case c.err == "" && string(p) != c.want:
				t.Errorf("read %q, want %q", p, c.want)
			}
		})
	}
}

// TestShelfPutCopy: what PutCopy put is the item's, from the file or, kept
// in memory, as a copy, whatever the caller does with its bytes after.
func TestShelfPutCopy(t *testing.T) {
	for _, s := range []*Shelf{New("folio-shelf-test-*"), {}, nil} {
		p := []byte("batch one")
		it := s.PutCopy(p)
		copy(p, "BATCH TWO")
		got, err := s.Take(it)
		if err != nil || string(got) != "batch one" {
			t.Errorf("file %v: took %q, %v; want \"batch one\"", s != nil && s.f != nil, got, err)
		}
		s.Close()
	}
}

// TestShelfAppend: Append puts an item after what dst holds, from the
// file or from memory, a copy either way (the caller recycles dst), and
// leaves dst as it was when the item cannot be read.
func TestShelfAppend(t *testing.T) {
	for _, s := range []*Shelf{New("folio-shelf-test-*"), {}, nil} {
		it := s.Put([]byte("the item"))
		got, err := s.Append([]byte("before: "), it)
		if err != nil || string(got) != "before: the item" {
			t.Errorf("file %v: appended %q, %v; want \"before: the item\"", s != nil && s.f != nil, got, err)
		}
		got[len(got)-1] = 'X'
		if again, _ := s.Take(it); string(again) != "the item" {
			t.Errorf("file %v: after the appended copy changed, the item is %q", s != nil && s.f != nil, again)
		}
		s.Close()
	}
	s := New("folio-shelf-test-*")
	it := s.Put([]byte("the item"))
	s.Close()
	got, err := s.Append([]byte("before"), it)
	if err == nil || string(got) != "before" {
		t.Errorf("Append after Close: %q, %v; want \"before\" and an error", got, err)
	}
}

// TestShelfBatches puts small items from several goroutines, as loading
// shelves pages' Markdown: each reads back whole whether its batch is
// still in memory or written, and the file holds every batch written.
func TestShelfBatches(t *testing.T) {
	s := New("folio-shelf-test-*")
	defer s.Close()
	text := func(i int) string { return strings.Repeat(fmt.Sprintf("line %d of a page\n", i), i%40+1) }
	const n = 400
	refs := make([]Item, n)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < n; i += 4 {
				refs[i] = s.Put([]byte(text(i)))
				if p, err := s.Take(refs[i]); err != nil || string(p) != text(i) {
					t.Errorf("item %d read back at once: %d bytes, %v", i, len(p), err)
				}
			}
		})
	}
	wg.Wait()
	if len(s.batch) == 0 || len(s.batch) > batchSize {
		t.Errorf("the last batch holds %d bytes, want some, at most %d", len(s.batch), batchSize)
	}
	fi, err := s.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != s.batchAt {
		t.Errorf("the file holds %d bytes, want the %d before the last batch", fi.Size(), s.batchAt)
	}
	for i, r := range refs {
		if p, err := s.Take(r); err != nil || string(p) != text(i) {
			t.Errorf("item %d read back: %d bytes, %v", i, len(p), err)
		}
	}
}

// TestShelfBatchNotWritten: a batch the file does not take (a full disk)
// stays in memory, and its items read back from there.
func TestShelfBatchNotWritten(t *testing.T) {
	s := New("folio-shelf-test-*")
	defer s.Close()
	small := []byte("a small item")
	first := s.Put(small)
	name := t.TempDir() + "/full"
	if err := os.WriteFile(name, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	s.f.Close()
	s.f = readOnly // writes now fail
	large := []byte(strings.Repeat("x", batchSize))
	second := s.Put(large) // writes the batch holding first, which fails
	if second.n != 0 || len(s.kept) != 1 {
		t.Fatalf("a large item the file refused: n %d, %d batches kept, want in memory and 1", second.n, len(s.kept))
	}
	for _, c := range []struct {
		it   Item
		want []byte
	}{{first, small}, {second, large}} {
		if p, err := s.Take(c.it); err != nil || string(p) != string(c.want) {
			t.Errorf("read back %d bytes, %v; want %d", len(p), err, len(c.want))
		}
	}
}
