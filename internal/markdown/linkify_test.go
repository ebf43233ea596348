package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
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
	} {
		f.Add(s)
	}
	quick := goldmark.New(goldmark.WithExtensions(linkify{}))
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
