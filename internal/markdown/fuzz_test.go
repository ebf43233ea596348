package markdown

import (
	"errors"
	"strings"
	"testing"
)

// FuzzConvert converts arbitrary Markdown with every hook of Env in use.
// Conversion never panics, and every line it reports (to the hooks and in
// problems) is a line of the file: at least the body's first line.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"# Title {#top}\n\nText with [a link](other.md#part) and [in page](#top).\n",
		"![A chair](chair.jpg \"The empty chair\")\n\n<!--more-->\n\nMore.\n",
		"| a | b |\n|---|---|\n| [x](broken.md) | ![y](broken.png) |\n\n[^1]: A note.\n",
		"> quote\n>\n> - [list](../up.md)\n\n```go\ncode\n```\n<div>raw</div>\n",
	} {
		f.Add([]byte(seed), true)
	}
	c := New(Options{})
	unsafe := New(Options{UnsafeHTML: true})
	const first = 4
	f.Fuzz(func(t *testing.T, src []byte, raw bool) {
		checkLine := func(what string, line int) {
			if line < first {
				t.Errorf("%s reported on line %d, before the body's first line %d", what, line, first)
			}
		}
		env := Env{
			FirstLine: first,
			IDPrefix:  "c1-",
			Base:      "https://example.org/book/ch/",
			Link: func(dest string, line int) (string, error) {
				checkLine("link "+dest, line)
				if strings.Contains(dest, "broken") {
					return "", errors.New("broken link")
				}
				return "/page/", nil
			},
			Image: func(src string, line int) (Image, error) {
				checkLine("image "+src, line)
				if strings.Contains(src, "broken") {
					return Image{}, errors.New("broken image")
				}
				return Image{URL: "/img/x.png", Width: 2, Height: 1}, nil
			},
			Anchor: func(id string, line int) { checkLine("anchor "+id, line) },
		}
		conv := c
		if raw {
			conv = unsafe
		}
		doc, err := conv.Convert(src, env)
		if err != nil {
			return // a render failure is an error, not a panic
		}
		for _, p := range doc.Problems {
			checkLine("problem "+p.Message, p.Line)
		}
		for _, r := range doc.Raw {
			checkLine("raw HTML", r.Line)
		}
	})
}
