package build

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/content"
	"folio/internal/epubcheck"
)

// TestRawHTMLFixtures builds every site under testdata/rawhtml/<case>/:
// each builds, with the warnings of its warnings.txt (file and line of
// every element or attribute the policy removed and of every element a
// browser has to close), which --strict turns into errors; the pages,
// print edition and EPUB hold what the case's checks name; without
// -short the HTML5 case's EPUB passes epubcheck.
func TestRawHTMLFixtures(t *testing.T) {
	t.Parallel() // its validator runs beside the other slow tests
	checks := map[string][]struct{ file, want, not string }{
		"html5": {
			{"book/one/index.html", `<img src="/book/img/loop-720w-435cb1e5249f.jpg" alt="The loop" width="40" loading="lazy">`, ""},
			{"book/one/index.html", "middle<br>of a sentence", ""},
			{"book/one/index.html", "<td>Meaning", ""},
			{"book/print/index.html", `src="/book/img/loop-720w-435cb1e5249f.jpg"`, ""},
			{"EPUB/chapter-01.xhtml", `<img src="images/book/img/loop-720w-435cb1e5249f.jpg" alt="The loop" width="40"/>`, ""},
			{"EPUB/chapter-01.xhtml", "middle<br/>of a sentence", "&nbsp;"},
			{"EPUB/chapter-01.xhtml", "<td>Meaning\n</td>", ""},
			// The class goes: no rule of the EPUB's stylesheet names it.
			{"EPUB/chapter-03.xhtml", `<p>An unquoted attribute.</p>`, ""},
		},
		"policy": {
			{"book/part-1/ch1/index.html", "Line one<br>line two", ""},
			{"book/part-1/ch1/index.html", "<sub>2</sub>", "<script"},
			{"book/part-1/ch1/index.html", `<source srcset="/book/part-1/images/loop-720w-435cb1e5249f.jpg 1x, /book/part-1/images/fig1-960w-cf0b8d19407c.jpg 2x">`, "javascript:"},
			{"book/part-1/ch1/index.html", `<a href="/book/part-1/ch2/#later">continued later</a>`, "onclick"},
			{"book/part-1/ch1/index.html", `<details>`, "<iframe"},
			{"book/part-1/ch1/index.html", `<a href="/book/part-1/images/fig1.jpg">`, "<form"},
			{"book/part-1/ch1/index.html", `<div class="aside" id="aside-1"><span class="label">`, "style="},
			{"book/part-1/ch2/index.html", `<img src="/book/part-1/images/loop-720w-435cb1e5249f.jpg" alt="The loop again" width="64" loading="lazy">`, ""},
			{"book/print/index.html", `<a href="#ch2--later">continued later</a>`, ""},
			{"book/print/index.html", `srcset="/book/part-1/images/loop-720w-435cb1e5249f.jpg 1x`, ""},
			{"book/print/index.html", `<figure id="ch1--fig-1">`, `id="fig-1"`},
			{"book/print/index.html", `<a href="#ch1--fig-1">Figure 1</a>, or <a href="#ch1--aside-1">the note</a>`, ""},
			{"book/part-1/ch2/index.html", `<a href="/book/part-1/ch1/#fig-1">Figure 1</a>, or <a href="/book/part-1/ch1/#aside-1">the note</a>`, ""},
			{"EPUB/chapter-02.xhtml", `<a href="chapter-01.xhtml#fig-1">Figure 1</a>`, ""},
			{"EPUB/chapter-01.xhtml", `<img src="images/book/part-1/images/fig1-960w-cf0b8d19407c.jpg" alt="Listening"`, "srcset"},
			{"EPUB/chapter-01.xhtml", `<a href="chapter-02.xhtml#later">continued later</a>`, "<script"},
			{"EPUB/chapter-01.xhtml", "The full-size figure", `href="images/`},
			{"EPUB/chapter-02.xhtml", `<img src="images/book/part-1/images/loop-720w-435cb1e5249f.jpg" alt="The loop again" width="64"/>`, ""},
		},
	}
	for _, name := range fixtureDirs(t, "rawhtml") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "rawhtml", name)
			files, res, err := buildFS(fixtureFS(t, dir), Options{})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			got := goldenWarnings(t, dir, res.Warnings)
			var epub []byte
			for name, data := range files {
				if strings.HasSuffix(name, ".epub") {
					epub = data
				}
			}
			for _, c := range checks[name] {
				var text string
				if rest, ok := strings.CutPrefix(c.file, "EPUB/"); ok {
					text = string(epubcheck.File(t, epub, "EPUB/"+rest))
				} else if data, ok := files[c.file]; ok {
					text = string(data)
				} else {
					t.Errorf("no %s", c.file)
					continue
				}
				if !strings.Contains(text, c.want) {
					t.Errorf("%s lacks %s:\n%s", c.file, c.want, text)
				}
				if c.not != "" && strings.Contains(text, c.not) {
					t.Errorf("%s has %s", c.file, c.not)
				}
			}
			if got != "" {
				_, _, err := buildFS(fixtureFS(t, dir), Options{Strict: true})
				var ce *content.Error
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), strings.Split(got, "\n")[0]) {
					t.Errorf("--strict: %v; want the warnings as errors", err)
				}
			}
			// folio epub alone converts the chapters for the package only and
			// tells the same warnings.
			eres, err := makeEPUBs(fixtureFS(t, dir), Options{Now: fixtureNow}, "")
			if err != nil {
				t.Errorf("folio epub: %v", err)
			} else if alone := warningText(eres.Warnings); alone != got {
				t.Errorf("folio epub warns:\n%s\nwant:\n%s", alone, got)
			}
			// The HTML5 case is what the EPUB's serializer must repair; the
			// policy case's HTML is a subset of it (epubcheck takes half a
			// minute a run).
			if name == "html5" && !testing.Short() {
				epubcheck.RequireValid(t, epub)
			}
		})
	}
}

// goldenWarnings compares a build's warnings with dir/warnings.txt
// (-update rewrites it) and returns them as text.
func goldenWarnings(t *testing.T, dir string, ws []*content.Error) string {
	t.Helper()
	text := warningText(ws)
	goldenFile(t, filepath.Join(dir, "warnings.txt"), []byte(text))
	return text
}

func warningText(ws []*content.Error) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Error() + "\n")
	}
	return b.String()
}
