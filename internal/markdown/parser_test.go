package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"folio/internal/autolink"
)

// TestInlineParsingLinear holds the whole conversion of each case (folio's
// goldmark instance, every extension) linear in what it counts for certain:
// the allocations of a conversion at 8n are at most 8 times (plus a
// margin) those at n.
func TestInlineParsingLinear(t *testing.T) {
	const n = 4 << 10
	conv := New(Options{})
	// The lines that made inline parsing quadratic while the quick linkify
	// test scanned to the next space after every inline node.
	for _, unit := range []string{"[a]", "~~a", "a**b", "漢字とかなの文", "(a", "a@b"} {
		t.Run(unit, func(t *testing.T) {
			allocs := func(size int) float64 {
				src := bytes.Repeat([]byte(unit), (size+len(unit)-1)/len(unit))
				return testing.AllocsPerRun(2, func() {
					if _, err := conv.Convert(src, Env{}); err != nil {
						t.Fatal(err)
					}
				})
			}
			small, large := allocs(n), allocs(8*n)
			t.Logf("%q: %.0f allocations at %d bytes, %.0f at %d (x%.2f)", unit, small, n, large, 8*n, large/small)
			if large > 9*small {
				t.Errorf("8 times the input made %.0f allocations, against %.0f: not linear", large, small)
			}
		})
	}
}

// FuzzUnlinkedParser holds the parser without linkify (Converter.parser) to
// its promise: for a page in which nothing can be autolinked, the whole
// conversion (HTML, the feed's and the editions' renderings, headings,
// summary, lead, problems) is what the parser with linkify gives.
func FuzzUnlinkedParser(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"one two three\nfour  \nfive\\\nsix *seven* (eight) ~~nine~~ _ten_\n\n\tcode\n",
		"- a `b`c d\n- [e](f.md) g ![h](i.png \"j\")\n\n> k\n> l [^1]\n\n[^1]: m n\n",
		"# Title\n\n\"quote\" -- it's <b>bold</b> text <!--more-->\n\n| a | b |\n|---|---|\n| c d | e |\n",
		"## Head  #  \n\n| a  | b   |\n|---|---|\n| c d    | e\t\t|\n\na  \nb  \r\nc\\\n\n[^x]: y  \n  z\n",
	} {
		f.Add([]byte(s))
	}
	gated := New(Options{})
	linked := New(Options{})
	linked.unlinked = linked.md.Parser() // the linkify parser, always
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, p := range []string{"http:", "https:", "ftp:", "www.", "@"} {
			src = bytes.ReplaceAll(src, []byte(p), []byte(p[1:]))
		}
		if autolink.Needed(src) {
			return // the parser with linkify is used
		}
		env := benchEnv("/")
		env.Base = "https://example.org/post/"
		env.Editions = []Env{benchEnv("#"), benchEnv("")}
		env.Editions[0].IDPrefix = "c1--"
		want, errWant := linked.Convert(src, env)
		got, err := gated.Convert(src, env)
		if (err == nil) != (errWant == nil) {
			t.Fatalf("error %v; with linkify %v", err, errWant)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q converts differently without linkify:\n got %+v\nwant %+v", src, got, want)
		}
	})
}
