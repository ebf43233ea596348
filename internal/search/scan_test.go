package search

import (
	"slices"
	"strings"
	"testing"
)

// wordFunc is a function as the scanner's sink.
type wordFunc func(w []byte)

func (f wordFunc) word(w []byte) { f(w) }

// FuzzScanner holds the scanner to Tokens(Normalize(text)), the words the
// client finds in the same text.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		"Coaching Behaviors: Partnership", "don't stop—the author’s note, 2024-05", "'quoted' words''",
		"élan vital", "日本語のテキスト", "CJK中文mixed", "a’’b it’s’ ’s x'", "ﬁnal ＦＵＬＬ “quoted” … ½ ™",
		"Straße ΟΔΟΣ İstanbul हिन्दी", "e\u0301 <\u0338 a\u00a0b", "x'y'z a''b '",
		"note↩\ufe0e ab\ufe0ecd →\u0338 ←\u0301x →\u093fx a·b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var want, got []string
		Tokens(Normalize(text), func(w string, _ bool) { want = append(want, w) })
		scanWords(&scanner{}, []byte(text), wordFunc(func(w []byte) { got = append(got, string(w)) }))
		if !slices.Equal(got, want) {
			t.Errorf("%q: scanner %q, Tokens(Normalize) %q", text, got, want)
		}
	})
}

// BenchmarkScanWords is the scanner alone over a section's worth of
// English text, as the cutter gives it (the words counted, nothing else).
func BenchmarkScanWords(b *testing.B) {
	para := "The coaching relationship is a partnership: the coach’s questions help a client see what they already know, and 2024's results were better than 2023's. " +
		"Behaviors change slowly — Intention, Deadline and Signal matter more than any single tool.\n"
	text := []byte(strings.Repeat(para, 40))
	buf := make([]byte, len(text))
	words := 0
	count := wordFunc(func([]byte) { words++ })
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		copy(buf, text)
		scanWords(&scanner{}, buf, count)
	}
}
