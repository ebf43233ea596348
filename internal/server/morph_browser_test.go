package server

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// morphPage is a page with what a reader can have open: a <details>, a
// focusable button, a selectable paragraph, a video and an image. body
// fills the part that the cases change.
func morphPage(title, body string) []byte {
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title>` +
		`<meta name="description" content="` + title + `"><link rel="stylesheet" href="/css/site.css"></head><body>` +
		`<header><nav><a href="/">Home</a> <button id="b">Menu</button></nav></header><main>` +
		`<details id="d"><summary>More</summary><p>Hidden until opened.</p></details>` +
		`<p id="keep">Keep me selected, please.</p>` +
		`<video id="v" muted loop width="64" height="48"></video><img id="i" alt="" width="10" height="10" src="/img.svg">` +
		body + `</main></body></html>`)
}

// morphState marks the reader's state before a patch; morphStateKept checks
// it after: no reload, the same nodes, the details open, the focus and the
// selection where they were.
const morphState = `(() => {
	window.__sameDocument = true;
	window.__video = document.getElementById('v');
	window.__img = document.getElementById('i');
	window.__keep = document.getElementById('keep');
	window.__lastPara = document.querySelector('main > p:last-of-type');
	document.getElementById('d').open = true;
	document.getElementById('b').focus();
	const r = document.createRange();
	r.selectNodeContents(document.getElementById('keep'));
	getSelection().removeAllRanges();
	getSelection().addRange(r);
})()`

const morphStateKept = `(() => {
	const problems = [];
	if (window.__sameDocument !== true) problems.push('the page was reloaded');
	if (document.getElementById('v') !== window.__video) problems.push('the video was replaced');
	if (document.getElementById('i') !== window.__img) problems.push('the image was replaced');
	if (document.getElementById('keep') !== window.__keep) problems.push('an unchanged paragraph was replaced');
	if (!document.getElementById('d').open) problems.push('the details closed');
	if (document.activeElement?.id !== 'b') problems.push('the focus moved to ' + document.activeElement?.tagName);
	if (getSelection().toString() !== 'Keep me selected, please.') problems.push('the selection became ' + JSON.stringify(getSelection().toString()));
	return problems.join('; ');
})()`

// TestBrowserMorph publishes edits of a page open in Chromium and checks
// that each is patched in place: the reader's state kept, the unchanged
// nodes kept, and the document equal to a fresh load of the page.
func TestBrowserMorph(t *testing.T) {
	p := &preview{t: t, ctx: newBrowser(t)}
	s := New(Options{Logf: t.Logf})
	paras := func(words ...string) string {
		var b strings.Builder
		for _, w := range words {
			fmt.Fprintf(&b, "<p>%s</p>", w)
		}
		return b.String()
	}
	site := func(title, body string) map[string][]byte {
		return map[string][]byte{"index.html": morphPage(title, body), "css/site.css": []byte("p { margin: 1em }"),
			"data.json": []byte(`{"title": "` + title + `"}`), // what a page's script fetches, as a search index
			"img.svg":   []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)}
	}
	s.Publish(site("One", paras("alpha", "beta", "gamma")), nil)
	p.ls = startLiveServer(t, "127.0.0.1:0", s)
	p.open("/")
	waitForClients(t, s, 1)
	evalAsync(t, p, `fetch('/data.json').then((r) => r.text())`)
	cases := []struct {
		name, title, body, wait string
	}{
		{"a word changed in one paragraph", "One", paras("alpha", "beta two", "gamma"), "beta two"},
		{"a paragraph inserted at the top", "One", paras("zero", "alpha", "beta two", "gamma"), "zero"},
		{"a paragraph deleted, the title changed", "Two", paras("zero", "beta two", "gamma"), "Two"},
		{"a list and a table added", "Two", paras("zero") + "<ul><li>one</li><li>two</li></ul><table><tr><td>cell</td></tr></table>" +
			paras("beta two", "gamma"), "cell"},
		{"blocks reordered", "Two", paras("gamma", "zero", "beta two"), "gamma"},
	}
	t.Log("an edit of one paragraph serialises no element")
	evalJS[any](t, p.ctx, countOuterHTML)
	s.Publish(site("One", paras("alpha", "beta one", "gamma")), []string{"/"})
	waitJS(t, p.ctx, "the edit of one paragraph", `document.querySelector('main').textContent.includes('beta one')`)
	if n := evalJS[int](t, p.ctx, `window.__outerHTMLReads`); n != 0 {
		t.Errorf("the patch of one paragraph read outerHTML %d times; unchanged blocks should be skipped unserialised", n)
	}
	evalJS[any](t, p.ctx, `void Object.defineProperty(Element.prototype, 'outerHTML', window.__outerHTML)`)
	for _, c := range cases {
		t.Log(c.name)
		evalJS[any](t, p.ctx, morphState)
		s.Publish(site(c.title, c.body), []string{"/"})
		waitJS(t, p.ctx, c.name, fmt.Sprintf(`document.querySelector('main').textContent.includes(%q) && document.title === %q`,
			strings.TrimPrefix(c.wait, c.title), c.title))
		if problems := evalJS[string](t, p.ctx, morphStateKept); problems != "" {
			t.Errorf("%s: %s", c.name, problems)
		}
		if diff := evalAsync(t, p, freshDOMScript(t, "testdata/fresh-dom.js")); diff != "" {
			t.Errorf("%s: the patched page differs from a fresh load:\n%s", c.name, diff)
		}
	}

	t.Log("a file the page's script fetched changing alone (a search index) does not reload the page")
	evalJS[any](t, p.ctx, `window.__sameDocument = true`)
	dataOnly := site("Two", paras("gamma", "zero", "beta two"))
	dataOnly["data.json"] = []byte(`{"title": "changed alone"}`)
	s.Publish(dataOnly, nil)
	s.Publish(site("Two", paras("after the data")), []string{"/"})
	waitJS(t, p.ctx, "the page after the data", `document.querySelector('main').textContent.includes('after the data')`)
	if !evalJS[bool](t, p.ctx, `window.__sameDocument === true`) {
		t.Error("a change to a file the page's script fetched reloaded the page")
	}

	t.Log("a changed script makes a full reload")
	evalJS[any](t, p.ctx, `window.__sameDocument = true`)
	scripted := site("Three", paras("with a script")+`<script>window.__ran = 1</script>`)
	s.Publish(scripted, []string{"/"})
	waitJS(t, p.ctx, "the reload for a script", `window.__ran === 1`)
	if evalJS[bool](t, p.ctx, `window.__sameDocument === true`) {
		t.Error("a page whose script changed was patched instead of reloaded")
	}
}

// countOuterHTML counts the reads of any element's outerHTML in
// window.__outerHTMLReads (window.__outerHTML keeps the original).
const countOuterHTML = `(() => {
	const d = Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML');
	window.__outerHTML = d;
	window.__outerHTMLReads = 0;
	Object.defineProperty(Element.prototype, 'outerHTML', { ...d, get() { window.__outerHTMLReads++; return d.get.call(this); } });
})()`

// freshDOMScript reads the script that compares the document with a fresh
// load of its page (testdata/fresh-dom.js, shared with cmd/folio's tests).
func freshDOMScript(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// evalAsync evaluates an expression returning a promise of a string.
func evalAsync(t *testing.T, p *preview, expr string) string {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
