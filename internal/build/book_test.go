package build

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"folio/internal/buildtest"
	"folio/internal/content"
)

// bookSite is the fixture book: front matter, two parts, a draft, numbered
// and unnumbered chapters, photos, footnotes and links of every kind.
var bookSite = filepath.Join("testdata", "book", "site")

// bookPages picks the files a book produces: its pages, the print
// edition and both credits pages.
func bookPages(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for rel, data := range files {
		if strings.HasPrefix(rel, "book/") && strings.HasSuffix(rel, ".html") || rel == "credits/index.html" {
			out[rel] = data
		}
	}
	return out
}

// TestBookGolden builds the fixture book with and without drafts and
// compares its pages with testdata/book/golden/<case>/ (-update rewrites
// them): the book's home with contents and links, parts, chapters with
// sidebar, outline and prev/next, the credits pages and the print edition.
func TestBookGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		drafts bool
	}{{"published", false}, {"drafts", true}} {
		t.Run(tc.name, func(t *testing.T) {
			files, _, err := buildFS(os.DirFS(bookSite), Options{NoMinify: true, Drafts: tc.drafts})
			if err != nil {
				t.Fatal(err)
			}
			got := bookPages(files)
			dir := filepath.Join("testdata", "book", "golden", tc.name)
			if *update {
				buildtest.WriteTree(t, dir, got)
			}
			if err := diffTrees(readTree(t, dir), got); err != nil {
				t.Errorf("book pages differ from %s (run with -update to accept):\n%v", dir, err)
			}
		})
	}
}

// printLinks parses the print edition and returns its ids, and the href of
// each link by its text.
func printLinks(t *testing.T, page []byte) (ids map[string]int, hrefs map[string]string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	ids, hrefs = map[string]int{}, map[string]string{}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids[a.Val]++
			}
			if a.Key == "href" && n.Data == "a" {
				hrefs[textOf(n)] = a.Val
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return ids, hrefs
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var s strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.WriteString(textOf(c))
	}
	return s.String()
}

// TestPrintAnchors checks the print edition as a reader follows it: every
// id once, every in-page link landing on an id, links between chapters
// (with and without a heading, across parts, to a part and to the book's
// page) turned into anchors, and links out of the book made absolute.
func TestPrintAnchors(t *testing.T) {
	files, _, err := buildFS(os.DirFS(bookSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids, hrefs := printLinks(t, files["book/print/index.html"])
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is defined %d times", id, n)
		}
	}
	for text, href := range hrefs {
		if strings.HasPrefix(href, "#") && ids[href[1:]] == 0 {
			t.Errorf("link %q goes to %s, which no element of the page has", text, href)
		}
	}
	for _, id := range []string{"first--a-practice", "third--a-practice", "second--practice", "first--fn:1", "second--fn:1"} {
		if ids[id] != 1 {
			t.Errorf("id %q: defined %d times, want once", id, ids[id])
		}
	}
	want := map[string]string{
		"second chapter":               "#second",
		"practice":                     "#second--practice",
		"last part":                    "#two",
		"the book’s page":              "#title-page",
		"the first chapter":            "#first--a-practice",
		"the next chapter":             "#second",
		"afterword":                    "#afterword",
		"a section below":              "#first--a-practice",
		"the first chapter’s practice": "#first--a-practice",
		"back":                         "#second--practice",
		"blog post":                    "https://press.example.org/blog/making/#the-start",
		"an outside page":              "https://example.com/guide",
		"Cover Artist":                 "https://artist.example.com/",
		"The Fixture Book":             "/book/",
		"Photo credits":                "#photo-credits",
		"Cover":                        "#title-page",
		"Second Thoughts":              "#second",
		"Part Two":                     "#two",
		"3 Third Way":                  "#third",
	}
	for text, href := range want {
		if hrefs[text] != href {
			t.Errorf("link %q goes to %q, want %q", text, hrefs[text], href)
		}
	}
	// The draft is left out of a build without drafts, print edition included.
	if ids["unfinished"] > 0 {
		t.Error("the draft chapter is in the print edition of a build without drafts")
	}
}

// TestPrintIDCollision: a chapter whose slug spells another chapter's
// heading id in the print edition is reported, naming both files.
func TestPrintIDCollision(t *testing.T) {
	fsys := fstest.MapFS{
		"content/book/_index.md": {Data: []byte("---\ntitle: Book\n---\n")},
		"content/book/a.md":      {Data: []byte("---\ntitle: A\norder: 1\n---\n\n## Notes\n")},
		"content/book/notes.md":  {Data: []byte("---\ntitle: Notes\norder: 2\nslug: a--notes\n---\n\nText.\n")},
	}
	_, _, err := buildFS(fsys, Options{})
	want := `content/book/a.md: the print edition, which puts the whole book on one page, would give heading #notes and an element of content/book/notes.md the same id "a--notes"; rename the file, set slug:, or give the heading another {#id}`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// uncredited is a book whose chapter photo has neither credit nor alt text,
// and whose _index.md names a series no post has.
var uncredited = fstest.MapFS{
	"content/book/_index.md": {Data: []byte("---\ntitle: Book\nseries: [Field Notes]\n---\n")},
	"content/book/a.md":      {Data: []byte("---\ntitle: A\nphoto:\n  src: ../pic.png\n---\n\nText.\n")},
	"content/pic.png":        {Data: solidPNG(3, 2, color.RGBA{0x20, 0x40, 0x60, 0xff})},
}

const uncreditedWarnings = `content/book/_index.md:3: series "Field Notes" names a blog series no post has; check the spelling, or give a post series: "Field Notes"
content/book/a.md:3: photo ../pic.png has no credit; add credit: (and credit_url, license) so the photographer is named
content/book/a.md:3: photo ../pic.png has no alt text; add alt: describing the picture for readers who cannot see it`

// TestBookStrict: an uncredited photo and an unknown series are warnings
// that name the file and line; --strict makes the same messages errors and
// nothing is published.
func TestBookStrict(t *testing.T) {
	files, res, err := buildFS(uncredited, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != uncreditedWarnings {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), uncreditedWarnings)
	}
	if !bytes.Contains(files["credits/index.html"], []byte("No credit given")) {
		t.Error("the credits page does not flag the uncredited photo")
	}

	_, _, err = buildFS(uncredited, Options{Strict: true})
	if err == nil {
		t.Fatal("a strict build shipped an uncredited photo")
	}
	if err.Error() != uncreditedWarnings {
		t.Errorf("strict error:\n%v\nwant:\n%s", err, uncreditedWarnings)
	}
	for _, e := range content.Flatten(err) {
		if e.File == "" || e.Line == 0 {
			t.Errorf("error without file and line: %v", e)
		}
	}
}

// TestStats prints the manuscript count of the fixture book and compares it
// with testdata/book/stats.txt: words per chapter and part, reading times,
// the draft counted and marked, numbers as published.
func TestStats(t *testing.T) {
	books, warnings, err := Stats(os.DirFS(bookSite), Options{Now: fixtureNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}
	var buf bytes.Buffer
	if err := content.WriteStats(&buf, books); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "book", "stats.txt")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("stats (run with -update to accept):\n%s\nwant:\n%s", buf.String(), want)
	}
	b := books[0]
	if b.Chapters != 6 || b.Drafts != 1 || b.Words != b.Parts[0].Words+b.Parts[1].Words+b.Parts[2].Words+b.Parts[3].Words {
		t.Errorf("totals: %d chapters, %d drafts, %d words; parts %+v", b.Chapters, b.Drafts, b.Words, b.Parts)
	}
}

// A layout that overrides partials/contents.html in the form it had before
// "contents-item" existed (listing .Part.Chapters and marking .Current
// itself) still gets a sidebar with the current chapter marked.
func TestContentsOverrideWithoutItems(t *testing.T) {
	fsys := linkSite("title: Links\nbase_url: https://example.org/\n")
	fsys["layouts/partials/contents.html"] = &fstest.MapFile{Data: []byte(`{{define "contents"}}<nav class="contents">{{.Sidebar}}</nav>{{end}}
{{define "contents-part"}}{{$cur := .Current}}<ol>{{range .Part.Chapters}}<li{{if eq . $cur}} class="mine"{{end}}>{{.Page.Title}}</li>{{end}}</ol>{{end}}`)}
	files, _, err := buildFS(fsys, Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["book/p1/two/index.html"])
	for _, want := range []string{`<li>One</li>`, `<li class="mine">Two</li>`} {
		if !strings.Contains(got, want) {
			t.Errorf("chapter page lacks %s:\n%s", want, got)
		}
	}
}

// solidPNG is a w×h PNG of one colour.
func solidPNG(w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}
