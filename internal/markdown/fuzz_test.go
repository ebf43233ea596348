package markdown

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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
		"<div style=\"a\">\n<img src=\"broken.png\"> <a href=\"other.md\" onclick=\"x\">x</a>\n\n<span>open\n\n</p></em>\n",
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
		for _, w := range doc.Warnings {
			checkLine("warning "+w.Message, w.Line)
		}
	})
}

// FuzzEditions holds Env.Editions to its promise: each edition rendered from
// the one parse is what converting with its Env alone gives (HTML, headings,
// problems, the anchors it is told of), and asking for editions changes
// nothing of the first rendering. The Envs differ the way a chapter's web
// page, print edition and EPUB document do: ids prefixed or not, links
// rewritten, kept, unwrapped or broken, images resolved differently.
func FuzzEditions(f *testing.F) {
	for _, seed := range []string{
		"# Title {#top}\n\nText with [a link](other.md#part), [a post](../blog/post.md) and [in page](#top).\n",
		"# title\n\n# Title\n\n[up](#title)\n",
		"![A chair](chair.jpg \"The empty chair\")\n\n<!--more-->\n\n[![inline](x.png)](../blog/p.md) and [](../blog/empty.md)[^1]\n\n[^1]: A [note](other.md).\n",
		"| a | b |\n|---|---|\n| [x](broken.md) | ![y](broken.png) |\n\n## Same\n\n## Same\n\n[*two* words](../blog/a.md)[next](../blog/b.md)\n",
		"> quote\n>\n> - [list](../up.md#x) [web](https://example.org/) <https://example.org/a>\n\n```go\ncode\n```\n",
		"| left | right | centre |\n|:--|--:|:-:|\n| [a](other.md) | 2 | ![c](c.png) |\n\n| x |\n|--:|\n| 1 {.n} |\n",
		"Line<br>two <img src=\"fig.png\" alt=\"F\" srcset=\"fig.png 1x, broken.png 2x\"> <a href=\"../blog/post.md\">post</a> <a href=\"#top\">up</a>\n\n<div class=\"n\" style=\"x\">\n<picture><source srcset=\"a.webp\"><img src=\"a.png\" width=\"5\"></picture>\n\n*md*\n\n<!--more-->\n\n<details><summary>S</summary><a href=\"broken.md\">b</a></details>\n",
		"> [!NOTE]\n> See [the start](#top) and [a post](../blog/post.md).\n\n- item\n\n  > [!WARNING]\n  > ![y](x.png) [^1]\n\n[^1]: [note](other.md)\n",
		"```go {linenos=true hl_lines=[2,\"3-4\"] linenostart=7}\nfunc main() {\n\tx := `[a](other.md)`\n}\n```\n\n```klingon {hl_lines=\"x\"}\nQapla'\n```\n\n    indented [a](b.md)\n",
	} {
		f.Add([]byte(seed))
	}
	// Inputs of odd length go through unsafe_html, the rest through the
	// raw-HTML policy, so both are held to the promise.
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		c := safe
		if len(src)%2 == 1 {
			c = unsafe
		}
		checkForms(t, c, src)
	})
}

// TestFormsOnFixtures holds the markdown fixtures (testdata/golden) to
// FuzzEditions' promise: rendered at once, the page's, the feed's and the
// editions' forms are what separate conversions give.
func TestFormsOnFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, c := range []*Converter{New(Options{}), New(Options{UnsafeHTML: true})} {
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(filepath.Base(name), func(t *testing.T) { checkForms(t, c, src) })
		}
	}
}

// formCall is a call of an Env's Anchor.
type formCall struct {
	id   string
	line int
}

// formEnv is the Env of a form named name: web, print or epub.
func formEnv(name, prefix string, calls *[]formCall) Env {
	return Env{
		FirstLine: 3,
		IDPrefix:  prefix,
		Link: func(dest string, line int) (string, error) {
			switch {
			case strings.Contains(dest, "broken"):
				return "", errors.New("broken link")
			case name == "epub" && strings.Contains(dest, "blog"):
				return "", ErrUnlink
			case name == "web" && strings.Contains(dest, "post"):
				return "", ErrUnlink
			}
			return "/" + name + "/" + dest, nil
		},
		Image: func(src string, line int) (Image, error) {
			if strings.Contains(src, "broken") {
				return Image{}, errors.New("broken image")
			}
			if name == "epub" {
				return Image{URL: "images/" + src}, nil
			}
			return Image{URL: "/" + name + "/" + src, Width: 3, Height: 2, SrcSet: "/" + name + "/" + src + " 2x"}, nil
		},
		Anchor: func(id string, line int) { *calls = append(*calls, formCall{id, line}) },
	}
}

// checkForms converts src with a web page's Env, its feed's base and two
// editions, and then with each Env alone, and compares.
func checkForms(t *testing.T, c *Converter, src []byte) {
	var got, want [3][]formCall
	first := formEnv("web", "", &got[0])
	first.Base = "https://example.org/book/ch/"
	first.Title = "Title"
	epub := formEnv("epub", "", &got[2])
	epub.NoImageSets = true
	first.Editions = []Env{formEnv("print", "c1--", &got[1]), epub}
	doc, err := c.Convert(src, first)
	if err != nil {
		return
	}
	alone := first
	alone.Editions = nil
	// Without a base the page is one form alone, its tree unwrapped.
	page := alone
	page.Base, page.Anchor = "", nil
	ref, err := c.Convert(src, page)
	if err != nil {
		t.Fatalf("the page alone: %v", err)
	}
	if !bytes.Equal(doc.HTML, ref.HTML) {
		t.Errorf("the page alone:\n got %s\nwant %s", doc.HTML, ref.HTML)
	}
	for i, e := range append([]Env{alone}, first.Editions...) {
		e.Anchor = formEnv("", "", &want[i]).Anchor
		e.FirstLine, e.Base, e.Title = first.FirstLine, "", first.Title
		if i == 0 {
			e.Base = first.Base
		}
		ref, err := c.Convert(src, e)
		if err != nil {
			t.Fatalf("edition %d alone: %v", i, err)
		}
		html, heads, probs := doc.HTML, doc.Headings, doc.Problems
		if i > 0 {
			ed := doc.Editions[i-1]
			html, heads, probs = ed.HTML, ed.Headings, ed.Problems
		} else if !bytes.Equal(doc.AbsHTML, ref.AbsHTML) {
			t.Errorf("absolute HTML differs with editions:\n got %s\nwant %s", doc.AbsHTML, ref.AbsHTML)
		}
		if !bytes.Equal(html, ref.HTML) {
			t.Errorf("edition %d HTML:\n got %s\nwant %s", i, html, ref.HTML)
		}
		if !reflect.DeepEqual(heads, ref.Headings) {
			t.Errorf("edition %d headings: got %v, want %v", i, heads, ref.Headings)
		}
		if !reflect.DeepEqual(probs, ref.Problems) {
			t.Errorf("edition %d problems: got %v, want %v", i, probs, ref.Problems)
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("edition %d anchors: got %v, want %v", i, got[i], want[i])
		}
	}
}
