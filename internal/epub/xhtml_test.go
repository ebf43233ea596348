package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wellFormed parses body content as XML with no entity definitions beyond
// the five predefined ones, as a strict EPUB reading system would.
func wellFormed(t *testing.T, body []byte) {
	t.Helper()
	doc := `<body xmlns="` + xhtmlNS + `" xmlns:epub="` + epubNS + `">` + string(body) + `</body>`
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, body)
		}
	}
}

func TestXHTMLGoldenChapter(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "chapter.html"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := XHTML(src)
	if err != nil {
		t.Fatalf("XHTML: %v", err)
	}
	wellFormed(t, got)
	golden(t, "chapter.xhtml", got)
	for _, forbidden := range []string{"&nbsp;", "&copy;", "<br>", "loading=", "<center", "<font", "50%"} {
		if bytes.Contains(got, []byte(forbidden)) {
			t.Errorf("output contains %q", forbidden)
		}
	}
}

func TestXHTMLConversions(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"named entity becomes character or numeric reference", `<p>a&nbsp;b &eacute; &amp;</p>`, `<p>a&#160;b é &#38;</p>`},
		{"void elements self-closed", `<p>a<br>b<wbr>c</p><hr>`, `<p>a<br/>b<wbr/>c</p><hr/>`},
		{"attributes quoted and escaped", `<p title=a"b class='x<y'>t</p>`, `<p title="a&#34;b" class="x&#60;y">t</p>`},
		{"newline in attribute kept as reference", "<p title=\"a\nb\">t</p>", `<p title="a&#10;b">t</p>`},
		{"duplicate ids get a suffix", `<h2 id="a">A</h2><p id="a">B</p><p id="a-2">C</p>`, `<h2 id="a">A</h2><p id="a-2">B</p><p id="a-2-2">C</p>`},
		{"whitespace in id replaced", `<p id="two words">t</p>`, `<p id="two-words">t</p>`},
		{"empty id dropped", `<p id="">t</p>`, `<p>t</p>`},
		{"a name becomes id", `<a name="old">t</a>`, `<a id="old">t</a>`},
		{"img gets empty alt", `<img src="a.png">`, `<img src="a.png" alt=""/>`},
		{"img percentage size dropped", `<img src="a.png" alt="x" width="50%" height="20">`, `<img src="a.png" alt="x" height="20"/>`},
		{"lazy loading dropped", `<img src="a.png" alt="x" loading="lazy" decoding="async">`, `<img src="a.png" alt="x"/>`},
		{"event handlers dropped", `<p onclick="alert(1)">t</p>`, `<p>t</p>`},
		{"align becomes text-align", `<p align="CENTER" style="color: red;">t</p>`, `<p style="color: red; text-align: center">t</p>`},
		{"presentational attributes dropped", `<table border="1" cellpadding="2"><tr><td valign="top" nowrap>x</td></tr></table>`, `<table><tbody><tr><td>x</td></tr></tbody></table>`},
		{"obsolete elements renamed", `<center>a</center><tt>b</tt><strike>c</strike><acronym>d</acronym>`, `<div>a</div><code>b</code><s>c</s><abbr>d</abbr>`},
		{"font keeps text only", `<p><font color="red" face="x">t</font></p>`, `<p>t</p>`},
		{"span without attributes unwrapped", `<p><span>a</span><span id="x">b</span><span class="c">c</span></p>`, `<p>a<span id="x">b</span><span class="c">c</span></p>`},
		{"unknown element unwrapped", `<p><my-widget data-x="1">kept</my-widget></p>`, `<p>kept</p>`},
		{"script and style dropped", `<p>a</p><script>alert(1)</script><style>p{}</style>`, `<p>a</p>`},
		{"comments dropped", `<p>a<!-- x -- y -->b</p>`, `<p>ab</p>`},
		{"invalid XML characters replaced", "<p>a\x01b\x0bc</p>", "<p>a\ufffdb\ufffdc</p>"},
		{"role gets epub:type twin", `<a href="#n" role="doc-noteref">1</a>`, `<a href="#n" role="doc-noteref" epub:type="noteref">1</a>`},
		{"explicit epub:type wins", `<aside epub:type="footnote" role="doc-footnote">n</aside>`, `<aside role="doc-footnote" epub:type="footnote">n</aside>`},
		{"data and aria attributes kept", `<p data-n="1" aria-label="x">t</p>`, `<p data-n="1" aria-label="x">t</p>`},
		{"figure and figcaption kept", `<figure><img src="a.png" alt="A"><figcaption>Cap</figcaption></figure>`, `<figure><img src="a.png" alt="A"/><figcaption>Cap</figcaption></figure>`},
		{"figcaption wrapped in p is lifted", `<figure><p><img src="a.png" alt="A"><figcaption>Cap</figcaption></p></figure>`, `<figure><p><img src="a.png" alt="A"/></p><figcaption>Cap</figcaption><p></p></figure>`},
		{"link nested through svg unwrapped", `<a href="#x">a<svg><a href="#y"><rect/></a></svg></a>`, `<a href="#x">a<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg></a>`},
		{"svg link gets a title", `<svg><a href="#y"><text>Go</text></a></svg>`, `<svg xmlns="http://www.w3.org/2000/svg"><a href="#y"><title>Go</title><text>Go</text></a></svg>`},
		{"xlink declared where used", `<svg><a xlink:href="#y" xlink:title="Go"><text>Go</text></a></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#y" xlink:title="Go"><text>Go</text></a></svg>`},
		{"mathml namespaced", `<math><mi>x</mi></math>`, `<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>`},
		{"html inside svg foreignObject", `<svg><foreignObject><p>t</p></foreignObject></svg>`, `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">t</p></foreignObject></svg>`},
		{"unclosed elements closed", `<div><p><b>t`, `<div><p><b>t</b></p></div>`},
		{"task list checkbox", `<li><input checked="" disabled="" type="checkbox"> done</li>`, `<li>☑ done</li>`},
		{"unchecked task list checkbox", `<li><input disabled="" type="checkbox"> to do</li>`, `<li>☐ to do</li>`},
		{"pre keeps text exactly", "<pre><code>a &lt; b\n  c</code></pre>", "<pre><code>a &#60; b\n  c</code></pre>"},
		{"hgroup becomes div", `<hgroup><h1>T</h1><p>Sub</p></hgroup>`, `<div><h1>T</h1><p>Sub</p></div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := XHTML([]byte(tt.in))
			if err != nil {
				t.Fatalf("XHTML: %v", err)
			}
			wellFormed(t, got)
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("XHTML(%q)\n got %s\nwant it to contain %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestXHTMLAlignDoesNotDuplicateStyle(t *testing.T) {
	got, err := XHTML([]byte(`<table><tr><td align="left" style="text-align:right">t</td></tr></table>`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<td style="text-align:right">t</td>`; !strings.Contains(string(got), want) {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestXHTMLUnsupportedElements(t *testing.T) {
	for _, in := range []string{
		`<iframe src="https://www.youtube.com/embed/x"></iframe>`,
		`<video src="a.mp4"></video>`,
		`<object data="a.swf"></object>`,
	} {
		_, err := XHTML([]byte(in))
		if err == nil || !strings.Contains(err.Error(), "cannot be packaged in an EPUB") {
			t.Errorf("XHTML(%q) error = %v, want one saying it cannot be packaged", in, err)
		}
	}
}

func TestConvertRecordsReferencesAndImages(t *testing.T) {
	f, err := convert([]byte(`<a href="c.xhtml#x">l</a><img src="images/a.png" alt="A"><img src="images/b.png"><svg><image href="images/c.png"/></svg>`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []reference{{URL: "c.xhtml#x"}, {URL: "images/a.png", Embedded: true}, {URL: "images/b.png", Embedded: true}, {URL: "images/c.png", Embedded: true}}
	if len(f.refs) != len(want) {
		t.Fatalf("refs = %+v, want %+v", f.refs, want)
	}
	for i := range want {
		if f.refs[i] != want[i] {
			t.Errorf("ref %d = %+v, want %+v", i, f.refs[i], want[i])
		}
	}
	if f.images != 2 || f.imagesMissAlt != 1 || !f.svg || f.mathml {
		t.Errorf("images=%d missingAlt=%d svg=%v mathml=%v, want 2, 1, true, false", f.images, f.imagesMissAlt, f.svg, f.mathml)
	}
}
