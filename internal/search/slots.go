package search

import "encoding/binary"

// slotTable maps the words an analyzer has met to their slots (numbered
// 0, 1, … in the order met): open addressing over a table whose entries
// hold a word's first eight bytes and its length, so that most words
// (eight bytes or less, and words hold no NUL) are found without reading
// them anywhere else; longer ones are compared with their bytes in an
// arena. Measured in the 1,000-page build, a map[string]int32 was half
// the cost of analysing a page's words (each probe read the key's string
// from elsewhere in the heap), and hashing a word with hash/maphash a
// third of this table's.
type slotTable struct {
	entries []slotEntry // a power of two long, at most half full
	arena   []byte      // the words longer than eight bytes
	used    int
}

type slotEntry struct {
	head  uint64 // the first eight bytes, zero-padded
	hash  uint32
	n     uint32 // the word's length
	at    uint32 // where the word starts in the arena, if longer than eight bytes
	slot1 int32  // the slot + 1; 0 for an empty entry
}

// find returns the slot of w, or adds w as slot next and returns next.
func (t *slotTable) find(w []byte, next int32) int32 {
	if len(t.entries) == 0 {
		t.entries = make([]slotEntry, 1024)
	}
	head := wordHead(w)
	h := uint64(len(w)) ^ head*0x9e3779b97f4a7c15
	if len(w) > 8 {
		for rest := w[8:]; len(rest) > 0; rest = rest[min(8, len(rest)):] {
			h = (h ^ wordHead(rest)) * 0x9e3779b97f4a7c15
		}
	}
	hash := uint32(h >> 32)
	mask := uint32(len(t.entries) - 1)
	for i := hash & mask; ; i = (i + 1) & mask {
		e := &t.entries[i]
		if e.slot1 == 0 {
			*e = slotEntry{head: head, hash: hash, n: uint32(len(w)), slot1: next + 1}
			if len(w) > 8 {
				e.at = uint32(len(t.arena))
				t.arena = append(t.arena, w...)
			}
			if t.used++; 2*t.used > len(t.entries) {
				t.grow()
			}
			return next
		}
		if e.hash == hash && e.head == head && int(e.n) == len(w) &&
			(len(w) <= 8 || string(t.arena[e.at:e.at+e.n]) == string(w)) {
			return e.slot1 - 1
		}
	}
}

// wordHead is the first eight bytes of w, zero-padded.
func wordHead(w []byte) uint64 {
	if len(w) >= 8 {
		return binary.LittleEndian.Uint64(w)
	}
	if cap(w) >= 8 {
		return binary.LittleEndian.Uint64(w[:8]) & (1<<(8*len(w)) - 1)
	}
	var b [8]byte
	copy(b[:], w)
	return binary.LittleEndian.Uint64(b[:])
}

// grow doubles the table.
func (t *slotTable) grow() {
	old := t.entries
	t.entries = make([]slotEntry, 2*len(old))
	mask := uint32(len(t.entries) - 1)
	for _, e := range old {
		if e.slot1 == 0 {
			continue
		}
		i := e.hash & mask
		for t.entries[i].slot1 != 0 {
			i = (i + 1) & mask
		}
		t.entries[i] = e
	}
}
