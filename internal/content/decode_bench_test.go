package content

import (
	"strings"
	"testing"
)

// BenchmarkDecodePage decodes a post of the size and front matter of
// cmd/corpus's (about 1,100 words): what loading costs per page, before
// linking.
func BenchmarkDecodePage(b *testing.B) {
	src := []byte("---\ntitle: \"Coaching Behaviors: Partnership\"\ndate: 2024-03-05\nseries: [Coaching Behaviors]\ntags: [coaching, teams]\n" +
		"photo:\n  src: img/photo-01.jpg\n  alt: A table by a window\n  credit: Tom Crew\n---\n\n" +
		strings.Repeat("A coach listens first, then asks what the team wants to try next. ", 100))
	b.ReportAllocs()
	for b.Loop() {
		if _, probs := decodePage("blog/post.md", src); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}
