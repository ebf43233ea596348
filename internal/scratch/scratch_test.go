package scratch

import "testing"

func TestPutKeepsBuffersWithinTheBound(t *testing.T) {
	b := New(64)
	small := b.Get()
	*small = append(*small, "a small buffer"...)
	b.Put(small)
	if got := b.Get(); len(*got) != 0 {
		t.Fatalf("Get returned a buffer of length %d, want 0", len(*got))
	}
	large := b.Get()
	*large = make([]byte, 0, 65)
	b.Put(large)
	for range 10 {
		if got := b.Get(); cap(*got) > 64 {
			t.Fatalf("Get returned a buffer of capacity %d, over the bound of 64", cap(*got))
		}
	}
}
