package content

import (
	"strings"
	"testing"
)

// A name that cannot be a URL segment is refused with the character named
// and what to rename; other unusual names are kept (and escaped where
// URLs are written).
func TestURLNames(t *testing.T) {
	tests := []struct {
		file, text string
		want       string // "" for no error
	}{
		{"blog/what?#x.md", page("What", "date: 2025-01-01"), `content/blog/what?#x.md: the file name has "?", which cannot be part of the page's URL (it starts the query of a URL); rename the file`},
		{"hash#tag.md", page("Hash"), `content/hash#tag.md: the file name has "#", which cannot be part of the page's URL (it starts the fragment of a URL); rename the file`},
		{"100%.md", page("Percent"), `content/100%.md: the file name has "%", which cannot be part of the page's URL (it starts an escape such as %20 in a URL); rename the file`},
		{"new\nline.md", page("Line"), `content/new\nline.md: the file name has a line break (U+000A), which cannot be part of the page's URL`},
		{"tab\there.md", page("Tab"), `content/tab\there.md: the file name has a tab (U+0009)`},
		{`back\slash.md`, page("Back"), `content/back\slash.md: the file name has "\", which cannot be part of the page's URL (browsers read it as /)`},
		{"odd?/a.md", page("A"), `content/odd?/: the folder name "odd?" has "?", which cannot be part of a URL (it starts the query of a URL); rename the folder`},
		{"slugged.md", page("S", `slug: "a#b"`), `content/slugged.md:3: slug "a#b" has "#", which cannot be part of a URL (it starts the fragment of a URL); change the slug`},
		{"what?.md", page("Fine by slug", "slug: what"), ""},
		{"café & co's+1.md", page("Kept"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			files := map[string]string{tt.file: tt.text}
			if strings.HasPrefix(tt.file, "odd?/") {
				files["odd?/_index.md"] = page("Odd")
			}
			site, err := siteOf(t, files, false)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if p := site.Pages[0]; strings.Contains(p.URL, "?") {
					t.Errorf("URL %s", p.URL)
				}
				return
			}
			if !strings.Contains(errText(err), tt.want) {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
			if n := strings.Count(errText(err), "\n") + 1; n != 1 {
				t.Errorf("%d errors, want one:\n%v", n, err)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
