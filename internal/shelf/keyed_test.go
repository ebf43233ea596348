package shelf

import (
	"fmt"
	"sync"
	"testing"
)

// TestKeyed puts items under keys from several goroutines and takes each
// back once.
func TestKeyed(t *testing.T) {
	k := NewKeyed[int](New("folio-shelf-test-*"))
	defer k.Close()
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() { k.Put(i, fmt.Appendf(nil, "item %d", i)) })
	}
	wg.Wait()
	for i := range 32 {
		p, ok, err := k.Take(i)
		if !ok || err != nil || string(p) != fmt.Sprintf("item %d", i) {
			t.Errorf("take %d gives %q, %v, %v", i, p, ok, err)
		}
		if _, ok, _ := k.Take(i); ok {
			t.Errorf("item %d taken twice", i)
		}
	}
}

// TestKeyedClosed: an item taken after Close gives an error, not
// nothing, and a Put after it is kept in memory.
func TestKeyedClosed(t *testing.T) {
	k := NewKeyed[string](New("folio-shelf-test-*"))
	k.Put("a", []byte("first"))
	k.Close()
	if _, ok, err := k.Take("a"); !ok || err == nil {
		t.Errorf("take after the shelf closed gives %v, %v", ok, err)
	}
	k.Put("b", []byte("second"))
	if p, ok, err := k.Take("b"); !ok || err != nil || string(p) != "second" {
		t.Errorf("take after close gives %q, %v, %v", p, ok, err)
	}
	var none *Keyed[string]
	none.Close()
}

// TestKeyedPutCopy: an item PutCopy put is its own whatever the caller
// does with the bytes after, on the file or, the shelf closed, in memory.
func TestKeyedPutCopy(t *testing.T) {
	k := NewKeyed[string](New("folio-shelf-test-*"))
	buf := []byte("first")
	k.PutCopy("a", buf)
	copy(buf, "FIRST")
	k.Close()
	k.PutCopy("b", buf)
	copy(buf, "fresh")
	if p, ok, err := k.Take("b"); !ok || err != nil || string(p) != "FIRST" {
		t.Errorf("take from memory gives %q, %v, %v; want \"FIRST\"", p, ok, err)
	}
	k2 := NewKeyed[string](New("folio-shelf-test-*"))
	defer k2.Close()
	k2.PutCopy("a", buf)
	copy(buf, "again")
	if p, ok, err := k2.Take("a"); !ok || err != nil || string(p) != "fresh" {
		t.Errorf("take from the file gives %q, %v, %v; want \"fresh\"", p, ok, err)
	}
}

// TestKeyedAppend: Append reads an item after what dst holds and keeps
// it; a key without one leaves dst as it was.
func TestKeyedAppend(t *testing.T) {
	k := NewKeyed[string](New("folio-shelf-test-*"))
	defer k.Close()
	k.Put("a", []byte("first"))
	for range 2 {
		if p, ok, err := k.Append([]byte("> "), "a"); !ok || err != nil || string(p) != "> first" {
			t.Errorf("append gives %q, %v, %v; want \"> first\"", p, ok, err)
		}
	}
	if p, ok, err := k.Append([]byte("> "), "b"); ok || err != nil || string(p) != "> " {
		t.Errorf("append of nothing gives %q, %v, %v", p, ok, err)
	}
}
