package epub

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// testImage draws a small picture with a colour derived from seed, so
// generated books carry distinct, real image files.
func testImage(seed int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for y := 0; y < 6; y++ {
		for x := 0; x < 8; x++ {
			img.Set(x, y, color.RGBA{uint8(seed * 37), uint8(x * 30), uint8(y * 40), 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, seed int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(seed)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, seed int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(seed), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, seed int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(seed), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const testSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" viewBox="0 0 20 10"><rect width="20" height="10" fill="teal"/></svg>
`

var testModified = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// smallBook is a two-part book using every metadata field, a cover, images
// of each core type, footnotes, a figure and cross-chapter links.
func smallBook(t testing.TB) *Book {
	return &Book{
		Identifier:  "urn:uuid:6f1c1d9e-3b0a-5d7e-9a43-0c4f2b8e1a77",
		Title:       "The Little Book of Coaching",
		Subtitle:    "Listening first",
		Language:    "en",
		Description: "Short chapters on coaching behaviours & habits.",
		Publisher:   "Folio Press",
		Rights:      "© 2025 The Author",
		Creators:    []string{"Ada Author", "Bo Editor"},
		Date:        "2025-03-01",
		Modified:    testModified,
		Cover:       &Resource{Href: "images/cover.jpg", Data: encodeJPEG(t, 1)},
		Chapters: []Chapter{
			{FileName: "chapter-01.xhtml", Title: "Listening", Source: "content/book/part-1/listening.md", Linear: true,
				Body: []byte(`<h1 id="listening">Listening</h1>
<p>Coaching starts with listening<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>. See <a href="chapter-02.xhtml#questions">questions</a>.</p>
<figure><img src="images/ear.png" alt="An ear"><figcaption>Fig. 1.1 Listening. Photo by Tom Crew</figcaption></figure>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Or at least, it should.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`)},
			{FileName: "chapter-02.xhtml", Title: "Questions", Source: "content/book/part-2/questions.md", Linear: true,
				Body: []byte(`<h1 id="questions">Questions</h1>
<p>Ask open questions.</p>
<p><img src="images/chart.gif" alt="A chart"> <img src="images/diagram.svg" alt="A diagram"></p>
<table><thead><tr><th align="left">Closed</th><th align="right">Open</th></tr></thead>
<tbody><tr><td>Did it work?</td><td>What worked?</td></tr></tbody></table>
<p>Back to <a href="chapter-01.xhtml">listening</a> or read <a href="https://example.org/coaching">more online</a>.</p>
`)},
		},
		Nav: []NavItem{
			{Title: "Part 1: Attention", Children: []NavItem{{Title: "Listening", Href: "chapter-01.xhtml"}}},
			{Title: "Part 2: Curiosity", Children: []NavItem{
				{Title: "Questions", Href: "chapter-02.xhtml", Children: []NavItem{{Title: "Open questions", Href: "chapter-02.xhtml#questions"}}},
			}},
		},
		Resources: []Resource{
			{Href: "images/ear.png", Data: encodePNG(t, 2)},
			{Href: "images/diagram.svg", Data: []byte(testSVG)},
			{Href: "images/chart.gif", MediaType: "image/gif", Data: encodeGIF(t, 3)},
		},
	}
}

// writeBook writes b and fails the test on error.
func writeBook(t testing.TB, b *Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// generatedBook is a book of n chapters in parts of ten, each chapter with
// sections, lists, a table, a footnote, a figure and links to its
// neighbours, for validating Write at a realistic size.
func generatedBook(t testing.TB, n int) *Book {
	b := smallBook(t)
	b.Chapters, b.Nav, b.Resources = nil, nil, nil
	for i := 1; i <= n; i++ {
		file := fmt.Sprintf("chapter-%03d.xhtml", i)
		img := fmt.Sprintf("images/figure-%03d.png", i)
		if i%3 == 0 {
			img = fmt.Sprintf("images/figure-%03d.jpg", i)
			b.Resources = append(b.Resources, Resource{Href: img, Data: encodeJPEG(t, i)})
		} else {
			b.Resources = append(b.Resources, Resource{Href: img, Data: encodePNG(t, i)})
		}
		b.Chapters = append(b.Chapters, Chapter{FileName: file, Title: fmt.Sprintf("Chapter %d", i),
			Source: fmt.Sprintf("content/book/chapter-%03d.md", i), Linear: true, Body: generatedBody(i, n, img)})
		if (i-1)%10 == 0 {
			b.Nav = append(b.Nav, NavItem{Title: fmt.Sprintf("Part %d", (i-1)/10+1)})
		}
		part := &b.Nav[len(b.Nav)-1]
		part.Children = append(part.Children, NavItem{Title: fmt.Sprintf("Chapter %d", i), Href: file,
			Children: []NavItem{{Title: "Practice", Href: file + "#practice"}}})
	}
	return b
}

func generatedBody(i, n int, img string) []byte {
	var s strings.Builder
	fmt.Fprintf(&s, "<h1 id=\"chapter-%d\">Chapter %d</h1>\n<p>Opening paragraph&nbsp;%d with <em>emphasis</em>, <code>code</code> and a note<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n", i, i, i)
	fmt.Fprintf(&s, "<figure><img src=\"%s\" alt=\"Figure %d\" loading=\"lazy\"><figcaption>Fig. %d.1 A generated picture</figcaption></figure>\n", img, i, i)
	s.WriteString("<h2 id=\"practice\">Practice</h2>\n<ul>\n<li>Listen</li>\n<li>Ask <strong>open</strong> questions\n<ol><li>What?</li><li>How?</li></ol></li>\n</ul>\n")
	// Ids as goldmark generates them from headings such as "2 steps" and "Café".
	s.WriteString("<h3 id=\"2-steps\">2 steps</h3>\n<h3 id=\"café\">Café</h3>\n<p><a href=\"#2-steps\">steps</a>, <a href=\"#caf%C3%A9\">café</a>.</p>\n")
	s.WriteString("<table><thead><tr><th>Habit</th><th style=\"text-align:right\">Days</th></tr></thead><tbody><tr><td>Pause</td><td>3</td></tr></tbody></table>\n")
	if i > 1 {
		fmt.Fprintf(&s, "<p>Previous: <a href=\"chapter-%03d.xhtml#practice\">practice</a>.</p>\n", i-1)
	}
	if i < n {
		fmt.Fprintf(&s, "<p>Next: <a href=\"chapter-%03d.xhtml\">chapter %d</a>, or <a href=\"https://example.org/c/%d\">online</a>.</p>\n", i+1, i+1, i)
	}
	s.WriteString("<pre><code>if a &lt; b &amp;&amp; c &gt; d {\n}\n</code></pre>\n<blockquote><p>A quote.</p></blockquote>\n")
	s.WriteString("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>A note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n")
	return []byte(s.String())
}
