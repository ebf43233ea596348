package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
)

// siteOf loads and links a site made of the given content/ files.
func siteOf(t *testing.T, files map[string]string, drafts bool) (*Site, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	site, err := Load(fsys, config.Default(), Options{Drafts: drafts, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return nil, err
	}
	return site, Link(site)
}

// page writes a page's source: a title and the given front matter lines.
func page(title string, lines ...string) string {
	return fmt.Sprintf("---\ntitle: %q\n%s---\n\nSome words of %s.\n", title, strings.Join(append(lines, ""), "\n"), title)
}

// outline prints a book as a reader sees its contents: part titles, then
// each chapter with its number (or "-" when unnumbered) and title.
func outline(b *Book) string {
	var lines []string
	for _, p := range b.Parts {
		if p.Index != nil {
			lines = append(lines, "# "+p.Index.Title)
		}
		for _, c := range p.Chapters {
			num := "-"
			if c.Number > 0 {
				num = fmt.Sprint(c.Number)
			}
			lines = append(lines, num+" "+c.Page.Title)
		}
	}
	return strings.Join(lines, "\n")
}

func warnings(s *Site) string {
	var out []string
	for _, w := range s.Warnings {
		out = append(out, w.Error())
	}
	return strings.Join(out, "\n")
}

func TestBookOrder(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		want     string
		warnings string
	}{{
		name: "order with gaps",
		files: map[string]string{
			"book/c.md": page("C", "order: 30"),
			"book/a.md": page("A", "order: 10"),
			"book/b.md": page("B", "order: 25"),
		},
		want: "1 A\n2 B\n3 C",
	}, {
		name: "equal orders fall back to the file name",
		files: map[string]string{
			"book/b.md": page("B", "order: 10"),
			"book/a.md": page("A", "order: 10"),
			"book/z.md": page("Z", "order: 5"),
		},
		want: "1 Z\n2 A\n3 B",
	}, {
		name: "no order anywhere: file-name order, no warning",
		files: map[string]string{
			"book/10-end.md":    page("End"),
			"book/02-middle.md": page("Middle"),
			"book/01-intro.md":  page("Intro"),
		},
		want: "1 Intro\n2 Middle\n3 End",
	}, {
		name: "some orders missing: ordered first, the rest by file name, each named in a warning",
		files: map[string]string{
			"book/a.md": page("A"),
			"book/b.md": page("B", "order: 20"),
			"book/c.md": page("C", "order: 10"),
			"book/d.md": page("D"),
		},
		want: "1 C\n2 B\n3 A\n4 D",
		warnings: "content/book/a.md: has no order while other chapters or parts of the book do; this chapter is placed after them, by file name (add order: to place it)\n" +
			"content/book/d.md: has no order while other chapters or parts of the book do; this chapter is placed after them, by file name (add order: to place it)",
	}, {
		name: "parts, front and back matter, numbering straight through the parts",
		files: map[string]string{
			"book/_index.md":            page("The Book"),
			"book/preface.md":           page("Preface", "order: 5", "numbered: false"),
			"book/one/_index.md":        page("Part One", "order: 10"),
			"book/one/b.md":             page("Second", "order: 20"),
			"book/one/a.md":             page("First", "order: 10"),
			"book/two/_index.md":        page("Part Two", "order: 20"),
			"book/two/c.md":             page("Third", "order: 10"),
			"book/two/sidebar.md":       page("An unnumbered aside", "order: 15", "numbered: false"),
			"book/two/d.md":             page("Fourth", "order: 20"),
			"book/acknowledgements.md":  page("Acknowledgements", "order: 90", "numbered: false"),
			"book/glossary.md":          page("Glossary", "order: 80", "numbered: true"),
			"book/three/_index.md":      page("Part Three", "order: 30"),
			"book/three/01-chapter.md":  page("Fifth", "order: 1"),
			"book/three/02-chapters.md": page("Sixth", "order: 2"),
		},
		want: "- Preface\n# Part One\n1 First\n2 Second\n# Part Two\n3 Third\n- An unnumbered aside\n4 Fourth\n# Part Three\n5 Fifth\n6 Sixth\n7 Glossary\n- Acknowledgements",
	}, {
		name: "parts ordered, chapters in them by file name: no warning",
		files: map[string]string{
			"book/b-part/_index.md": page("Part B", "order: 2"),
			"book/b-part/02-y.md":   page("Y"),
			"book/b-part/01-x.md":   page("X"),
			"book/a-part/_index.md": page("Part A", "order: 1"),
			"book/a-part/01-w.md":   page("W"),
		},
		want: "# Part A\n1 W\n# Part B\n2 X\n3 Y",
	}, {
		name: "a part without order among ordered ones is placed last, with a warning",
		files: map[string]string{
			"book/a/_index.md": page("Part A"),
			"book/a/x.md":      page("X"),
			"book/b/_index.md": page("Part B", "order: 1"),
			"book/b/y.md":      page("Y"),
		},
		want:     "# Part B\n1 Y\n# Part A\n2 X",
		warnings: "content/book/a/_index.md: has no order while other chapters or parts of the book do; this part is placed after them, by file name (add order: to place it)",
	}, {
		name: "a section typed book by its _index.md",
		files: map[string]string{
			"manual/_index.md": page("Manual", "type: book"),
			"manual/b.md":      page("B", "order: 2"),
			"manual/a.md":      page("A", "order: 1"),
		},
		want: "1 A\n2 B",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, err := siteOf(t, tt.files, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(site.Books) != 1 {
				t.Fatalf("got %d books, want 1", len(site.Books))
			}
			if got := outline(site.Books[0]); got != tt.want {
				t.Errorf("contents:\n%s\nwant:\n%s", got, tt.want)
			}
			if got := warnings(site); got != tt.warnings {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, tt.warnings)
			}
		})
	}
}

// sampleParts is a book whose parts meet in the middle of the reading order,
// with a draft between two chapters of part one.
var sampleParts = map[string]string{
	"book/_index.md":        page("Book"),
	"book/preface.md":       page("Preface", "order: 1", "numbered: false"),
	"book/p1/_index.md":     page("One", "order: 10"),
	"book/p1/a.md":          page("A", "order: 1"),
	"book/p1/draft.md":      page("Draft", "order: 2", "draft: true"),
	"book/p1/b.md":          page("B", "order: 3"),
	"book/p2/_index.md":     page("Two", "order: 20"),
	"book/p2/c.md":          page("C", "order: 1"),
	"book/p2/d.md":          page("D", "order: 2"),
	"book/afterword.md":     page("Afterword", "order: 30", "numbered: false"),
	"blog/_index.md":        page("Blog"),
	"blog/first.md":         page("First", "date: 2025-01-01", "series: Making Of"),
	"book/p2/unrelated.txt": "an asset, not a chapter",
}

// walk lists the chapters from the first by Next, each with what its Prev
// and Next are, so a broken link in either direction shows.
func walk(b *Book) string {
	var out []string
	for c := b.Chapters[0]; c != nil; c = c.Next {
		prev, next := "none", "none"
		if c.Prev != nil {
			prev = c.Prev.Page.Title
		}
		if c.Next != nil {
			next = c.Next.Page.Title
		}
		part := ""
		if c.Page.Part.Index != nil {
			part = c.Page.Part.Index.Title
		}
		out = append(out, fmt.Sprintf("%s<%s|%s>%s", prev, c.Page.Title, part, next))
	}
	return strings.Join(out, " ")
}

func TestBookDraftsAndPrevNext(t *testing.T) {
	site, err := siteOf(t, sampleParts, false)
	if err != nil {
		t.Fatal(err)
	}
	b := site.Books[0]
	if got, want := outline(b), "- Preface\n# One\n1 A\n2 B\n# Two\n3 C\n4 D\n- Afterword"; got != want {
		t.Errorf("without drafts:\n%s\nwant:\n%s", got, want)
	}
	// Prev and next cross the part boundaries (B → C) and reach front and
	// back matter; a chapter outside any part shows its part's title as "".
	want := "none<Preface|>A Preface<A|One>B A<B|One>C B<C|Two>D C<D|Two>Afterword D<Afterword|>none"
	if got := walk(b); got != want {
		t.Errorf("navigation:\n%s\nwant:\n%s", got, want)
	}
	if why := site.Omitted("book/p1/draft.md"); !strings.Contains(why, "draft") {
		t.Errorf("Omitted(draft) = %q, want the draft reason", why)
	}

	site, err = siteOf(t, sampleParts, true)
	if err != nil {
		t.Fatal(err)
	}
	b = site.Books[0]
	if got, want := outline(b), "- Preface\n# One\n1 A\n2 Draft\n3 B\n# Two\n4 C\n5 D\n- Afterword"; got != want {
		t.Errorf("with drafts:\n%s\nwant:\n%s", got, want)
	}
	if got := b.Chapters[2].Prev.Page.Title + ">" + b.Chapters[2].Page.Title + ">" + b.Chapters[2].Next.Page.Title; got != "A>Draft>B" {
		t.Errorf("with drafts, the draft's neighbours are %s, want A>Draft>B", got)
	}
}

func TestBookSeries(t *testing.T) {
	files := map[string]string{
		"book/_index.md": page("Book", `series: ["Making Of", "Coaching Behaviours"]`),
		"book/a.md":      page("A"),
		"blog/_index.md": page("Blog"),
		"blog/first.md":  page("First", "date: 2025-01-01", "series: Making Of"),
	}
	site, err := siteOf(t, files, false)
	if err != nil {
		t.Fatal(err)
	}
	b := site.Books[0]
	if len(b.Series) != 1 || b.Series[0].Name != "Making Of" || b.Series[0].Book != b {
		t.Errorf("book series = %+v, want Making Of linked back to the book", b.Series)
	}
	want := `content/book/_index.md:3: series "Coaching Behaviours" names a blog series no post has; check the spelling, or give a post series: "Coaching Behaviours"`
	if got := warnings(site); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestBookEqualNames: chapters with one file name (or slug) in different
// parts build, each known by its path in the book.
func TestBookEqualNames(t *testing.T) {
	files := map[string]string{
		"book/intro.md":        page("Introduction"),
		"book/one/_index.md":   page("One"),
		"book/one/intro.md":    page("Intro one"),
		"book/one/practice.md": page("Practice"),
		"book/two/_index.md":   page("Two"),
		"book/two/intro.md":    page("Intro two"),
		"book/two/start.md":    page("Start", "slug: practice"),
		"other/_index.md":      page("Other", "type: book"),
		"other/intro.md":       page("Intro of another book"),
	}
	site, err := siteOf(t, files, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range site.Books {
		for _, c := range b.Chapters {
			got = append(got, c.BookPath()+" "+c.Page.URL)
		}
	}
	want := []string{"intro /book/intro/", "one/intro /book/one/intro/", "one/practice /book/one/practice/",
		"two/intro /book/two/intro/", "two/practice /book/two/practice/", "intro /other/intro/"}
	if !slices.Equal(got, want) {
		t.Errorf("chapters:\n%q\nwant\n%q", got, want)
	}
}

// TestBundles: a folder's index.md is the page of the folder, for posts,
// chapters (at the top of a book and in parts), pages and series alike.
func TestBundles(t *testing.T) {
	files := map[string]string{
		"about/index.md":              page("About"),
		"blog/_index.md":              page("Blog"),
		"blog/my-post/index.md":       page("My post", "date: 2025-01-01"),
		"blog/other/index.md":         page("Other", "date: 2025-01-02", "slug: renamed"),
		"book/_index.md":              page("Book"),
		"book/a-chapter/index.md":     page("A chapter"),
		"book/b.md":                   page("B"),
		"book/one/_index.md":          page("One"),
		"book/one/in-a-part/index.md": page("In a part"),
		"series/making-of/index.md":   page("Making of"),
	}
	site, err := siteOf(t, files, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"about/index.md":              "page /about/ about/index.html",
		"blog/my-post/index.md":       "post /blog/my-post/ blog/my-post/index.html",
		"blog/other/index.md":         "post /blog/renamed/ blog/renamed/index.html",
		"book/a-chapter/index.md":     "chapter /book/a-chapter/ book/a-chapter/index.html",
		"book/one/in-a-part/index.md": "chapter /book/one/in-a-part/ book/one/in-a-part/index.html",
		"series/making-of/index.md":   "series /series/making-of/ series/making-of/index.html",
	}
	for p, w := range want {
		pg := site.PageByPath(p)
		if got := fmt.Sprintf("%s %s %s", pg.Kind, pg.URL, pg.OutPath); got != w {
			t.Errorf("%s: %s, want %s", p, got, w)
		}
	}
	if got := outline(site.Books[0]); got != "1 A chapter\n2 B\n# One\n3 In a part" {
		t.Errorf("book:\n%s", got)
	}
	if len(site.Menu) != 1 || site.Menu[0].Path != "about/index.md" {
		t.Errorf("menu: %v, want the about bundle", site.Menu)
	}
}

func TestBookErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{{
		name:  "order that is not an integer",
		files: map[string]string{"book/a.md": page("A", "order: ten"), "book/b.md": page("B", "order: 1.5")},
		want: "content/book/a.md:3: front matter key \"order\": expected a whole number such as 10, got the text \"ten\"\n" +
			"content/book/b.md:3: front matter key \"order\": expected a whole number such as 10, got 1.5",
	}, {
		name:  "two chapters with the same slug in one folder",
		files: map[string]string{"book/intro.md": page("Intro"), "book/start.md": page("Start", "slug: intro")},
		want:  "content/book/start.md:3: has the same URL /book/intro/ as content/book/intro.md; rename one of them or give one a different slug",
	}, {
		name:  "a part folder without _index.md",
		files: map[string]string{"book/a.md": page("A"), "book/part-two/b.md": page("B"), "book/part-two/c.md": page("C")},
		want:  `content/book/part-two/: this folder of the book has no _index.md, which a part needs; create content/book/part-two/_index.md with the part's title and order (title: "Part two", order: 10), or move its chapters up into book/`,
	}, {
		name:  "a chapter nested too deep",
		files: map[string]string{"book/p/_index.md": page("P"), "book/p/deeper/a.md": page("A")},
		want:  "content/book/p/deeper/a.md: is nested too deep: a book holds chapters and part folders of chapters; move it up into book/p/",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := siteOf(t, tt.files, false)
			if err == nil {
				t.Fatalf("no error, want:\n%s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// An index.md at the top of a blog or book folder (Go's website keeps
// content/blog/index.md) is one error saying to name it _index.md, not a
// post without a date at the blog's own address.
func TestSectionBundle(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"blog/index.md", "content/blog/index.md: is the page of the blog folder content/blog/ itself, which folio reads from _index.md (with an underscore, as Hugo does): rename it to _index.md"},
		{"book/index.md", "content/book/index.md: is the page of the book folder content/book/ itself, which folio reads from _index.md (with an underscore, as Hugo does): rename it to _index.md"},
	} {
		_, err := siteOf(t, map[string]string{tc.file: page("Index"), "blog/post.md": page("Post", "date: 2025-01-01"), "book/one.md": page("One")}, false)
		if err == nil || err.Error() != tc.want {
			t.Errorf("error\n got %v\nwant %s", err, tc.want)
		}
	}
}
