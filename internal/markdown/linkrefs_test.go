package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
)

// FuzzLinkRefs holds the quick test in front of goldmark's reading of link
// reference definitions to its promise: whatever the Markdown, goldmark
// with it renders exactly what goldmark's default parser does.
func FuzzLinkRefs(f *testing.F) {
	for _, s := range []string{
		"[a]: /url\n\n[a] and [b]\n\n[b]: /b \"title\"\n",
		"text\n[c]: /c\n\n   [d]:\n   /d\n\n    [e]: /e\n\n[e] [d] [c]\n",
		"> [q]: /q\n> [q]\n\n- [l]: /l\n  [l]\n\nplain paragraph, no brackets\n",
		"[x]: <y> 'z'\n[w]: /w\nrest [x][w]\n\n[not]: a definition? [not]\n",
	} {
		f.Add(s)
	}
	// Converted with the quick test in front, and with goldmark's parser.
	mds := []goldmark.Markdown{goldmark.New(goldmark.WithParser(newParser())), goldmark.New()}
	f.Fuzz(func(t *testing.T, src string) {
		var out [2]bytes.Buffer
		for i, md := range mds {
			if err := md.Convert([]byte(src), &out[i]); err != nil {
				t.Fatal(err)
			}
		}
		if out[0].String() != out[1].String() {
			t.Errorf("input %q:\nquick:     %s\ngoldmark's: %s", src, out[0].String(), out[1].String())
		}
	})
}
