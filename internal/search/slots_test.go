package search

import (
	"fmt"
	"testing"
)

// TestSlotTable checks that the table gives each word one slot, words of
// eight bytes and less, longer words sharing their first eight, and words
// read beyond their length in a larger buffer alike, through growing.
func TestSlotTable(t *testing.T) {
	var words []string
	for i := range 3000 {
		words = append(words, fmt.Sprint(i), fmt.Sprintf("abcdefgh%d", i), fmt.Sprintf("w%dé", i))
	}
	words = append(words, "abcdefgh", "abcdefg", "a", "ab", "日本語のテキスト")
	var tab slotTable
	want := map[string]int32{}
	for round := range 2 {
		for _, w := range words {
			buf := append([]byte(w), "zzzzzzzz"...) // bytes beyond the word
			k := tab.find(buf[:len(w)], int32(len(want)))
			if round == 0 {
				if _, ok := want[w]; !ok {
					want[w] = k
				}
			}
			if k != want[w] {
				t.Fatalf("round %d: %q got slot %d, want %d", round, w, k, want[w])
			}
		}
	}
	if len(want) != len(words) {
		t.Errorf("%d slots for %d words", len(want), len(words))
	}
}
