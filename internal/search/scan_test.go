package search

import (
	"encoding/binary"
	"math/rand/v2"
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
// English text, as the cutter gives it (the words counted, nothing else):
// the words of a paragraph in an order drawn at random, for a paragraph
// repeated let the processor learn where its words end, and the scanner's
// branches were predicted as they are not in a build.
func BenchmarkScanWords(b *testing.B) {
	para := strings.Fields("The coaching relationship is a partnership: the coach’s questions help a client see what they already know, and 2024's results were better than 2023's. " +
		"Behaviors change slowly — Intention, Deadline and Signal matter more than any single tool.\n")
	r := rand.New(rand.NewPCG(1, 2))
	var text []byte
	for range 40 * len(para) {
		text = append(append(text, para[r.IntN(len(para))]...), " \n"[r.IntN(2)])
	}
	buf := make([]byte, len(text))
	words := 0
	count := wordFunc(func([]byte) { words++ })
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		copy(buf, text)
		scanWords(&scanner{}, buf, count)
	}
}

// TestWordBytes holds wordBytes to lowerWord (a byte of a word maps to
// itself or to its lower case): each byte value at each place of eight,
// after letters and digits, and before bytes of every kind, which must
// change neither the run nor the letters to lower-case.
func TestWordBytes(t *testing.T) {
	for at := range 8 {
		for c := range 256 {
			for _, around := range []byte{'a', 'Q', '9', ' ', 0x80, 0xff} {
				var b [8]byte
				for i := range b {
					b[i] = "qZ3"[i%3]
					if i > at {
						b[i] = around
					}
				}
				b[at] = byte(c)
				run, upper := 8, uint64(0)
				for i, x := range b {
					if l := lowerWord[x]; l >= separator-1 || l == nonASCII {
						run = i
						break
					}
					if x >= 'A' && x <= 'Z' {
						upper |= 0x80 << (8 * i)
					}
				}
				gotRun, gotUpper := wordBytes(binary.LittleEndian.Uint64(b[:]))
				if gotRun != run || gotUpper != upper {
					t.Errorf("%q: wordBytes = %d, %#x; want %d, %#x", b, gotRun, gotUpper, run, upper)
				}
			}
		}
	}
}
