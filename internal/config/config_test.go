package config

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	cfg, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Minify || cfg.PageSize != 10 || cfg.Language != "en" {
		t.Errorf("defaults not applied: %+v", cfg)
	}
}

// TestPostAlias fills in the patterns of Jekyll's blogs.
func TestPostAlias(t *testing.T) {
	day := time.Date(2015, 2, 3, 9, 30, 0, 0, time.FixedZone("", -8*3600))
	for _, tc := range []struct {
		pattern    string
		categories []string
		want       string
	}{
		{"/:year/:month/:day/:title.html", nil, "/2015/02/03/Final-1.0-timeline.html"}, // the Rust blog
		{"/news/:year/:month/:day/:title/", []string{"release"}, "/news/2015/02/03/Final-1.0-timeline/"},
		{"date", []string{"Release", "news"}, "/release/news/2015/02/03/Final-1.0-timeline.html"},
		{"date", nil, "/2015/02/03/Final-1.0-timeline.html"},
		{"pretty", nil, "/2015/02/03/Final-1.0-timeline/"},
		{"none", []string{"a"}, "/a/Final-1.0-timeline.html"},
		{"/:short_year/:i_month/:i_day/:slug", nil, "/15/2/3/Final-1.0-timeline/"},
	} {
		if got := PostAlias(tc.pattern, day, "Final-1.0-timeline", tc.categories); got != tc.want {
			t.Errorf("%s %v: %s, want %s", tc.pattern, tc.categories, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  string
		check    func(Config) bool
	}{
		{name: "full", in: "title: T\nbase_url: https://example.org\nminify: false\nunsafe_html: true\npage_size: 3\nseries:\n  Coaching Behaviors:\n    description: D\n",
			check: func(c Config) bool {
				return c.Title == "T" && c.BaseURL == "https://example.org/" && !c.Minify && c.UnsafeHTML && c.PageSize == 3 &&
					c.Series["Coaching Behaviors"].Description == "D"
			}},
		{name: "typo", in: "title: T\nbaseurl: https://x.org/\n", wantErr: `folio.yaml:2: unknown key "baseurl"; did you mean "base_url"?`},
		{name: "far typo", in: "zzzzzzzzzz: 1\n", wantErr: `unknown key "zzzzzzzzzz"; known keys: author, base_url`},
		{name: "two typos reported together", in: "titel: T\nminfy: true\n", wantErr: `folio.yaml:1: unknown key "titel"; did you mean "title"?` + "\n" + `folio.yaml:2: unknown key "minfy"; did you mean "minify"?`},
		{name: "bad yaml", in: "title: [unclosed\n", wantErr: "folio.yaml:1: did not find expected"},
		{name: "not a mapping", in: "- a\n- b\n", wantErr: "folio.yaml:1: the file must be a mapping"},
		{name: "wrong type", in: "page_size: many\n", wantErr: `folio.yaml:1: expected a whole number, got the text "many"`},
		{name: "relative base", in: "base_url: example.org\n", wantErr: `base_url "example.org" is not an absolute URL`},
		{name: "zero page size", in: "page_size: 0\n", wantErr: "page_size must be at least 1"},
		{name: "far from every key lists them", in: "theme: dark\n", wantErr: `folio.yaml:1: unknown key "theme"; known keys: author, base_url, book_id`},
		{name: "params", in: "params:\n  analytics: UA-1\n  social:\n    mastodon: '@me'\n",
			check: func(c Config) bool {
				return c.Params["analytics"] == "UA-1" && c.Params["social"].(map[string]any)["mastodon"] == "@me"
			}},
		{name: "params not a mapping", in: "params: [a, b]\n", wantErr: "folio.yaml:1: params must be a mapping"},
		{name: "menu", in: "menu:\n  - title: Book\n    url: /book/\n  - title: Code\n    url: https://github.com/x/y\n",
			check: func(c Config) bool {
				return len(c.Menu) == 2 && c.Menu[0] == MenuEntry{"Book", "/book/"} && c.Menu[1].URL == "https://github.com/x/y"
			}},
		{name: "menu entry without url", in: "menu:\n  - title: Book\n", wantErr: "folio.yaml:2: menu entry has no url"},
		{name: "menu entry with unknown key", in: "menu:\n  - title: Book\n    link: /book/\n", wantErr: `folio.yaml:3: unknown menu key "link"`},
		{name: "menu not a list", in: "menu: Book\n", wantErr: "folio.yaml:1: menu must be a list of links"},
		{name: "edit_url", in: "edit_url: https://github.com/me/site/edit/main/{path}\n",
			check: func(c Config) bool {
				return c.EditLink("content/book/a b.md") == "https://github.com/me/site/edit/main/content/book/a%20b.md"
			}},
		{name: "edit_url without placeholder", in: "edit_url: https://github.com/me/site/\n", wantErr: "folio.yaml:1: edit_url has no {path}"},
		{name: "edit_url relative", in: "edit_url: edit/{path}\n", wantErr: "folio.yaml:1: edit_url must be an absolute URL"},
		{name: "post_aliases", in: "post_aliases: /:year/:month/:day/:title.html\n", check: func(c Config) bool { return c.PostAliases == "/:year/:month/:day/:title.html" }},
		{name: "post_aliases style", in: "post_aliases: pretty\n", check: func(c Config) bool { return c.PostAliases == "pretty" }},
		{name: "post_aliases relative", in: "post_aliases: :year/:title\n", wantErr: "folio.yaml:1: post_aliases must be the pattern of the addresses posts had, from the site's root"},
		{name: "post_aliases unknown placeholder", in: "\npost_aliases: /:year/:week/:title/\n", wantErr: "folio.yaml:2: post_aliases has :week, which folio does not fill in; it fills in :categories, :day, :i_day,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			err := Parse([]byte(tt.in), &cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(cfg) {
				t.Errorf("unexpected config %+v", cfg)
			}
		})
	}
}
