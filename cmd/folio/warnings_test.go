package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/chromium"
)

// The warnings of the commands that make a site or its editions: each
// printed once, with the errors when the command fails, as errors (and
// not again as warnings) with --strict. One warning comes from reading
// the site (a Hugo key in the front matter), one from converting the
// chapter (a Liquid tag), which the EPUB and print edition stages convert
// again.
var (
	loadWarning    = `warning: content/about.md:3: weight is a key of Hugo and Zola`
	convertWarning = `warning: content/book/one.md:5: Liquid tag {% include note.html %} is not run`
)

// warnedSite is goodSite with both warnings; broken adds a broken link to
// the chapter.
func warnedSite(broken bool) map[string]string {
	site := maps.Clone(goodSite)
	site["content/about.md"] = "---\ntitle: About\nweight: 3\n---\nMe.\n"
	site["content/book/one.md"] = "---\ntitle: One\n---\n\nA note {% include note.html %} here.\n"
	if broken {
		site["content/book/one.md"] += "\nA [broken link](missing.md).\n"
	}
	return site
}

func TestCommandsPrintWarnings(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		broken bool
		code   int
		// errs are lines that must be printed as errors; with --strict,
		// the warnings are among them and no warning is printed.
		errs []string
		pdf  bool
		// badDate breaks a post's date, which fails loading the site,
		// before any page is converted (noConvert).
		badDate, noConvert bool
	}{
		{name: "build", args: []string{"build"}},
		{name: "build failing", args: []string{"build"}, broken: true, code: 1, errs: []string{`error: content/book/one.md:7: link "missing.md"`}},
		{name: "build strict", args: []string{"build", "--strict"}, code: 1},
		{name: "epub", args: []string{"epub"}},
		{name: "epub failing", args: []string{"epub"}, broken: true, code: 1, errs: []string{`error: content/book/one.md:7: link "missing.md"`}},
		{name: "epub strict", args: []string{"epub", "--strict"}, code: 1},
		{name: "epub of a missing book", args: []string{"epub", "--book", "novel"}, code: 1, errs: []string{`error: --book "novel": no such book`}},
		{name: "stats", args: []string{"stats"}, noConvert: true},
		{name: "stats failing", args: []string{"stats"}, badDate: true, code: 1, noConvert: true, errs: []string{`error: content/blog/first.md:3: front matter key "date"`}},
		{name: "build failing to load", args: []string{"build"}, badDate: true, code: 1, noConvert: true, errs: []string{`error: content/blog/first.md:3: front matter key "date"`}},
		{name: "check", args: []string{"check"}},
		{name: "check failing", args: []string{"check"}, broken: true, code: 1, errs: []string{`error: content/book/one.md:7: link "missing.md"`}},
		{name: "pdf", args: []string{"pdf"}, pdf: true},
		{name: "pdf failing", args: []string{"pdf"}, broken: true, code: 1, errs: []string{`error: content/book/one.md:7: link "missing.md"`}, pdf: true},
		{name: "pdf of a missing book", args: []string{"pdf", "--book", "novel"}, code: 1, errs: []string{`error: --book "novel": no such book`}, pdf: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.pdf {
				requirePDFTools(t)
				t.Setenv("FOLIO_CHROMIUM", chromium.Path)
			}
			files := warnedSite(tc.broken)
			if tc.badDate {
				files["content/blog/first.md"] = "---\ntitle: First\ndate: 2026-02-30\n---\nA post.\n"
			}
			site := writeSite(t, files)
			args := append(tc.args, "-s", site)
			if tc.args[0] == "epub" || tc.args[0] == "pdf" {
				args = append(args, "-o", filepath.Join(t.TempDir(), "book."+tc.args[0]))
			}
			r := runCLI(args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			strict := strings.Contains(strings.Join(tc.args, " "), "--strict")
			want := map[string]int{loadWarning: 1, convertWarning: 1}
			if strings.Contains(tc.name, "missing book") || tc.noConvert {
				want[convertWarning] = 0 // the chapter is not converted
			}
			for w, n := range want {
				if strict {
					w, n = "error:"+strings.TrimPrefix(w, "warning:"), 1
				}
				if got := strings.Count(r.stderr, w); got != n {
					t.Errorf("%q printed %d times, want %d; stderr:\n%s", w, got, n, r.stderr)
				}
			}
			if strict && strings.Contains(r.stderr, "warning:") {
				t.Errorf("--strict printed warnings as well as errors:\n%s", r.stderr)
			}
			for _, e := range tc.errs {
				if !strings.Contains(r.stderr, e) {
					t.Errorf("stderr does not say %q:\n%s", e, r.stderr)
				}
			}
			if tc.code != 0 && (tc.args[0] == "epub" || tc.args[0] == "pdf") {
				if entries, _ := os.ReadDir(filepath.Dir(args[len(args)-1])); len(entries) > 0 {
					t.Errorf("a failed run wrote %s", entries[0].Name())
				}
			}
		})
	}
}
