package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
)

// blogFixture is a small site with a blog, laid under the files of a case.
func blogFixture(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"folio.yaml":             {Data: []byte("title: Fixture\nbase_url: https://fixture.example.org/\n")},
		"content/blog/_index.md": {Data: []byte("---\ntitle: Blog\n---\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestBlogBadInput builds one fixture per kind of bad blog input and
// compares the whole message, word for word: each names the file and line,
// says what is wrong and how to fix it.
func TestBlogBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		err   string // the build's error, or "" when it succeeds
		warn  string // the build's warnings, one a line
	}{
		{
			name:  "missing date",
			files: map[string]string{"content/blog/undated.md": "---\ntitle: Undated\n---\n\nText.\n"},
			err:   "content/blog/undated.md:1: a blog post needs a date; add a line such as date: 2026-06-01 to its front matter, or start its file name with the day (2026-06-01-undated.md)",
		},
		{
			name:  "date in an unknown format",
			files: map[string]string{"content/blog/odd.md": "---\ntitle: Odd\ndate: 14/03/2026\n---\n\nText.\n"},
			err:   `content/blog/odd.md:3: front matter key "date": cannot read the text "14/03/2026" as a date; write YYYY-MM-DD (2026-03-14) or RFC 3339 (2026-03-14T09:30:00Z)`,
		},
		{
			name: "series names differing in case and spacing",
			files: map[string]string{
				"content/blog/one.md": "---\ntitle: One\ndate: 2026-01-01\nseries: Coaching Behaviors\n---\n\nText.\n",
				"content/blog/two.md": "---\ntitle: Two\ndate: 2026-02-01\nseries: coaching  behaviors\n---\n\nText.\n",
			},
			warn: `content/blog/two.md:4: series "coaching  behaviors" differs from "Coaching Behaviors" (used by content/blog/one.md) only in case or spacing; probably a typo, both are treated as "Coaching Behaviors"`,
		},
		{
			name: "duplicate slugs",
			files: map[string]string{
				"content/blog/first.md":  "---\ntitle: First\ndate: 2026-01-01\nslug: hello\n---\n\nText.\n",
				"content/blog/second.md": "---\ntitle: Second\ndate: 2026-01-02\nslug: hello\n---\n\nText.\n",
			},
			err: "content/blog/second.md:4: has the same URL /blog/hello/ as content/blog/first.md; rename one of them or give one a different slug",
		},
		{
			name:  "a tag that slugifies to nothing",
			files: map[string]string{"content/blog/tagged.md": "---\ntitle: Tagged\ndate: 2026-01-01\ntags: [coaching, \"?!\"]\n---\n\nText.\n"},
			err:   `content/blog/tagged.md:4: tag "?!" has no letters or digits to make a URL from; remove it or spell it out`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, res, err := buildInMemory(t, blogFixture(tc.files), build.Options{})
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.err {
				t.Errorf("error:\n got %s\nwant %s", gotErr, tc.err)
			}
			if res == nil {
				return
			}
			var warns []string
			for _, w := range res.Warnings {
				warns = append(warns, w.Error())
			}
			if got := strings.Join(warns, "\n"); got != tc.warn {
				t.Errorf("warnings:\n got %s\nwant %s", got, tc.warn)
			}
		})
	}
}
