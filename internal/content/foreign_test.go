package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
)

// Keys of other generators are warnings naming the folio key, the file and
// the line, in each front matter format; any other unknown key is silent and
// reaches .Params.
func TestForeignKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"content/hugo.md":  {Data: []byte("---\ntitle: Hugo\nweight: 20\nlastmod: 2026-01-02\ncategories: [a]\nmood: calm\n---\n")},
		"content/both.md":  {Data: []byte("---\ntitle: Both\norder: 3\nweight: 20\n---\n")},
		"content/toml.md":  {Data: []byte("+++\ntitle = \"T\"\n\n[cover]\nsrc = \"c.jpg\"\n+++\n")},
		"content/json.md":  {Data: []byte("{\n\"title\": \"J\",\n\"images\": [\"a.jpg\"]\n}\n\n")},
		"content/draft.md": {Data: []byte("---\ntitle: D\ndraft: true\nexcerpt: Short.\n---\n")},
		"content/moved.md": {Data: []byte("---\ntitle: Moved\nredirect_from:\n  - /2019/moved.html\n---\n")},
		"content/own.md":   {Data: []byte("---\ntitle: Own\ntags: [a]\nseries: S\ndate: 2026-01-01\naliases: [/old/]\nrepository: x\n---\n")},
	}
	want := []string{
		"content/both.md:4: weight is a key of Hugo and Zola; folio's is order (a whole number; gaps such as 10, 20, 30 are fine); this page has order too, so weight is ignored",
		"content/draft.md:4: excerpt is a key of Jekyll; folio's is summary; rename it, or excerpt is ignored",
		"content/hugo.md:3: weight is a key of Hugo and Zola; folio's is order (a whole number; gaps such as 10, 20, 30 are fine); rename it, or weight is ignored",
		"content/hugo.md:4: lastmod is a key of Hugo; folio's is updated; rename it, or lastmod is ignored",
		"content/hugo.md:5: categories is a key of Hugo, Jekyll and Zola; folio's is tags (folio has one kind of taxonomy); rename it, or categories is ignored",
		"content/json.md:3: images is a key of Hugo; folio's is photo (photo: {src: ..., alt: ..., credit: ...}, one photo per page); rename it, or images is ignored",
		"content/moved.md:3: redirect_from is a key of Jekyll's jekyll-redirect-from; folio's is aliases (the old addresses from the site's root, such as [/2019/old-title/]); rename it, or redirect_from is ignored",
		"content/toml.md:4: cover is a key of Hugo themes; folio's is photo (photo: {src: ..., alt: ..., credit: ...}; in a book's _index.md it is the cover); rename it, or cover is ignored",
	}
	site := loadWarns(t, fsys, want)
	own := site.PageByPath("own.md")
	if own.Params["repository"] != "x" {
		t.Errorf("unknown keys do not reach Params: %v", own.Params)
	}
	if hugo := site.PageByPath("hugo.md"); hugo.Params["mood"] != "calm" || hugo.Params["weight"] == nil {
		t.Errorf("params of a page with foreign keys: %v", hugo.Params)
	}
}

// A Markdown file with another extension than .md (Jekyll's own posts are
// .markdown files) is published as a file, with a warning that says to
// rename it; other files are silent.
func TestOtherMarkdownExtensions(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  string
	}{
		{
			files: map[string]string{
				"blog/2013-05-06-released.markdown": "---\ntitle: Released\n---\n",
				"notes.mkd":                         "Notes\n",
				"README.MD":                         "Read me\n",
				"page.md":                           "---\ntitle: Page\n---\n",
				"talk.pdf":                          "%PDF",
			},
			want: "content/README.MD: is copied as a file, not made a page, and so are 2 other Markdown files not named .md (content/blog/2013-05-06-released.markdown, ...): folio makes pages of .md files only; rename them to .md, such as README.md",
		},
		{
			files: map[string]string{"notes.mkd": "Notes\n", "talk.pdf": "%PDF"},
			want:  "content/notes.mkd: is copied as a file, not made a page: folio makes pages of .md files only; rename it to notes.md",
		},
		// A Quarto book's chapters.
		{
			files: map[string]string{"book/intro.qmd": "# Intro\n", "book/analysis.Rmd": "# Analysis\n", "book/_quarto.yml": "project:\n"},
			want:  "content/book/analysis.Rmd: is copied as a file, not made a page, and so is content/book/intro.qmd: folio makes pages of .md files only; rename them to .md, such as analysis.md",
		},
	} {
		fsys := fstest.MapFS{}
		for name, text := range tc.files {
			fsys["content/"+name] = &fstest.MapFile{Data: []byte(text)}
		}
		site, err := Load(fsys, config.Default(), Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(site.Warnings) != 1 || site.Warnings[0].Error() != tc.want {
			t.Errorf("warnings %v\nwant %s", site.Warnings, tc.want)
		}
		if len(site.Assets) != len(tc.files)-len(site.Pages) {
			t.Errorf("%d pages, %d assets of %d files", len(site.Pages), len(site.Assets), len(tc.files))
		}
	}
}

// A key many migrated pages share is one warning at its first page, counting
// and naming the others, not a line a page.
func TestForeignKeysGrouped(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := 1; i <= 5; i++ {
		fsys[fmt.Sprintf("content/blog/p%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: P%d\ndate: 2026-01-0%d\ncategories: [release]\n---\n", i, i))}
	}
	fsys["content/blog/two.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Two\ndate: 2026-01-09\nexcerpt: A.\n---\n")}
	fsys["content/blog/twin.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Twin\ndate: 2026-01-09\n\nexcerpt: B.\n---\n")}
	want := []string{
		"content/blog/p1.md:4: categories is a key of Hugo, Jekyll and Zola; folio's is tags (folio has one kind of taxonomy); rename it, or categories is ignored (the same in 4 other pages: content/blog/p2.md:4, content/blog/p3.md:4, ...)",
		"content/blog/twin.md:5: excerpt is a key of Jekyll; folio's is summary; rename it, or excerpt is ignored (the same in content/blog/two.md:4)",
	}
	loadWarns(t, fsys, want)
}

// loadWarns loads the site in fsys and checks its warnings against want.
func loadWarns(t *testing.T, fsys fstest.MapFS, want []string) *Site {
	t.Helper()
	site, err := Load(fsys, config.Default(), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range site.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return site
}

// A page with a title whose front matter redirects it too (Zola's
// sections, jekyll-redirect-from's redirect_to) is shown, with a warning
// that it redirects nothing.
func TestRedirectWithTitle(t *testing.T) {
	fsys := fstest.MapFS{
		"content/docs/_index.md": {Data: []byte("+++\ntitle = \"Docs\"\nredirect_to = \"docs/overview\"\n+++\n")},
		"content/moved.md":       {Data: []byte("---\ntitle: Moved\nredirect_to: https://example.org/moved/\n---\n")},
	}
	loadWarns(t, fsys, []string{
		"content/docs/_index.md:3: redirects to /docs/overview, which folio does not do for a page with a title: it shows this page; to send its readers to /docs/overview, remove this file and list its address under aliases: of the page there",
		"content/moved.md:3: redirects to https://example.org/moved/, which folio does not do for a page with a title: it shows this page; to send its readers there, remove this file and set up the redirect at your host",
	})
}
