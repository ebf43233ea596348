package preview

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/buildtest"
)

// The site's settings for templates (params, menu, edit_url), its language
// and its word files are inputs of every page: each edit of them in a
// preview session re-renders what shows them, and the session's site stays
// byte for byte a clean build's.
func TestSessionFollowsWordsAndSettings(t *testing.T) {
	dir := copySiteSources(t, "../..")
	opts := build.Options{Source: dir, BaseURL: "http://127.0.0.1:4242/", Drafts: true, Future: true, Now: sessionNow}
	s, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	build := func(step string, rels ...string) map[string][]byte {
		t.Helper()
		up, err := s.Build(absPaths(dir, rels))
		if err == nil && len(up.Pending) > 0 {
			done, cerr := s.Complete()
			if cerr != nil {
				t.Fatalf("%s: complete: %v", step, cerr)
			}
			if done != nil {
				up = done
			}
		}
		want, wantErr := cleanBuild(opts)
		if diff := sameBuild(up.Files, err, want, wantErr); diff != "" {
			t.Fatalf("%s: the session differs from a clean build:\n%s", step, diff)
		}
		return up.Files
	}
	write := func(rel, text string) {
		t.Helper()
		buildtest.WriteFile(t, filepath.Join(dir, filepath.FromSlash(rel)), text)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "folio.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	setYAML := func(extra string) {
		text := regexp.MustCompile(`(?m)^language: .*\n`).ReplaceAllString(string(yaml), "")
		write("folio.yaml", text+extra)
	}
	chapter := "book/part-1-the-relationship/partnership/index.html"
	has := func(files map[string][]byte, file, want string) {
		t.Helper()
		if !strings.Contains(string(files[file]), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
	build("first build")
	setYAML("language: de\n")
	files := build("language: de", "folio.yaml")
	has(files, chapter, "Minuten Lesezeit")
	write("i18n/de.yaml", "minutes_read:\n  one: \"{0} Minute zum Lesen\"\n  other: \"{0} Minuten zum Lesen\"\n")
	files = build("add i18n/de.yaml", "i18n/de.yaml")
	has(files, chapter, "Minuten zum Lesen")
	has(files, "search/search.js", "Keine Ergebnisse für")
	write("i18n/de.yaml", "minutes_read:\n  one: \"{0} Min.\"\n  other: \"{0} Min.\"\ncallout_note: Merke\nsearch_none: \"Nichts zu „{0}“\"\n")
	files = build("edit i18n/de.yaml", "i18n/de.yaml")
	has(files, chapter, "3 Min.")
	has(files, "search/search.js", "Nichts zu „{0}“")
	os.RemoveAll(filepath.Join(dir, "i18n"))
	build("remove i18n/", "i18n")
	setYAML("language: fr\nparams:\n  tagline: Un essai\nmenu:\n  - title: Le livre\n    url: /book/\nedit_url: https://example.org/edit/{path}\n")
	files = build("language, params, menu, edit_url", "folio.yaml")
	has(files, chapter, `https://example.org/edit/content/book/part-1-the-relationship/partnership.md`)
	has(files, chapter, `>Le livre</a>`)
	setYAML("language: fr\nmenu:\n  - title: Le blog\n    url: /blog/\n")
	files = build("change the menu, drop edit_url", "folio.yaml")
	has(files, "about/index.html", `>Le blog</a>`)
	setYAML("language: en\n")
	build("back to English", "folio.yaml")
}
