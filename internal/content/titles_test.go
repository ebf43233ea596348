package content

import (
	"testing"
)

func TestFirstHeading(t *testing.T) {
	tests := []struct{ src, want string }{
		{"# Getting Started\n\nText.\n", "Getting Started"},
		{"Intro text.\n\n## Not this\n\n# The *Real* Title {#real}\n", "The Real Title"},
		{"```\n# a comment in code\n```\n\n# After the code ##\n", "After the code"},
		{"~~~md\n# in a fence\n```\nstill in\n~~~\n# Out\n", "Out"},
		{"Setext Title\n============\n\nText.\n", "Setext Title"},
		{"    # indented code\n\n#NoSpace\n\nplain\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstHeading([]byte(tt.src)); got != tt.want {
			t.Errorf("firstHeading(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestPlainChapters: a folder of Markdown files without front matter builds
// as a book, titled by their headings, ordered by their names, with one
// warning for all of them.
func TestPlainChapters(t *testing.T) {
	files := map[string]string{
		"book/_index.md": page("Book"),
		"book/ch02.md":   "# Second Steps\n\nText.\n",
		"book/ch01.md":   "Some words first.\n\n# First Steps\n",
		"book/ch03.md":   "No heading at all.\n",
		"book/titled.md": page("Titled"),
	}
	site, err := siteOf(t, files, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outline(site.Books[0]), "1 First Steps\n2 Second Steps\n3 Ch03\n4 Titled"; got != want {
		t.Errorf("book:\n%s\nwant:\n%s", got, want)
	}
	want := "content/book/ch01.md:1: has no front matter, and neither have content/book/ch02.md, content/book/ch03.md: a page without it takes its title from its first # heading (or its file name) and its place from its file name; add front matter to set them, such as\n---\ntitle: \"Introduction\"\norder: 10\n---"
	if got := warnings(site); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}
