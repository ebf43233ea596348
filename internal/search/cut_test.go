package search

import (
	"reflect"
	"slices"
	"testing"
)

// cutterSeeds are folio's HTML as the Markdown converter writes it, and
// what it does not write (raw text elements, bare "<", unknown
// references), where the cutter must defer to Sections.
var cutterSeeds = []string{
	`<p>Opening <em>words</em> here.</p><figure><img src="x.jpg" alt="a photo"><figcaption>Photo by Tom Crew</figcaption></figure>
<h2 id="first">First <code>part</code></h2><p>Text one.</p><ul><li>item a</li><li>item b</li></ul>
<h3>No id</h3><p>Still first.</p>
<h2 id="second">Second</h2><p>Text two &ldquo;quoted&rdquo; &mdash; it&rsquo;s &amp; more&hellip;</p>`,
	"<P CLASS=x>Tom &amp; Jerry&#39;s\r\nfilm</P><H2 class=\"a\" ID=\"Up\">Big <EM>one</EM></H2><Script>x</SCRIPT>text<br/>more &lt;b&gt;",
	`<h2 id="only">Only a heading</h2>`,
	`<p>a<!--more-->b</p><!-- note --><h2 id='x' class="y">T&amp;</h2>c<br />d<hr/>`,
	`<h2 id="a"><h3 id="b">nested</h3></h2>tail</h2>after`,
	`<h2 id="">empty id</h2><h2 ID="A" id="B">first id</h2><h2 data-x="1>2" id="q">gt in value</h2>`,
	`<p>x < y &copy; &amp &#x27; &unknown; a&b</p>`, `<!---->`, `<!-->`, `<!--->x-->`, `<!--a--!>b-->`,
	`<div><svg><title>t</title></svg><table><tr><td>cell</td></tr></table></div>`, "a\x00b", `</>`, `<a`, `<p`, `text`,
	`<aside class="callout"><p class="callout-title">Note</p><p>body</p></aside><sup class="footnote-ref"><a href="#fn:1" id="fnref:1">1</a></sup>`,
	`<h2 id="x">Heading</h2 ><p id=unquoted>u</p>`, `<h1 id="t" >T</h1><custom-el>c</custom-el>`,
}

// FuzzCutter holds the cutter to Sections: where it cuts a page, it cuts
// it into the same sections.
func FuzzCutter(f *testing.F) {
	for _, s := range cutterSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var c cutter
		if !c.cut(body) {
			return
		}
		got := make([]Section, len(c.spans))
		for i, s := range c.spans {
			got[i] = Section{Anchor: string(c.names[s.anchor:s.heading]), Heading: string(c.names[s.heading:s.headingEnd]), Text: string(c.text.b[s.start:s.end])}
		}
		if want := Sections(body); !slices.Equal(got, want) {
			t.Errorf("%q:\ncutter   %q\nSections %q", body, got, want)
		}
	})
}

// TestCutterReadsFolioHTML checks that the cutter takes the HTML folio
// writes itself (the fast path), and that AnalyzeHTML is Analyze over
// Sections.
func TestCutterReadsFolioHTML(t *testing.T) {
	for i, body := range cutterSeeds[:1] {
		var c cutter
		if !c.cut(body) {
			t.Errorf("seed %d: the cutter gave up on folio's HTML", i)
		}
	}
	d := NewDict()
	for _, body := range cutterSeeds {
		got, want := AnalyzeHTML(d, body), Analyze(d, Sections(body))
		if !reflect.DeepEqual(got.Sections, want.Sections) {
			t.Errorf("%q:\nAnalyzeHTML %+v\nAnalyze     %+v", body, got.Sections, want.Sections)
		}
	}
}
