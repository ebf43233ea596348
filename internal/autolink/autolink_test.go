package autolink

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/util"
)

// FuzzLinkify holds the quick front to its promise: whatever the text,
// goldmark with it renders exactly what goldmark with its own linkify does.
func FuzzLinkify(f *testing.F) {
	for _, s := range []string{
		"plain words, nothing to link.",
		"see https://example.org/path?q=1 and http://a.b",
		"visit www.example.com today, or (www.example.com/x).",
		"write to ann@example.org or *bob@example.co.uk*",
		"ftp://files.example.net/x _https://x.org_ ~www.a.b~",
		"an @ sign alone, a: colon, mail@localhost, a.b@c",
		"http://localhost:8080/ and mailto:x@y.z",
		"line\nhttps://next.line.example\n  www.indented.example",
		"[a link https://inside.example](https://target.example)",
		"trailing dots www.example.com. and x@y.com.",
		"tabs\thttps://tab.example\tand @\tx",
		"~~a~~b@c.de~~ **x**ann@example.org [a]www.x.org (ftp://f.example)",
		strings.Repeat("a", 64) + "@example.org " + strings.Repeat("b", 65) + "@example.org",
		"\"q\"@x.org a(b@c.org a]b@c.org é@x.org a\x7f@x.org",
	} {
		f.Add(s)
	}
	quick := goldmark.New(goldmark.WithExtensions(Extension{}))
	plain := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	f.Fuzz(func(t *testing.T, src string) {
		var got, want bytes.Buffer
		if err := quick.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if err := plain.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("input %q:\nquick linkify: %s\ngoldmark:      %s", src, got.String(), want.String())
		}
	})
}

// linearityCases are the lines that made inline parsing quadratic while the
// quick test scanned to the next space after every inline node: each is one
// line of its unit repeated, with no space in it.
var linearityCases = []struct{ name, unit string }{
	{"links", "[a]"},
	{"strikethrough", "~~a"},
	{"emphasis", "a**b"},
	{"cjk", "漢字とかなの文"},
	{"parentheses", "(a"},
	{"at signs", "a@b"},
}

// TestLinkifyLinear counts the bytes the quick test looks at while
// converting each case at n and at 8n bytes: a byte of input at 8n must
// cost at most 10% more than one at n, and never more than the test's bound.
// The scan to the next space it replaces looked at 8 times as much per byte
// at 8n (64 times as much in all): quadratic.
func TestLinkifyLinear(t *testing.T) {
	const n = 4 << 10
	for _, c := range linearityCases {
		t.Run(c.name, func(t *testing.T) {
			small, smallLen := linkifyWork(t, c.unit, n)
			large, largeLen := linkifyWork(t, c.unit, 8*n)
			t.Logf("%q: %d bytes of input, %d scanned; %d bytes, %d scanned (x%.2f)",
				c.unit, smallLen, small, largeLen, large, float64(large)/float64(small))
			perByte := func(scanned, length int) float64 { return float64(scanned) / float64(length) }
			if perByte(large, largeLen) > 1.1*perByte(small, smallLen) {
				t.Errorf("8 times the input cost %d bytes scanned, against %d: not linear", large, small)
			}
			if large > largeLen*(maxEmailLocal+1) {
				t.Errorf("%d bytes scanned for %d bytes of input: more than the bound of %d per byte", large, largeLen, maxEmailLocal+1)
			}
		})
	}
}

// linkifyWork converts one line of unit repeated to at least size bytes and
// returns the bytes the quick test looked at, and the line's length.
func linkifyWork(t *testing.T, unit string, size int) (scanned, length int) {
	t.Helper()
	src := bytes.Repeat([]byte(unit), (size+len(unit)-1)/len(unit))
	md := goldmark.New(goldmark.WithExtensions(extension.Strikethrough, Extension{scanned: &scanned}))
	if err := md.Convert(src, io.Discard); err != nil {
		t.Fatal(err)
	}
	return scanned, len(src)
}

// TestLocalPartMatchesGoldmark holds the quick test's table of the bytes an
// e-mail address may start with to what goldmark's own parser accepts there.
func TestLocalPartMatchesGoldmark(t *testing.T) {
	for c := range 256 {
		addr := []byte{byte(c), '@', 'e', 'x', '.', 'o', 'r', 'g'}
		if want := util.FindEmailIndex(addr) > 0; isLocalPart(byte(c)) != want {
			t.Errorf("isLocalPart(%q) = %v, goldmark finds an address in %q: %v", byte(c), !want, addr, want)
		}
	}
}

// TestMayAutolink holds the quick look over a page to every start of an
// autolink it must see, wherever it stands, and Needed to the line ends
// goldmark splits differently with the linkify parser.
func TestMayAutolink(t *testing.T) {
	for _, s := range []string{"x http://a", "https://a", "ftp:", "see www.", "a@b", "a:b http:", "::ftp:", "a. b..www.x"} {
		if !mayAutolink([]byte(s)) {
			t.Errorf("mayAutolink(%q) = false", s)
		}
	}
	for _, s := range []string{"", "Note: plain", "htt:p", "ww.w", "ftps", ":http", "https"} {
		if mayAutolink([]byte(s)) {
			t.Errorf("mayAutolink(%q) = true", s)
		}
	}
	for _, s := range []string{"a  \nb", "a   \nb", "a \t\n", "a    ", "x@y"} {
		if want := s != "a  \nb"; Needed([]byte(s)) != want {
			t.Errorf("Needed(%q) = %v", s, !want)
		}
	}
}
