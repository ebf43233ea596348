package build_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/build"
)

// epubText is the text of every document of an EPUB, for looking for words.
func epubText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		all.Write(b)
	}
	return all.String()
}

// withLanguage is the blog fixture in another language, with word files.
func withLanguage(t *testing.T, lang string, words map[string]string) fstest.MapFS {
	fsys := siteFS(t, blogSite)
	cfg := string(fsys["folio.yaml"].Data)
	fsys["folio.yaml"] = &fstest.MapFile{Data: []byte(regexp.MustCompile(`(?m)^language: .*$`).ReplaceAllString(cfg, "language: "+lang))}
	for name, text := range words {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// language: selects the words of the pages, the print edition, the feeds
// and the EPUB, and the date format; i18n/<language>.yaml changes a word.
func TestLanguageWords(t *testing.T) {
	files, res := mustBuild(t, withLanguage(t, "de", map[string]string{"i18n/de.yaml": "photo_by: \"Aufnahme: {0}\"\n"}), build.Options{})
	if len(res.Warnings) > 0 {
		for _, w := range res.Warnings {
			t.Errorf("warning: %v", w)
		}
	}
	checks := map[string][]string{
		"book/hearing/index.html":          {`<html lang="de">`, "Kapitel 1", "Minute Lesezeit", `aria-label="Kapitel"`},
		"blog/hearing/index.html":          {"Aufnahme: ", "Teil 1 von 3", "Januar 2026", "Schlagwörter:"},
		"blog/index.html":                  {"Minute", "Lesezeit", "Seite 1 von", "<span>Ältere</span> Beiträge"},
		"book/print/index.html":            {"Druckausgabe", "<h2>Inhalt</h2>", "Kapitel 1"},
		"credits/index.html":               {"<title>Bildnachweise", "Verwendet in"},
		"404.html":                         {"Seite nicht gefunden", "Startseite"},
		"blog/feed.xml":                    {"Aufnahme: "},
		"series/listening-well/index.html": {"Atom-Feed dieser Serie"},
		"search/index.html":                {"<h1>Suche</h1>", "Gesuchte Wörter", "Inhaltsverzeichnis des Buchs", `placeholder="Suchen (Taste /)"`},
		"search/search.js":                 {"Suchergebnisse", "Keine Ergebnisse für „{0}“", "{0} Ergebnisse für „{1}“"},
	}
	for file, wants := range checks {
		page := string(files[file])
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
		for _, english := range []string{"minutes read", "minute read", "Photo by", "Chapter 1", "Print edition", ">Contents<"} {
			if strings.Contains(page, english) {
				t.Errorf("%s still says %q in German", file, english)
			}
		}
	}
	var epub []byte
	for name, data := range files {
		if strings.HasSuffix(name, ".epub") {
			epub = data
		}
	}
	text := epubText(t, epub)
	for _, want := range []string{"Kapitel 1", "Bildnachweise", "Aufnahme: ", "Inhalt"} {
		if !strings.Contains(text, want) {
			t.Errorf("the EPUB lacks %q", want)
		}
	}
	for _, english := range []string{"Chapter 1", "Photo by", "Picture credits"} {
		if strings.Contains(text, english) {
			t.Errorf("the EPUB still says %q", english)
		}
	}
}

// A language folio has no words for stays English, with one warning; a
// word file that lacks words warns once per word; a broken one is an error
// with its file and line.
func TestLanguageFallback(t *testing.T) {
	_, res := mustBuild(t, withLanguage(t, "sv", nil), build.Options{})
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), `folio.yaml: folio has no words for language "sv"`) {
		t.Errorf("warnings: %v", res.Warnings)
	}
	files, res := mustBuild(t, withLanguage(t, "sv", map[string]string{"i18n/sv.yaml": "chapter_n: Kapitel {0}\n"}), build.Options{})
	if !strings.Contains(string(files["book/hearing/index.html"]), "Kapitel 1") {
		t.Error("i18n/sv.yaml is not used")
	}
	n := 0
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Error(), "i18n/sv.yaml: no word ") {
			n++
		}
	}
	if n < 40 || n != len(res.Warnings) {
		t.Errorf("%d warnings of missing words in %v", n, res.Warnings)
	}
	_, _, err := buildInMemory(t, withLanguage(t, "de", map[string]string{"i18n/de.yaml": "chapter_n: [a\n"}), build.Options{})
	if err == nil || !strings.Contains(err.Error(), "i18n/de.yaml") {
		t.Errorf("a broken word file: %v", err)
	}
}
