package i18n

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Every built-in language has every word, with the plural forms its CLDR
// rules ask for, and loads without a warning.
func TestBuiltinLanguagesAreComplete(t *testing.T) {
	langs := Languages()
	if strings.Join(langs, " ") != "de en es fr it nl pt" {
		t.Errorf("built-in languages: %v", langs)
	}
	for _, lang := range langs {
		w, warns, err := Load(lang, nil)
		if err != nil || len(warns) > 0 {
			t.Errorf("%s: %v %v", lang, err, warns)
			continue
		}
		own, _ := builtinFor(lang, language.MustParse(lang))
		msgs, err := parseFile(lang, own, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range Keys() {
			m, ok := msgs[k]
			if !ok {
				t.Errorf("%s lacks %q", lang, k)
				continue
			}
			if len(englishKeys()[k]) == 1 {
				continue // not a plural word
			}
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 101, 1000000} {
				if _, ok := m[w.form(n)]; !ok && w.form(n) != plural.Other {
					t.Errorf("%s: %q has no form %v, which %d takes", lang, k, w.form(n), n)
				}
			}
		}
	}
}

func TestWords(t *testing.T) {
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "chapter_n", []any{3}, "Chapter 3"},
		{"de", "chapter_n", []any{3}, "Kapitel 3"},
		{"en", "minutes_read", []any{1}, "1 minute read"},
		{"en", "minutes_read", []any{4}, "4 minutes read"},
		{"de", "minutes_read", []any{1}, "1 Minute Lesezeit"},
		{"de", "minutes_read", []any{2}, "2 Minuten Lesezeit"},
		{"fr", "minutes", []any{0}, "0 minute"}, // French counts 0 with 1
		{"fr", "minutes", []any{2}, "2 minutes"},
		{"pt", "posts_count", []any{0}, "0 publicação"},
		{"nl", "posts_count", []any{1}, "1 bericht"},
		{"es", "series_part_of", []any{2, 4}, "Parte 2 de 4"},
		{"it", "photo_by", []any{"Tom Crew"}, "Foto di Tom Crew"},
		{"de-CH", "contents", nil, "Inhalt"}, // the base language's words
		{"pt-BR", "draft", nil, "Rascunho"},
	}
	for _, tt := range tests {
		w, _, err := Load(tt.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := w.T(tt.key, tt.args...); err != nil || got != tt.want {
			t.Errorf("%s %s %v = %q, %v; want %q", tt.lang, tt.key, tt.args, got, err, tt.want)
		}
	}
	dates := map[string]string{"en": "January 5, 2026", "de": "5. Januar 2026", "fr": "5 janvier 2026", "es": "5 de enero de 2026",
		"it": "5 gennaio 2026", "nl": "5 januari 2026", "pt": "5 de janeiro de 2026"}
	for lang, want := range dates {
		w, _, _ := Load(lang, nil)
		if got := w.Date(day); got != want {
			t.Errorf("%s date = %q, want %q", lang, got, want)
		}
	}
	en, _, _ := Load("en", nil)
	if _, err := en.T("chaptr_n"); err == nil || !strings.Contains(err.Error(), `no word "chaptr_n"; did you mean "chapter_n"?`) {
		t.Errorf("unknown word: %v", err)
	}
}

// A site's word file overrides words one by one; a word it lacks stays
// English with one warning naming it; an unknown word is a warning with
// its line.
func TestSiteWords(t *testing.T) {
	site := fstest.MapFS{
		"i18n/en.yaml": {Data: []byte("photo_by: Photograph by {0}\ndate: \"{day} {month} {year}\"\nphoto_bye: x\n")},
		"i18n/sv.yaml": {Data: []byte("chapter_n: Kapitel {0}\nminutes_read:\n  one: \"{0} minut\"\n  other: \"{0} minuter\"\n")},
		"i18n/xx.yaml": {Data: []byte("chapter_n:\n  uno: x\n")},
	}
	w, warns, err := Load("en", site)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Word("photo_by", "Tom"); got != "Photograph by Tom" {
		t.Errorf("override: %q", got)
	}
	if got := w.Date(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got != "1 March 2026" {
		t.Errorf("date override: %q", got)
	}
	if len(warns) != 1 || warns[0].Error() != `i18n/en.yaml:3: unknown word "photo_bye"; did you mean "photo_by"?` {
		t.Errorf("warnings: %v", warns)
	}

	w, warns, err = Load("sv", site)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Word("minutes_read", 3); got != "3 minuter" {
		t.Errorf("sv plural: %q", got)
	}
	if got := w.Word("contents"); got != "Contents" {
		t.Errorf("a missing word: %q", got)
	}
	var msgs []string
	for _, wn := range warns {
		msgs = append(msgs, wn.Error())
	}
	if len(warns) != len(Keys())-2 || !strings.Contains(strings.Join(msgs, "\n"), `i18n/sv.yaml: no word "contents" for language "sv"; it stays English ("Contents") until you add it`) {
		t.Errorf("%d warnings, want one per missing word:\n%s", len(warns), strings.Join(msgs, "\n"))
	}

	_, warns, _ = Load("ja", site)
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), `folio has no words for language "ja"`) {
		t.Errorf("a language without words: %v", warns)
	}
	if _, _, err := Load("xx", site); err == nil || err.Error() != `i18n/xx.yaml:2: word "chapter_n": "uno" is not a plural form; use zero, one, two, few, many or other, each with a text` {
		t.Errorf("bad plural form: %v", err)
	}
}

// Template words escape their text and plain arguments, and put in HTML
// arguments as they are.
func TestTemplateWords(t *testing.T) {
	w, _, _ := Load("en", nil)
	tmpl := template.Must(template.New("").Funcs(w.Funcs()).Parse(
		`<p title="{{T "tagged" .Name}}">{{T "series_part_in" 2 .Link}} · {{T "tagged" .Name}} · {{date .Day}}</p>`))
	var b strings.Builder
	err := tmpl.Execute(&b, map[string]any{"Name": `<b>&`, "Link": template.HTML(`<a href="/s/">S &amp; T</a>`),
		"Day": time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)})
	want := `<p title="Tagged “&lt;b&gt;&amp;”">Part 2 of <a href="/s/">S &amp; T</a> · Tagged “&lt;b&gt;&amp;” · February 3, 2026</p>`
	if err != nil || b.String() != want {
		t.Errorf("got %s, %v\nwant %s", b.String(), err, want)
	}
}

// TestDatePlaces fills a site's own date words as strings.Replacer would:
// every place, in any order and any number, and braces that name no place
// left as they are.
func TestDatePlaces(t *testing.T) {
	day := time.Date(2026, 11, 7, 0, 0, 0, 0, time.UTC)
	for _, f := range []string{"{year}-{month}-{day}", "{{day}}", "{day", "day}", "{year}{year} {month}", "{}", "{Day} {monthly}", "x"} {
		site := fstest.MapFS{"i18n/en.yaml": {Data: []byte("date: \"" + f + "\"\n")}}
		w, _, err := Load("en", site)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.NewReplacer("{day}", "7", "{month}", "November", "{year}", "2026").Replace(f)
		if got := w.Date(day); got != want {
			t.Errorf("date %q = %q, want %q", f, got, want)
		}
	}
}

// TestArgTextIsSprint: a word's argument is written as fmt.Sprint writes
// it, whatever its type.
func TestArgTextIsSprint(t *testing.T) {
	for _, a := range []any{"", "Läs <mer>", 0, -12, 1 << 40, int64(3), uint8(4), 2.5, nil, true,
		template.HTML("<b>x</b>"), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), []string{"a"}} {
		if got, want := argText(a), fmt.Sprint(a); got != want {
			t.Errorf("%#v: %q, want %q", a, got, want)
		}
	}
}
