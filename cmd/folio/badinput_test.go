package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badSite is one broken site of the bad-input suite: goodSite with files
// changed or added, then setup for what a map of
// files cannot say (links, modes, odd names).
type badSite struct {
	name  string
	files map[string]string
	setup func(t *testing.T, site string)
	// args replace "build -s {site}"; {site} and {root} (the folder that
	// holds the site) are filled in.
	args []string
	code int // exit status; 0 means 1
	// want are regular expressions that stderr must each match: the file,
	// the line where one exists, and what to do.
	want []string
}

func fm(lines ...string) string {
	return "---\n" + strings.Join(lines, "\n") + "\n---\nSome text.\n"
}

func link(target, name string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		t.Helper()
		target = strings.ReplaceAll(target, "{site}", site)
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
}

func unreadable(name string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		t.Helper()
		if os.Geteuid() == 0 {
			t.Skip("root reads any file: mode 000 cannot make a file unreadable")
		}
		if err := os.Chmod(filepath.Join(site, filepath.FromSlash(name)), 0); err != nil {
			t.Fatal(err)
		}
	}
}

var badSites = []badSite{
	// Front matter in each format.
	{name: "yaml unclosed", files: map[string]string{"content/about.md": "---\ntitle: About\nMe.\n"},
		want: []string{`content/about.md:1: .*(clos|end)`}},
	{name: "yaml syntax", want: []string{`error: content/about.md:2: malformed YAML front matter: .*; check the indentation`}, files: map[string]string{"content/about.md": "---\ntitle: [About\n---\nMe.\n"}},
	{name: "yaml tab indent", want: []string{`error: content/about.md:4: malformed YAML front matter: .*; check the indentation`}, files: map[string]string{"content/about.md": "---\ntitle: About\ntags:\n\t- a\n---\nMe.\n"}},
	{name: "yaml duplicate key", want: []string{`error: content/about.md:3: front matter key "title" appears twice \(also on line 2\); keep one`}, files: map[string]string{"content/about.md": fm("title: About", "title: Again")}},
	{name: "yaml not a mapping", want: []string{`error: content/about.md:2: front matter must be a mapping of keys to values \(title: ...\)`}, files: map[string]string{"content/about.md": "---\n- About\n---\nMe.\n"}},
	{name: "toml syntax", want: []string{`error: content/about.md:2: malformed TOML front matter: .*; TOML wants key = value`}, files: map[string]string{"content/about.md": "+++\ntitle = \n+++\nMe.\n"}},
	{name: "toml unclosed", want: []string{`error: content/about.md:1: front matter opened with \+\+\+ is never closed; add a line holding only \+\+\+`}, files: map[string]string{"content/about.md": "+++\ntitle = \"About\"\nMe.\n"}},
	{name: "toml bad date", want: []string{`error: content/blog/first.md:3: front matter key "date": cannot read the text "2026-13-45" as a date; write YYYY-MM-DD`}, files: map[string]string{"content/blog/first.md": "+++\ntitle = \"First\"\ndate = \"2026-13-45\"\n+++\nA post.\n"}},
	{name: "json syntax", want: []string{`error: content/about.md:1: JSON front matter is never closed; end the object with a line holding only }`}, files: map[string]string{"content/about.md": "{\n\"title\": \n}\nMe.\n"}},
	{name: "json wrong type", want: []string{`error: content/about.md:3: front matter key "order": expected a whole number such as 10, got the text "first"`}, files: map[string]string{"content/about.md": "{\n\"title\": \"About\",\n\"order\": \"first\"\n}\n\nMe.\n"}},
	{name: "no title", want: []string{`error: content/about.md:1: front matter has no title; add a line such as title: "About"`}, files: map[string]string{"content/about.md": fm("summary: Me")}},
	{name: "empty title", want: []string{`error: content/about.md:2: front matter title is empty; give the page a title`}, files: map[string]string{"content/about.md": fm(`title: ""`)}},
	{name: "title is a list", want: []string{`error: content/about.md:2: front matter key "title": expected text, got a list`}, files: map[string]string{"content/about.md": fm("title: [a, b]")}},
	{name: "title is a map", want: []string{`error: content/about.md:2: front matter key "title": expected text, got a mapping`}, files: map[string]string{"content/about.md": fm("title: {a: b}")}},
	// Wrong types and bad dates.
	{name: "date in words", want: []string{`error: content/blog/first.md:3: front matter key "date": cannot read the text "yesterday" as a date; write YYYY-MM-DD`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: yesterday")}},
	{name: "date impossible", want: []string{`error: content/blog/first.md:3: front matter key "date": cannot read the text "2026-02-30" as a date; write YYYY-MM-DD`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-02-30")}},
	{name: "date a number", want: []string{`error: content/blog/first.md:3: front matter key "date": cannot read 5 as a date; write YYYY-MM-DD`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 5")}},
	{name: "post without date", want: []string{`error: content/blog/first.md:1: a blog post needs a date; add a line such as date: \d{4}-\d\d-\d\d to its front matter`}, files: map[string]string{"content/blog/first.md": fm("title: First")}},
	{name: "updated before nothing", want: []string{`error: content/blog/first.md:4: front matter key "updated": cannot read the text "soon" as a date; write YYYY-MM-DD`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "updated: soon")}},
	{name: "order a word", want: []string{`error: content/book/one.md:3: front matter key "order": expected a whole number such as 10, got the text "first"`}, files: map[string]string{"content/book/one.md": fm("title: One", "order: first")}},
	{name: "order a fraction", want: []string{`error: content/book/one.md:3: front matter key "order": expected a whole number such as 10, got 2.5`}, files: map[string]string{"content/book/one.md": fm("title: One", "order: 2.5")}},
	{name: "draft not a bool", want: []string{`error: content/about.md:3: front matter key "draft": expected true or false, got the text "maybe"`}, files: map[string]string{"content/about.md": fm("title: About", "draft: maybe")}},
	{name: "tags a map", want: []string{`error: content/blog/first.md:4: front matter key "tags": expected a list of texts such as \[coaching, trust\], got a mapping`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "tags: {a: b}")}},
	{name: "series a list", want: []string{`error: content/blog/first.md:4: a post belongs to one series, but series lists 2; keep one`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "series: [a, b]")}},
	{name: "photo a number", want: []string{`error: content/blog/first.md:4: front matter key "photo": expected a mapping with src, alt, credit, credit_url and license, got 3`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "photo: 3")}},
	{name: "photo without src", want: []string{`error: content/blog/first.md:4: front matter key "photo": src is missing; give the image path relative to this file`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "photo:", "  alt: A desk")}},
	{name: "unknown layout", want: []string{`error: content/about.md:3: layout "nosuch" does not exist; add layouts/nosuch.html, or use one of: 404, `}, files: map[string]string{"content/about.md": fm("title: About", "layout: nosuch")}},
	{name: "unknown section type", want: []string{`error: content/notes/_index.md:3: front matter key "type": unknown section type "magazine"; use book or blog`}, files: map[string]string{"content/notes/_index.md": fm("title: Notes", "type: magazine")}},
	{name: "not UTF-8 text", want: []string{`error: content/about.md:4: is not UTF-8 text \(a binary file, or another encoding\); save it as UTF-8`}, files: map[string]string{"content/about.md": "---\ntitle: About\n---\nCaf\xe9 au lait.\n"}},
	{name: "binary file as Markdown", want: []string{`error: content/about.md:1: is not UTF-8 text \(a binary file, or another encoding\); save it as UTF-8`}, files: map[string]string{"content/about.md": "\x00\x01\x02PNG"}},
	// Bad config.
	{name: "config syntax", want: []string{`error: folio.yaml:1: did not find expected .* \(check the indentation and quoting near that line\)`}, files: map[string]string{"folio.yaml": "title: [CLI\n"}},
	{name: "config unknown key", want: []string{`error: folio.yaml:2: unknown key "baseurl"; did you mean "base_url"\?`}, files: map[string]string{"folio.yaml": "title: CLI\nbaseurl: https://x.example/\n"}},
	{name: "config base_url relative", want: []string{`error: folio.yaml: base_url "cli.example.org" is not an absolute URL; write it like https://example.org/`}, files: map[string]string{"folio.yaml": "title: CLI\nbase_url: cli.example.org\n"}},
	{name: "config page_size zero", want: []string{`error: folio.yaml: page_size must be at least 1, got 0`}, files: map[string]string{"folio.yaml": "title: CLI\npage_size: 0\n"}},
	{name: "config page_size a word", want: []string{`error: folio.yaml:2: expected a whole number, got the text "many" \(fix the value`}, files: map[string]string{"folio.yaml": "title: CLI\npage_size: many\n"}},
	{name: "config a list", want: []string{`error: folio.yaml:1: the file must be a mapping of keys to values`}, files: map[string]string{"folio.yaml": "- title\n"}},
	{name: "config follow_links /proc", want: []string{`error: folio.yaml: follow_links names /proc; links into /proc are never followed`}, files: map[string]string{"folio.yaml": "title: CLI\nfollow_links: [/proc]\n"}},
	{name: "config follow_links missing", want: []string{`error: folio.yaml: follow_links names /no/such/folder, which cannot be read \(no such file or directory\); name an existing folder`}, files: map[string]string{"folio.yaml": "title: CLI\nfollow_links: [/no/such/folder]\n"}},
	{name: "flag base-url relative", want: []string{`error: --base-url "example.org" is not an absolute URL; write it like https://example.org/`}, args: []string{"build", "-s", "{site}", "--base-url", "example.org"}},
	// Duplicate URLs.
	{name: "two pages one slug", want: []string{`error: content/blog/second.md:4: has the same URL /blog/first/ as content/blog/first.md; rename one of them or give one a different slug`}, files: map[string]string{"content/blog/second.md": fm("title: Second", "date: 2026-01-06", "slug: first")}},
	{name: "page and section", want: []string{`error: content/notes.md: has the same URL /notes/ as content/notes/_index.md; rename one of them`}, files: map[string]string{"content/notes.md": fm("title: Notes"), "content/notes/_index.md": fm("title: Notes too")}},
	{name: "static file over a page", want: []string{`error: content/about.md: is written to about/index.html, as is static/about/index.html; rename or move one of them`}, files: map[string]string{"static/about/index.html": "<p>mine</p>"}},
	{name: "content file over static", want: []string{`error: content/book/figure.png: is written to book/figure.png, as is static/book/figure.png; rename or move one of them`}, files: map[string]string{"static/book/figure.png": "another"}},
	// Broken links and anchors, missing images.
	{name: "link to a missing page", want: []string{`error: content/about.md:6: link "nowhere.md": no such page content/nowhere.md; check the path`}, files: map[string]string{"content/about.md": fm("title: About") + "\nSee [the rest](nowhere.md).\n"}},
	{name: "link to a missing anchor", want: []string{`error: content/about.md:6: link "book/one.md#nope": content/book/one.md has no heading with id "nope"`}, files: map[string]string{"content/about.md": fm("title: About") + "\nSee [one](book/one.md#nope).\n"}},
	{name: "link to a draft", want: []string{`error: content/about.md:6: link "book/two.md": content/book/two.md is left out of this build: it is a draft \(draft: true\); build with --drafts or set draft: false`}, files: map[string]string{"content/book/two.md": fm("title: Two", "draft: true"), "content/about.md": fm("title: About") + "\nSee [two](book/two.md).\n"}},
	{name: "missing image", want: []string{`error: content/about.md:6: image "img/chair.jpg" not found: there is no content/img/chair.jpg \(paths are relative to this file\)`}, files: map[string]string{"content/about.md": fm("title: About") + "\n![A chair](img/chair.jpg)\n"}},
	{name: "missing static image", want: []string{`error: content/about.md:6: image "/img/chair.jpg" not found: there is no static/img/chair.jpg`}, files: map[string]string{"content/about.md": fm("title: About") + "\n![A chair](/img/chair.jpg)\n"}},
	{name: "missing photo", want: []string{`error: content/blog/first.md:4: photo: image "img/desk.jpg" not found: there is no content/blog/img/desk.jpg`}, files: map[string]string{"content/blog/first.md": fm("title: First", "date: 2026-01-05", "photo:", "  src: img/desk.jpg", "  alt: A desk", "  credit: Me")}},
	// The book's shape.
	{name: "part without _index", want: []string{`error: content/book/part-1/: this folder of the book has no _index.md, which a part needs; create content/book/part-1/_index.md`}, files: map[string]string{"content/book/part-1/ch.md": fm("title: Ch")}},
	// Symbolic links: escapes and loops.
	{name: "link to the environment", want: []string{`error: static/env.txt: is a symbolic link to /proc/self/environ, a file of the machine, not of the site; links into /proc, /sys and /dev are never followed: remove the link`}, setup: link("/proc/self/environ", "static/env.txt")},
	{name: "link to /etc/passwd", want: []string{`error: content/passwd.md: is a symbolic link to /etc/passwd, outside the site folder; folio follows links only to files inside the site \(copy the file into the site, or name the folder it is in under follow_links in folio.yaml\)`}, setup: link("/etc/passwd", "content/passwd.md")},
	{name: "link to a folder outside", want: []string{`error: content/shared: is a symbolic link to /.*/elsewhere, outside the site folder; folio follows links only to files inside the site`}, setup: func(t *testing.T, site string) {
		writeFile("{root}/elsewhere/secret.md", fm("title: Secret"))(t, site)
		link("{site}/../elsewhere", "content/shared")(t, site)
	}},
	{name: "link loop", want: []string{`error: content/loop1: is a symbolic link to loop2, which leads back to itself through other links \(a loop\); point it at a file or folder, or remove it`}, setup: func(t *testing.T, site string) {
		link("loop2", "content/loop1")(t, site)
		link("loop1", "content/loop2")(t, site)
	}},
	{name: "link to its own folder", want: []string{`error: content/book/again: is a symbolic link to \.\., a folder that holds the link, so reading it would never end \(a loop\); remove the link`}, setup: link("..", "content/book/again")},
	{name: "dangling link", want: []string{`error: content/blog/gone.md: is a symbolic link to nothing.md, which does not exist; fix the link or remove it`}, setup: link("nothing.md", "content/blog/gone.md")},
	// Odd file names.
	{name: "file name with ? and #", want: []string{`error: content/blog/what\?#x.md: the file name has "\?", which cannot be part of the page.s URL \(it starts the query of a URL\); rename the file`}, files: map[string]string{"content/blog/what?#x.md": fm("title: What", "date: 2026-01-06")}},
	{name: "file name with %", want: []string{`error: content/100%.md: the file name has "%", which cannot be part of the page.s URL .*; rename the file`}, files: map[string]string{"content/100%.md": fm("title: All")}},
	{name: "file name with a line break", want: []string{`error: content/two\\nlines.md: the file name has a line break \(U\+000A\), which cannot be part of the page.s URL .*; rename the file`}, files: map[string]string{"content/two\nlines.md": fm("title: Two lines")}},
	{name: "file name not UTF-8", want: []string{`error: content/caf\x{FFFD}.md: the file name is not UTF-8 text .*; rename the file`}, files: map[string]string{"content/caf\xe9.md": fm("title: Cafe")}},
	{name: "folder name with #", want: []string{`error: content/c#/: the folder name "c#" has "#", which cannot be part of a URL .*; rename the folder`}, files: map[string]string{"content/c#/intro.md": fm("title: C sharp")}},
	{name: "slug with ?", want: []string{`error: content/about.md:3: slug "who\?" has "\?", which cannot be part of a URL .*; change the slug`}, files: map[string]string{"content/about.md": fm("title: About", "slug: who?")}},
	// Template errors.
	{name: "base template syntax", want: []string{`^error: layouts/base.html:1: bad character U\+007D .*\(a template syntax error: fix the {{ ... }} on that line; .*\)\nfolio: build failed; the previous output is unchanged\n$`}, files: map[string]string{"layouts/base.html": `{{define "base"}}<html>{{.Title}</html>{{end}}`}},
	{name: "page template syntax", want: []string{`error: layouts/page.html:3: missing value for if \(a template syntax error: fix the {{ ... }} on that line`}, files: map[string]string{"layouts/page.html": "{{template \"base\" .}}\n{{define \"main\"}}\n{{if}}\n{{end}}"}},
	{name: "template calls a missing partial", want: []string{`error: layouts/page.html:2: calls template "byline", which is not defined; add it \(for example in layouts/partials/\) or fix the name`}, files: map[string]string{"layouts/page.html": "{{template \"base\" .}}\n{{define \"main\"}}{{template \"byline\" .}}{{end}}"}},
	{name: "template reads a missing field", want: []string{`error: content/about.md: render with layout "page": layouts/page.html:2: executing "main" at <.Page.Nope.Deeper>: can.t evaluate field Nope .*; fix the template at that line`}, files: map[string]string{"layouts/page.html": "{{template \"base\" .}}\n{{define \"main\"}}{{.Page.Nope.Deeper}}{{end}}"}},
	{name: "partial syntax", want: []string{`error: layouts/partials/head-extra.html:2: unexpected "{" in operand \(a template syntax error: fix the {{ ... }}`}, files: map[string]string{"layouts/partials/head-extra.html": "{{define \"x\"}}{{.Foo\n{{end}}"}},
	// Unreadable files and folders.
	{name: "unreadable page", want: []string{`error: content/about.md: cannot read: permission denied; check the file.s permissions`}, setup: unreadable("content/about.md")},
	{name: "unreadable static file", want: []string{`error: static/css/site.css: cannot read: permission denied; check the file.s permissions`}, setup: unreadable("static/css/site.css")},
	{name: "no content folder", want: []string{`error: content/: folder not found; a site keeps its Markdown pages in content/ \(create it, or pass -s with the site folder\)`},
		setup: func(t *testing.T, site string) { _ = os.RemoveAll(filepath.Join(site, "content")) }},
	// Output-folder mistakes.
	{name: "-o names a file", want: []string{`error: output folder .*/notes.txt is a file, not a folder; .* choose another output folder with -o \(nothing was deleted\)`}, setup: writeFile("{root}/notes.txt", "mine"), args: []string{"build", "-s", "{site}", "-o", "{root}/notes.txt"}},
	{name: "-o is the site", want: []string{`error: output folder .*/site is the site folder itself; .* choose another, such as .*/site/public`}, args: []string{"build", "-s", "{site}", "-o", "{site}"}},
	{name: "-o holds the site", want: []string{`error: output folder .* holds the site folder .*/site; .*choose one such as .*/site/public`}, args: []string{"build", "-s", "{site}", "-o", "{root}"}},
	{name: "-o inside content", want: []string{`error: output folder .*/site/content/out is inside the site.s content/ folder; .*choose one outside it`}, args: []string{"build", "-s", "{site}", "-o", "{site}/content/out"}},
	{name: "-o a dangling link", want: []string{`error: output folder .*/out is a symbolic link to nowhere, which does not exist; create that folder or remove the link`}, setup: link("nowhere", "../out"), args: []string{"build", "-s", "{site}", "-o", "{root}/out"}},
	{name: "-o a link to a file", want: []string{`error: output folder .*/out is a symbolic link to the file .*/notes.txt, not to a folder; .*choose another output folder with -o`}, setup: func(t *testing.T, site string) {
		writeFile("{root}/notes.txt", "mine")(t, site)
		link("notes.txt", "../out")(t, site)
	}, args: []string{"build", "-s", "{site}", "-o", "{root}/out"}},
	{name: "-o a repository", want: []string{`error: output folder .*/repo holds go.mod, so it looks like a source folder; .*choose another`}, setup: writeFile("{root}/repo/go.mod", "module x\n"), args: []string{"build", "-s", "{site}", "-o", "{root}/repo"}},
	{name: "-s a missing folder", want: []string{`error: site folder .*/nonexistent does not exist; pass the folder that holds content/ with -s, or run folio inside it`}, args: []string{"build", "-s", "{root}/nonexistent", "-o", "{site}/public"}},
	{name: "-s a file", want: []string{`error: site folder .*/site/folio.yaml is a file, not a folder; pass the folder that holds content/ and folio.yaml with -s \(such as -s .*/site\)`}, args: []string{"build", "-s", "{site}/folio.yaml", "-o", "{site}/public"}},
	{name: "epub of a missing book", want: []string{`error: --book "nosuch": no such book; the site.s books are book \(a book.s folder name works too\)\nfolio: epub failed; no EPUB file was written\n$`}, args: []string{"epub", "-s", "{site}", "--book", "nosuch"}},
	{name: "stray argument", want: []string{`^folio build: unexpected argument ".*/site"; give the site folder with -s\n`}, args: []string{"build", "{site}"}, code: 2},
	{name: "unknown flag", want: []string{`^folio build: unknown flag --minify; did you mean --no-minify\?\n`}, args: []string{"build", "-s", "{site}", "--minify"}, code: 2},
}

func writeFile(name, text string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		t.Helper()
		p := strings.ReplaceAll(name, "{root}", filepath.Dir(site))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBadInput builds each broken site over a published good one and checks
// that folio does not panic, exits with the right status, names the file
// (and line) and what to do, and leaves every file it did not write, the
// previous output first, byte for byte as it was.
func TestBadInput(t *testing.T) {
	if len(badSites) < 60 {
		t.Fatalf("the suite has %d sites; keep at least 60", len(badSites))
	}
	published := buildGood(t)
	for _, bs := range badSites {
		t.Run(bs.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			writeTreeAt(t, site, goodSite, bs.files)
			writeTreeAt(t, filepath.Join(site, "public"), published, nil)
			if bs.setup != nil {
				bs.setup(t, site)
			}
			before := snapshot(t, root)
			args := bs.args
			if args == nil {
				args = []string{"build", "-s", "{site}"}
			}
			args = fill(args, site)
			r := runGuarded(t, args)
			code := bs.code
			if code == 0 {
				code = 1
			}
			if r.code != code {
				t.Errorf("exit %d, want %d\n%s", r.code, code, r.stderr)
			}
			for _, w := range bs.want {
				if !regexp.MustCompile(w).MatchString(r.stderr) {
					t.Errorf("stderr does not match %s:\n%s", w, r.stderr)
				}
			}
			if len(bs.want) == 0 {
				t.Errorf("the case checks no message; stderr:\n%s", r.stderr)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
				t.Errorf("stderr shows a panic:\n%s", r.stderr)
			}
			if after := snapshot(t, root); !equalFiles(before, after) {
				t.Errorf("the failed run changed files: %s", diffSnapshots(before, after))
			}
		})
	}
}

// buildGood builds goodSite and returns its output, which each case starts
// from as the published site.
func buildGood(t *testing.T) map[string]string {
	t.Helper()
	site := writeSite(t, goodSite)
	if r := runCLI("build", "-q", "-s", site); r.code != 0 {
		t.Fatalf("the good site failed: %s", r.stderr)
	}
	files := map[string]string{}
	for name, data := range snapshot(t, filepath.Join(site, "public")) {
		if !strings.HasSuffix(name, "/") {
			files[name] = data
		}
	}
	return files
}

// runGuarded runs folio in this process and fails the test, rather than
// the whole run, on a panic.
func runGuarded(t *testing.T, args []string) (r result) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("panic: %v", p)
		}
	}()
	return runCLI(args...)
}

func fill(args []string, site string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		a = strings.ReplaceAll(a, "{root}", filepath.Dir(site))
		out[i] = strings.ReplaceAll(a, "{site}", site)
	}
	return out
}

// writeTreeAt writes files into dir, then changes over them.
func writeTreeAt(t *testing.T, dir string, files, changes map[string]string) {
	t.Helper()
	for _, m := range []map[string]string{files, changes} {
		for name, text := range m {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func diffSnapshots(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "removed "+k)
		} else if v != w {
			out = append(out, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	return fmt.Sprint(out)
}

// File names that can be URL segments reach every place a URL is written
// escaped, so that each link leads to the page.
func TestOddFileNamesInURLs(t *testing.T) {
	files := maps.Clone(goodSite)
	files["content/blog/café&co's+1.md"] = fm("title: Odd", "date: 2026-01-06")
	site := writeSite(t, files)
	if r := runCLI("build", "-q", "-s", site); r.code != 0 {
		t.Fatalf("build: %s", r.stderr)
	}
	pub := snapshot(t, filepath.Join(site, "public"))
	if _, ok := pub["blog/café&co's+1/index.html"]; !ok {
		t.Fatalf("the page is missing")
	}
	for file, want := range map[string]string{
		"blog/index.html":             `href="/blog/caf%c3%a9&amp;co%27s+1/"`,
		"blog/café&co's+1/index.html": `<link rel="canonical" href="https://cli.example.org/blog/caf%C3%A9&amp;co%27s+1/">`,
		"blog/feed.xml":               `href="https://cli.example.org/blog/caf%C3%A9&amp;co%27s+1/"`,
		"sitemap.xml":                 `<loc>https://cli.example.org/blog/caf%C3%A9&amp;co%27s+1/</loc>`,
	} {
		if !strings.Contains(pub[file], want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
}
