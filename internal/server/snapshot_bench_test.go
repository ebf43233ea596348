package server

import (
	"fmt"
	"testing"
)

// BenchmarkNextSnapshot publishes an edit of one page of a 12,000-file site.
func BenchmarkNextSnapshot(b *testing.B) {
	files := map[string][]byte{}
	for i := range 12000 {
		files[fmt.Sprintf("book/part-%02d/chapter-%05d/index.html", i%40, i)] = make([]byte, 28000)
	}
	prev, _ := nextSnapshot(&snapshot{}, files)
	n := byte(0)
	for b.Loop() {
		n++
		page := make([]byte, 28000)
		page[0] = n
		files["book/part-00/chapter-00000/index.html"] = page
		prev, _ = nextSnapshot(prev, files)
	}
}
