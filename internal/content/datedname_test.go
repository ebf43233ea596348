package content

import (
	"testing"
	"time"
)

// A page named after its day (Jekyll's _posts/2015-05-15-rust-1.0.md) takes
// the day as its date when front matter has none; its URL keeps the name,
// and a title taken from the name leaves the day out.
func TestDatedNames(t *testing.T) {
	files := map[string]string{
		"blog/2015-05-15-rust-1.0.md":     page("Rust 1.0"),
		"blog/2016-01-02-dated.md":        page("Dated", "date: 2016-01-03 10:00:00 +0100"),
		"blog/2017-03-04-bundle/index.md": page("Bundle"),
		"blog/2018-01-01_underscore.md":   page("Underscore"),
		"blog/2019-02-03-slugged.md":      page("Slugged", "slug: kept-as-set"),
		"blog/2020-02-30-no-such-day.md":  page("No such day", "date: 2020-03-01"),
		"blog/2021-04-05-plain.md":        "No front matter.\n",
		"notes/2022-06-07-meeting.md":     page("Meeting"),
		"blog/2023-01-01.md":              page("Only a day", "date: 2023-01-01"),
	}
	site, err := siteOf(t, files, false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, url, title string
		date             time.Time
	}{
		{"blog/2015-05-15-rust-1.0.md", "/blog/2015-05-15-rust-1.0/", "Rust 1.0", day(2015, 5, 15)},
		{"blog/2016-01-02-dated.md", "/blog/2016-01-02-dated/", "Dated", time.Date(2016, 1, 3, 9, 0, 0, 0, time.UTC)},
		{"blog/2017-03-04-bundle/index.md", "/blog/2017-03-04-bundle/", "Bundle", day(2017, 3, 4)},
		{"blog/2018-01-01_underscore.md", "/blog/2018-01-01_underscore/", "Underscore", day(2018, 1, 1)},
		{"blog/2019-02-03-slugged.md", "/blog/kept-as-set/", "Slugged", day(2019, 2, 3)},
		{"blog/2020-02-30-no-such-day.md", "/blog/2020-02-30-no-such-day/", "No such day", day(2020, 3, 1)},
		{"blog/2021-04-05-plain.md", "/blog/2021-04-05-plain/", "Plain", day(2021, 4, 5)},
		{"notes/2022-06-07-meeting.md", "/notes/2022-06-07-meeting/", "Meeting", day(2022, 6, 7)},
		{"blog/2023-01-01.md", "/blog/2023-01-01/", "Only a day", day(2023, 1, 1)},
	}
	for _, tt := range tests {
		p := site.PageByPath(tt.path)
		if p == nil {
			t.Errorf("%s: not loaded", tt.path)
			continue
		}
		if p.URL != tt.url || p.Title != tt.title || !p.Date.Equal(tt.date) {
			t.Errorf("%s: URL %s, title %q, date %v; want %s, %q, %v", tt.path, p.URL, p.Title, p.Date, tt.url, tt.title, tt.date)
		}
	}
}

// An undated post says both ways to date it: for a bundle, by its folder.
func TestDatedNameErrors(t *testing.T) {
	for file, want := range map[string]string{
		"blog/undated.md":               "content/blog/undated.md:1: a blog post needs a date; add a line such as date: 2026-01-01 to its front matter, or start its file name with the day (2026-01-01-undated.md)",
		"blog/0.25.1-relnotes/index.md": "content/blog/0.25.1-relnotes/index.md:1: a blog post needs a date; add a line such as date: 2026-01-01 to its front matter, or start its folder's name with the day (2026-01-01-0.25.1-relnotes/)",
	} {
		_, err := siteOf(t, map[string]string{file: page("Undated")}, false)
		if err == nil || err.Error() != want {
			t.Errorf("error\n got %v\nwant %s", err, want)
		}
	}
}
