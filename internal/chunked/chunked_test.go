package chunked

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestListsAreTheirBytes writes lists side by side, a few bytes at a time
// and in runs longer than a chunk, past a slab's end, and reads each back
// as the bytes written.
func TestListsAreTheirBytes(t *testing.T) {
	cases := []struct {
		name   string
		lists  int
		writes int
		most   int // bytes a write
	}{
		{"empty", 3, 0, 1},
		{"one byte", 1, 1, 1},
		{"short lists", 50, 200, 3},
		{"long lists", 4, 3000, 9},
		{"runs longer than a chunk", 5, 200, 3 * maxChunk},
		{"many slabs", 300, 20000, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(c.lists)))
			var s Slabs
			lists := make([]List, c.lists)
			want := make([][]byte, c.lists)
			for range c.writes {
				i := r.IntN(c.lists)
				b := make([]byte, 1+r.IntN(c.most))
				for j := range b {
					b[j] = byte(r.Uint32())
				}
				if len(b) == 1 {
					lists[i].PutByte(&s, b[0])
				} else {
					lists[i].Put(&s, b)
				}
				want[i] = append(want[i], b...)
			}
			for i := range lists {
				if lists[i].Len() != len(want[i]) {
					t.Errorf("list %d: Len %d, want %d", i, lists[i].Len(), len(want[i]))
				}
				if got := lists[i].AppendTo([]byte("x"), &s); !bytes.Equal(got[1:], want[i]) || got[0] != 'x' {
					t.Errorf("list %d: got %d bytes, want %d", i, len(got)-1, len(want[i]))
				}
			}
		})
	}
}
