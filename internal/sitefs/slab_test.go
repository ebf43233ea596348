package sitefs

import "testing"

// TestSlab holds Slab to its size: new, zeroed memory of exactly n bytes,
// whether or not it was large enough to be advised.
func TestSlab(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 2 * hugePage, 5*hugePage + 123} {
		b := Slab(n)
		if len(b) != n {
			t.Fatalf("Slab(%d) has %d bytes", n, len(b))
		}
		for i := 0; i < n; i += 4093 {
			if b[i] != 0 {
				t.Fatalf("Slab(%d)[%d] = %d", n, i, b[i])
			}
			b[i] = 1
		}
	}
}
