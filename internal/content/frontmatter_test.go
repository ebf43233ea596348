package content

import (
	"fmt"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
)

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// loadOne loads a site holding content/page.md with src and returns the page.
func loadOne(t *testing.T, src string) (*Page, error) {
	t.Helper()
	site, err := Load(fstest.MapFS{"content/page.md": {Data: []byte(src)}}, config.Default(), Options{Now: testNow})
	if err != nil {
		return nil, err
	}
	p := site.PageByPath("page.md")
	if p == nil {
		t.Fatal("the page was loaded but is not in the site")
	}
	return p, nil
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The same front matter in the three formats decodes to the same typed
// values, unknown keys pass through as params, and every key knows its line.
func TestFrontMatterFormats(t *testing.T) {
	yes := true
	want := FrontMatter{
		Title: "Partnership", Date: day(2026, 3, 14), Updated: time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC),
		Order: 2, HasOrder: true, Slug: "partners", Summary: "Two people, one goal.", Description: "On partnership",
		Tags: []string{"coaching", "trust"}, Series: []string{"Coaching Behaviors"}, Layout: "post", Numbered: &yes,
		Subtitle: "A sub", Author: "Maren Holt", Status: "forthcoming",
		Photo: &Photo{Src: "img/p.jpg", Alt: "Two chairs", Credit: "Tom Crew", CreditURL: "https://example.org/tom", License: "CC0"},
	}
	tests := []struct {
		name, src string
		params    map[string]string // key → fmt.Sprint of the value
		lines     map[string]int
		bodyLine  int
	}{
		{name: "yaml", src: `---
title: Partnership
date: 2026-03-14
updated: 2026-03-15T09:30:00Z
order: 2
slug: partners
summary: "Two people, one goal."
description: On partnership
tags: [coaching, trust]
series: Coaching Behaviors
layout: post
numbered: true
subtitle: A sub
author: Maren Holt
status: forthcoming
photo:
  src: img/p.jpg
  alt: Two chairs
  credit: Tom Crew
  credit_url: https://example.org/tom
  license: CC0
mood: calm
rating: 4
---
Body text.
`, params: map[string]string{"mood": "calm", "rating": "4"},
			lines: map[string]int{"title": 2, "order": 5, "photo": 16, "mood": 22}, bodyLine: 25},
		{name: "toml", src: `+++
title = "Partnership"
date = 2026-03-14
updated = 2026-03-15T09:30:00Z
order = 2
slug = "partners"
summary = "Two people, one goal."
description = "On partnership"
tags = ["coaching", "trust"]
series = "Coaching Behaviors"
layout = "post"
numbered = true
subtitle = "A sub"
author = "Maren Holt"
status = "forthcoming"
mood = "calm"
rating = 4

[photo]
src = "img/p.jpg"
alt = "Two chairs"
credit = "Tom Crew"
credit_url = "https://example.org/tom"
license = "CC0"
+++
Body text.
`, params: map[string]string{"mood": "calm", "rating": "4"},
			lines: map[string]int{"title": 2, "order": 5, "photo": 19, "mood": 16}, bodyLine: 26},
		{name: "json", src: `{
  "title": "Partnership",
  "date": "2026-03-14",
  "updated": "2026-03-15T09:30:00Z",
  "order": 2,
  "slug": "partners",
  "summary": "Two people, one goal.",
  "description": "On partnership",
  "tags": ["coaching", "trust"],
  "series": "Coaching Behaviors",
  "layout": "post",
  "numbered": true,
  "subtitle": "A sub",
  "author": "Maren Holt",
  "status": "forthcoming",
  "photo": {"src": "img/p.jpg", "alt": "Two chairs", "credit": "Tom Crew",
    "credit_url": "https://example.org/tom", "license": "CC0"},
  "mood": "calm",
  "rating": 4
}

Body text.
`, params: map[string]string{"mood": "calm", "rating": "4"},
			lines: map[string]int{"title": 2, "order": 5, "photo": 16, "mood": 18}, bodyLine: 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := loadOne(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			got := p.FrontMatter
			for key, line := range tt.lines {
				if got.Line(key) != line {
					t.Errorf("line of %s = %d, want %d", key, got.Line(key), line)
				}
			}
			if got.Photo == nil || got.Photo.Line != tt.lines["photo"] {
				t.Errorf("photo line: got %+v, want line %d", got.Photo, tt.lines["photo"])
			}
			params := map[string]string{}
			for k, v := range got.Params {
				params[k] = fmt.Sprint(v)
			}
			if !reflect.DeepEqual(params, tt.params) {
				t.Errorf("params = %v, want %v", params, tt.params)
			}
			got.Params, got.Lines = nil, nil
			got.Photo.Line = 0
			if !reflect.DeepEqual(got, want) {
				t.Errorf("front matter\n got %+v\nwant %+v", got, want)
			}
			if !reflect.DeepEqual(*got.Photo, *want.Photo) {
				t.Errorf("photo\n got %+v\nwant %+v", *got.Photo, *want.Photo)
			}
			if p.BodyLine != tt.bodyLine || string(BodyOf(p)) != "Body text.\n" {
				t.Errorf("body starts on line %d (want %d): %q", p.BodyLine, tt.bodyLine, BodyOf(p))
			}
		})
	}
}

// Dates are a day or an RFC 3339 instant in every format; TOML's and YAML's
// own date values count as well, and a day without a zone is read as UTC.
func TestFrontMatterDates(t *testing.T) {
	tests := []struct {
		name, src string
		want      time.Time
	}{
		{"yaml day", "---\ntitle: T\ndate: 2026-03-14\n---\n", day(2026, 3, 14)},
		{"yaml quoted day", "---\ntitle: T\ndate: \"2026-03-14\"\n---\n", day(2026, 3, 14)},
		{"yaml instant", "---\ntitle: T\ndate: 2026-03-14T09:30:00+01:00\n---\n", time.Date(2026, 3, 14, 8, 30, 0, 0, time.UTC)},
		{"yaml padded", "---\ntitle: T\ndate: ' 2026-03-14 '\n---\n", day(2026, 3, 14)},
		{"toml local date", "+++\ntitle = \"T\"\ndate = 2026-03-14\n+++\n", day(2026, 3, 14)},
		{"toml local date-time", "+++\ntitle = \"T\"\ndate = 2026-03-14T09:30:00\n+++\n", time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)},
		{"toml offset date-time", "+++\ntitle = \"T\"\ndate = 2026-03-14T09:30:00-05:00\n+++\n", time.Date(2026, 3, 14, 14, 30, 0, 0, time.UTC)},
		{"toml string", "+++\ntitle = \"T\"\ndate = \"2026-03-14\"\n+++\n", day(2026, 3, 14)},
		{"json day", "{\n\"title\": \"T\",\n\"date\": \"2026-03-14\"\n}\n\n", day(2026, 3, 14)},
		{"json instant", "{\n\"title\": \"T\",\n\"date\": \"2026-03-14T09:30:00Z\"\n}\n\n", time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)},
		// As Jekyll writes them (jekyll/jekyll's docs/_posts) and Hugo reads them.
		{"jekyll zone", "---\ntitle: T\ndate: 2014-12-17 11:16:21 -0800\n---\n", time.Date(2014, 12, 17, 19, 16, 21, 0, time.UTC)},
		{"jekyll zone with colon", "---\ntitle: T\ndate: 2014-12-17 11:16:21 +05:30\n---\n", time.Date(2014, 12, 17, 5, 46, 21, 0, time.UTC)},
		{"jekyll no zone", "---\ntitle: T\ndate: 2014-12-17 11:16:21\n---\n", time.Date(2014, 12, 17, 11, 16, 21, 0, time.UTC)},
		{"minutes only", "---\ntitle: T\ndate: 2014-12-17 11:16\n---\n", time.Date(2014, 12, 17, 11, 16, 0, 0, time.UTC)},
		{"yaml timestamp with space", "---\ntitle: T\ndate: 2014-12-17 11:16:21-08:00\n---\n", time.Date(2014, 12, 17, 19, 16, 21, 0, time.UTC)},
		{"unpadded month", "---\ntitle: T\ndate: \"2024-4-09\"\n---\n", day(2024, 4, 9)}, // golang/website's survey2024-h1-results.md
		{"hugo local", "---\ntitle: T\ndate: \"2014-12-17T11:16:21\"\n---\n", time.Date(2014, 12, 17, 11, 16, 21, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := loadOne(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Date.Equal(tt.want) {
				t.Errorf("date = %v, want %v", p.Date, tt.want)
			}
		})
	}
}

// Each problem names the file and the line of the key, says what is wrong and
// how to fix it.
func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml unclosed", "---\ntitle: T\n", "content/page.md:1: front matter opened with --- is never closed; add a line holding only --- after the last key"},
		{"json on one line", "{\"title\": \"T\"}\n\nBody.\n", "content/page.md:1: JSON front matter must open with a line holding only {; put the keys on the lines below it"},
		{"yaml not a mapping", "---\n- a\n- b\n---\n", "content/page.md:2: front matter must be a mapping of keys to values (title: ...)"},
		{"yaml duplicate key", "---\ntitle: A\ntitle: B\n---\n", `content/page.md:3: front matter key "title" appears twice (also on line 2); keep one`},
		{"yaml tab", "---\ntitle: A\n\tdate: 2026-01-01\n---\n", "content/page.md:3: malformed YAML front matter: found a tab character that violates indentation; check the indentation, and quote a value that holds \": \" or starts with [, {, *, &, !, |, >, %, @ or a quote"},
		{"toml duplicate key", "+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n", `content/page.md:3: malformed TOML front matter: Key 'title' has already been defined.; TOML wants key = value, with texts in double quotes`},
		{"json trailing comma", "{\n\"title\": \"T\",\n}\n\n", "content/page.md:3: malformed JSON front matter: invalid character '}' looking for beginning of object key string; keys and texts need double quotes, entries a comma between them and none after the last"},
		{"json array", "{\n\"title\": [\"T\"]\n}\n\n", `content/page.md:2: front matter key "title": expected text, got a list`},
		{"order float", "---\ntitle: T\norder: 1.5\n---\n", `content/page.md:3: front matter key "order": expected a whole number such as 10, got 1.5`},
		{"order json float", "{\n\"title\": \"T\",\n\"order\": 1.5\n}\n\n", `content/page.md:3: front matter key "order": expected a whole number such as 10, got 1.5`},
		{"order too large", "---\ntitle: T\norder: 99999999999999999999999999\n---\n", `content/page.md:3: front matter key "order": expected a whole number such as 10, got 1e+26`},
		{"slug with slash", "---\ntitle: T\nslug: ../../etc\n---\n", `content/page.md:3: front matter key "slug": "../../etc" is not one URL segment; a slug replaces the last part of the URL, such as partnership`},
		{"type", "---\ntitle: T\ntype: manual\n---\n", `content/page.md:3: front matter key "type": unknown section type "manual"; use book or blog`},
		{"photo without src", "---\ntitle: T\nphoto:\n  alt: A\n---\n", `content/page.md:3: front matter key "photo": src is missing; give the image path relative to this file`},
		{"toml photo table", "+++\ntitle = \"T\"\n\n[photo]\nalt = \"A\"\n+++\n", `content/page.md:4: front matter key "photo": src is missing; give the image path relative to this file`},
		{"tags mapping", "---\ntitle: T\ntags: {a: 1}\n---\n", `content/page.md:3: front matter key "tags": expected a list of texts such as [coaching, trust], got a mapping`},
		{"empty title", "---\ntitle: \"\"\n---\n", "content/page.md:2: front matter title is empty; give the page a title"},
		{"null title", "---\ntitle:\n---\n", `content/page.md:2: front matter key "title": expected text, got nothing`},
		// Go's website and Jekyll's jekyll-redirect-from keep pages that only redirect.
		{"redirect stub", "---\nredirect: /blog/cgo\n---\n", "content/page.md:2: is a page that only redirects to /blog/cgo, which folio makes from the other end: add this page's old address to aliases: in the front matter of the page at /blog/cgo (aliases: [/old/address/]), and remove this file"},
		{"redirect_to stub", "---\nlayout: none\nredirect_to: https://example.org/x/\n---\n", "content/page.md:3: is a page that only redirects to https://example.org/x/, another site, which folio makes no page for: set up the redirect at your host, and remove this file"},
		// getzola/zola's docs: a section that redirects to a path of the
		// site, written without the leading slash.
		{"zola redirect_to", "+++\ntemplate = \"documentation.html\"\nredirect_to = \"documentation/getting-started/\"\n+++\n", "content/page.md:3: is a page that only redirects to /documentation/getting-started/, which folio makes from the other end: add this page's old address to aliases: in the front matter of the page at /documentation/getting-started/ (aliases: [/old/address/]), and remove this file"},
		{"no title json", "{\n\"date\": \"2026-01-01\"\n}\n\n", `content/page.md:1: front matter has no title; add a line such as "title": "Page"`},
		{"several", "---\norder: x\ndraft: 1\n---\n", "content/page.md:1: front matter has no title; add a line such as title: \"Page\"\n" +
			"content/page.md:2: front matter key \"order\": expected a whole number such as 10, got the text \"x\"\n" +
			"content/page.md:3: front matter key \"draft\": expected true or false, got 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadOne(t, tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// A byte order mark, which some Windows editors write, and Windows line
// endings do not hide the front matter.
func TestLoadByteOrderMarkAndCRLF(t *testing.T) {
	p, err := loadOne(t, "\ufeff---\r\ntitle: Windows\r\norder: 3\r\n---\r\nBody\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Windows" || p.Order != 3 || p.Line("order") != 3 || p.BodyLine != 5 {
		t.Errorf("got title %q, order %d on line %d, body on line %d", p.Title, p.Order, p.Line("order"), p.BodyLine)
	}
}

// countWordsByBranch is how countWords counted before its class table: the
// reference it must keep matching.
func countWordsByBranch(body []byte) int {
	n, counted := 0, false
	for _, c := range body {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			counted = false
		case !counted && (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80):
			n++
			counted = true
		}
	}
	return n
}

func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"", "one", "two words", " -- lead and trail -- ", "a,b c\td\ne\r\nf", "“curly” — 5 ☕", "***"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if got, want := countWords(body), countWordsByBranch(body); got != want {
			t.Errorf("countWords(%q) = %d, want %d", body, got, want)
		}
	})
}

// A number in a list of texts is its text (golang/website's matchlang.md
// tags a post [language, locale, tag, BCP, 47, matching]).
func TestNumbersInTextLists(t *testing.T) {
	p, err := loadOne(t, "---\ntitle: T\ntags:\n- BCP\n- 47\n- 2.5\nseries: [2024]\n---\n")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(p.Tags, p.Series) != "[BCP 47 2.5] [2024]" {
		t.Errorf("tags %q, series %q", p.Tags, p.Series)
	}
}
