package feeds

import (
	"bytes"
	"html/template"
	"testing"

	"folio/internal/content"
	"folio/internal/output"
	"folio/internal/siteurl"
)

// minifiedByOutput is data as package output writes a feed when it
// minifies: what AtomMinified must write, byte for byte.
func minifiedByOutput(t testing.TB, data []byte) []byte {
	t.Helper()
	ow, mem := output.NewMemory(nil, output.Options{Minify: true})
	if err := ow.Write("blog/feed.xml", "test", data); err != nil {
		t.Fatal(err)
	}
	return mem.Files()["blog/feed.xml"]
}

// feedOf is a feed of the test blog's posts whose titles, descriptions
// and bodies are the ones given, in turn; spliced reports whether
// AtomMinified put the contents in the minified skeleton.
func feedOf(t testing.TB, title, desc string, bodies ...string) (w *Writer, f Feed, spliced bool) {
	site := linked(t.(*testing.T), "https://example.org/")
	posts := site.Blogs[0].Posts
	body := map[*content.Page]string{}
	for i, p := range posts {
		p.Page.Title = title
		body[p.Page] = bodies[i%len(bodies)]
	}
	w = &Writer{Site: site, URLs: siteurl.New(site.Config.BaseURL),
		Credit:   func(c, _ string) template.HTML { return template.HTML(c) },
		Tags:     func(*content.Page) []*content.Tag { return site.Tags },
		Describe: func(*content.Page) string { return desc },
		Body:     func(p *content.Page) []byte { return []byte(body[p]) }}
	f = Feed{Path: "/blog/", Title: title, Subtitle: desc, Posts: posts}
	skeleton, err := w.atom(f, true)
	if err != nil {
		t.Fatal(err)
	}
	small, err := minifyXML(skeleton)
	if err != nil {
		t.Fatal(err)
	}
	spliced = bytes.Count(small, []byte(contentPlaceholder)) == len(posts)
	for _, p := range posts {
		_, ok := w.appendMinifiedContent(nil, p.Page)
		spliced = spliced && ok
	}
	return w, f, spliced
}

// TestAtomMinifiedIsAtomMinified: a feed written as minifying it would
// write it is what package output writes of the feed, whatever white
// space and references its titles, descriptions and bodies hold, and
// the entries go into the minified skeleton unless their content starts
// or ends with white space, or is empty.
func TestAtomMinifiedIsAtomMinified(t *testing.T) {
	tests := []struct {
		title, desc string
		bodies      []string
		spliced     bool
	}{
		{"Plain", "A post.", []string{"<p>Body.</p>\n"}, true},
		{"Runs", "two  spaces", []string{"<pre><code>def f():\n    if x:\n\t\treturn 1\n</code></pre>", "<p>a  b   c &amp;#32; &#32;</p>"}, true},
		{" Lead and trail ", "\tTabs\t", []string{"x\u00a0\u00a0y\r\n", "<p>&lt;&gt;&quot;&apos;\"'</p>"}, true},
		{"Leading space", "", []string{" <p>x</p>"}, false},
		{"Trailing space", "", []string{"<p>x</p> "}, false},
		{"Empty", "", []string{""}, false},
		{contentPlaceholder, contentPlaceholder, []string{"<p>" + contentPlaceholder + "</p>"}, false},
		{"Control", "\x01", []string{"a\x00b\ufffe\xffc"}, true},
	}
	for _, tt := range tests {
		w, f, spliced := feedOf(t, tt.title, tt.desc, tt.bodies...)
		if spliced != tt.spliced {
			t.Errorf("%q: spliced %v, want %v", tt.title, spliced, tt.spliced)
		}
		whole, err := w.Atom(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.AtomMinified(f)
		if want := minifiedByOutput(t, whole); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%q: AtomMinified wrote (%v)\n%s\nwant\n%s", tt.title, err, got, want)
		}
	}
}

// FuzzAtomMinified holds AtomMinified to minifying Atom's feed.
func FuzzAtomMinified(f *testing.F) {
	f.Add("Title", "Desc", "<p>Body  with\n\ttabs</p>\n", " x ")
	f.Add(" a ", "b  ", "&#32;", "")
	f.Fuzz(func(t *testing.T, title, desc, body1, body2 string) {
		w, feed, _ := feedOf(t, title, desc, body1, body2)
		whole, err := w.Atom(feed)
		if err != nil {
			return
		}
		got, err := w.AtomMinified(feed)
		if want := minifiedByOutput(t, whole); err != nil || !bytes.Equal(got, want) {
			t.Errorf("AtomMinified wrote (%v)\n%q\nwant\n%q", err, got, want)
		}
	})
}
