package epub

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// streamSeeds are markup stream converts and markup it must leave to the
// parser, each kind at least once.
var streamSeeds = []string{
	string(generatedBody(2, 3, "images/figure-002.png")) + "<p><del>a</del> <ins>b</ins> <q>c</q> <kbd>d</kbd> <mark>e</mark> <span>f</span> <span class=\"x\">g</span><br/>h</p>",
	"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>\n<li><input type=\"checkbox\"> not</li>\n</ul>",
	`<dl><dt>term</dt><dd>definition</dd></dl><details><summary>More</summary><p>hidden</p></details>`,
	`<p><a href="x" class="b" id="a">sorted</a> <em title="t" class="c">em</em></p>`,
	`<p>one<p>two`, `<p>a<div>b</div></p>`, `<h1>a<h2>b</h2></h1>`, `<li>stray</li>`, `<ul><li>a<li>b</ul>`,
	`<table><tr><td>implied tbody</td></tr></table>`, `<table>text<tbody></tbody></table>`,
	"<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>",
	`<a href="a">x<a href="b">y</a></a>`, `<b><i>mis</b>nested</i>`, `</p>`, `</br>`, `<div>`, `<p>a</div>`,
	"<pre>\ncode</pre>", "<pre><code>code\n</code></pre>", "a\x00b", `<svg><circle r="1"/></svg>`,
	`<script>x</script><style>p{}</style><iframe src="x"></iframe>`, `<center>old</center><font>f</font>`,
	`<p id="a">1</p><p id="a">2</p><!-- comment --><!doctype html>`, `<div/>text`, `<img src="a.png" alt="a"/>`,
	`<p>a&amp;b &lt; &nbsp; &#0; &copy;</p>`, "<p>cr\r\nlf\rx</p>", `<p title="a" title="b">dup</p>`,
	`<p style="text-align: center" align="left">s</p><td>cell</td><tr><th>h</th></tr>`,
}

// Whatever the markup, convertOnto converts it as the parser's tree gives
// it: streaming (stream) changes how fast, never what.
func FuzzStreamIsParse(f *testing.F) {
	for _, s := range streamSeeds {
		f.Add(s)
	}
	if src, err := os.ReadFile(filepath.Join("testdata", "chapter.html")); err == nil {
		f.Add(string(src))
	}
	styled := func(class string) bool { return !strings.HasPrefix(class, "x") }
	unwrap := func(href string) bool { return strings.HasSuffix(href, ".png") }
	f.Fuzz(func(t *testing.T, src string) {
		got, gotErr := convertOnto(nil, []byte(src), unwrap, styled)
		c := newConverter(nil, []byte(src), unwrap, styled)
		err := c.parse([]byte(src))
		want, wantErr := c.fragment()
		if err != nil {
			t.Fatalf("parse %q: %v", src, err)
		}
		if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Fatalf("%q: convertOnto error %v, parsed %v", src, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nconvertOnto %+v\nparsed      %+v", src, got, want)
		}
	})
}

// The Markdown renderer's markup streams: a chapter of the book golden
// file, whose conversion the parser never sees.
func TestRendererMarkupStreams(t *testing.T) {
	for _, src := range []string{streamSeeds[0], streamSeeds[1], streamSeeds[2], streamSeeds[3]} {
		c := newConverter(nil, []byte(src), nil, nil)
		if !c.stream([]byte(src)) {
			t.Errorf("markup left to the parser:\n%s", src)
		}
	}
}
