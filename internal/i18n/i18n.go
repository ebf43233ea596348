// Package i18n owns the words folio itself puts on pages, in the print
// edition and in the EPUB ("Chapter 3", "4 minutes read", "Photo by …",
// "Part 2 of 4"), and the way dates are written, in the site's language.
//
// Built-in word files for en, de, fr, es, it, nl and pt are embedded
// (words/<lang>.yaml). A site lays its own i18n/<language>.yaml over them
// word by word, for a language folio lacks or to change a word it has. A
// word is a text with numbered places for its arguments ("Part {0} of
// {1}"), or a mapping of CLDR plural categories (zero, one, two, few, many,
// other) to such texts, picked by the first whole-number argument with the
// plural rules of golang.org/x/text. A word missing in the language falls
// back to English, with one warning naming it.
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"folio/internal/suggest"
)

//go:embed words/*.yaml
var builtin embed.FS

// Dir is the folder of a site's own word files.
const Dir = "i18n"

// Words are the words of one language, ready to use. They are read-only
// once loaded, so templates on many goroutines share them.
type Words struct {
	lang   string
	tag    language.Tag
	msgs   map[string]message
	months []string
}

// message is one word: its text per plural form, "other" always present.
type message map[plural.Form]string

// Warning is a problem that does not stop a build: a missing or unknown
// word, with the file and line it is about where there is one.
type Warning struct {
	File    string
	Line    int
	Message string
}

// Error is a word file that cannot be used, with its file and line.
type Error = Warning

func (w *Warning) Error() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Message)
}

// Languages lists the languages folio has words for.
func Languages() []string {
	entries, _ := builtin.ReadDir("words")
	var langs []string
	for _, e := range entries {
		langs = append(langs, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return langs
}

// Load makes the words of lang (a BCP 47 tag, "de" or "de-CH"): English,
// the built-in words of the language (or of its base, de for de-CH), and
// site's i18n/<lang>.yaml when site has one (site may be nil).
func Load(lang string, site fs.FS) (*Words, []*Warning, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	w := &Words{lang: lang, tag: tag, msgs: map[string]message{}}
	have := map[string]bool{}
	some := false // words of the language itself, built in or the site's
	if data, ok := builtinFor(lang, tag); ok {
		msgs, err := parseFile("built-in words", data, nil)
		if err != nil {
			panic(err)
		}
		merge(w, msgs, have)
		some = true
	}
	var warns []*Warning
	file := Dir + "/" + lang + ".yaml"
	if site != nil {
		data, err := fs.ReadFile(site, file)
		switch {
		case err == nil:
			msgs, err := parseFile(file, data, &warns)
			if err != nil {
				return nil, nil, err
			}
			merge(w, msgs, have)
			some = true
		case !errors.Is(err, fs.ErrNotExist):
			return nil, nil, &Error{File: file, Message: fmt.Sprintf("cannot read: %v", err)}
		}
	}
	warns = append(warns, fillFromEnglish(w, have, lang, file, some)...)
	w.months = strings.Split(w.msgs["months"][plural.Other], "\n")
	return w, warns, nil
}

// builtinFor finds the built-in words of a language: its own (pt-br), or
// those of its base language (pt for pt-BR, de for de-CH).
func builtinFor(lang string, tag language.Tag) ([]byte, bool) {
	base, _ := tag.Base()
	for _, name := range []string{strings.ToLower(lang), base.String()} {
		if data, err := builtin.ReadFile("words/" + name + ".yaml"); err == nil {
			return data, true
		}
	}
	return nil, false
}

func mustRead(name string) []byte {
	data, err := builtin.ReadFile("words/" + name + ".yaml")
	if err != nil {
		panic(err)
	}
	return data
}

func merge(w *Words, msgs map[string]message, have map[string]bool) {
	for k, m := range msgs {
		w.msgs[k] = m
		have[k] = true
	}
}

// fillFromEnglish gives every word the language lacks its English text,
// with one warning per word; a language without any words at all gets one
// warning in all.
func fillFromEnglish(w *Words, have map[string]bool, lang, file string, some bool) []*Warning {
	en := englishKeys()
	var missing []string
	for k, m := range en {
		if !have[k] {
			w.msgs[k] = m
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) == 0 {
		return nil
	}
	if !some {
		return []*Warning{{File: "folio.yaml", Message: fmt.Sprintf("folio has no words for language %q, so its own words (Chapter, Contents, Photo by, …) stay English; "+
			"translate them in %s (folio's README lists the words)", lang, file)}}
	}
	var warns []*Warning
	for _, k := range missing {
		warns = append(warns, &Warning{File: file, Message: fmt.Sprintf("no word %q for language %q; it stays English (%q) until you add it", k, lang, en[k][plural.Other])})
	}
	return warns
}

// forms names the CLDR plural categories as word files write them.
var forms = map[string]plural.Form{"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other}

// parseFile reads a word file. Unknown words are warnings (with the known
// word a typo was probably meant as) when warns is given.
func parseFile(file string, data []byte, warns *[]*Warning) (map[string]message, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: file, Message: fmt.Sprintf("%v; check the indentation and quoting", err)}
	}
	msgs := map[string]message{}
	if len(root.Content) == 0 {
		return msgs, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: doc.Line, Message: "a word file is a mapping of words to texts (chapter_n: \"Kapitel {0}\")"}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		m, err := parseMessage(file, k.Value, v)
		if err != nil {
			return nil, err
		}
		if warns != nil {
			if _, known := englishKeys()[k.Value]; !known && k.Value != "" {
				msg := fmt.Sprintf("unknown word %q", k.Value)
				if near, ok := suggest.Nearest(k.Value, Keys()); ok {
					msg += fmt.Sprintf("; did you mean %q?", near)
				} else {
					msg += "; folio's README lists the words"
				}
				*warns = append(*warns, &Warning{File: file, Line: k.Line, Message: msg})
				continue
			}
		}
		msgs[k.Value] = m
	}
	return msgs, nil
}

func parseMessage(file, key string, v *yaml.Node) (message, error) {
	switch {
	case key == "months":
		if v.Kind != yaml.SequenceNode || len(v.Content) != 12 {
			return nil, &Error{File: file, Line: v.Line, Message: "months must be a list of the 12 month names, January first"}
		}
		var names []string
		for _, n := range v.Content {
			names = append(names, n.Value)
		}
		return message{plural.Other: strings.Join(names, "\n")}, nil
	case v.Kind == yaml.ScalarNode:
		return message{plural.Other: v.Value}, nil
	case v.Kind == yaml.MappingNode:
		m := message{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			f, ok := forms[v.Content[j].Value]
			if !ok || v.Content[j+1].Kind != yaml.ScalarNode {
				return nil, &Error{File: file, Line: v.Content[j].Line, Message: fmt.Sprintf("word %q: %q is not a plural form; use zero, one, two, few, many or other, each with a text", key, v.Content[j].Value)}
			}
			m[f] = v.Content[j+1].Value
		}
		if _, ok := m[plural.Other]; !ok {
			return nil, &Error{File: file, Line: v.Line, Message: fmt.Sprintf("word %q has no other: form, which every number without a form of its own takes", key)}
		}
		return m, nil
	}
	return nil, &Error{File: file, Line: v.Line, Message: fmt.Sprintf("word %q must be a text, or a mapping of plural forms (one:, other:) to texts", key)}
}

// englishKeys are the English words, which name every word folio uses.
var englishKeys func() map[string]message

func init() {
	englishKeys = sync.OnceValue(loadEnglish)
}

func loadEnglish() map[string]message {
	m, err := parseFile("built-in en.yaml", mustRead("en"), nil)
	if err != nil {
		panic(err) // the embedded files are fixed at compile time
	}
	return m
}

// Keys lists the words folio uses, sorted.
func Keys() []string {
	var keys []string
	for k := range englishKeys() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lang is the language the words were loaded for.
func (w *Words) Lang() string { return w.lang }

// T is the word key with args in its numbered places, in the plural form
// the first whole-number argument asks for. An unknown key is an error.
func (w *Words) T(key string, args ...any) (string, error) {
	text, err := w.raw(key, args)
	if err != nil {
		return "", err
	}
	return fill(text, args, argText), nil
}

// argText is an argument of a word as fmt.Sprint writes it, without fmt
// for text and whole numbers, the usual arguments.
func argText(a any) string {
	switch a := a.(type) {
	case string:
		return a
	case int:
		return strconv.Itoa(a)
	}
	return fmt.Sprint(a)
}

// Word is T for words known to exist (the build's own).
func (w *Words) Word(key string, args ...any) string {
	s, err := w.T(key, args...)
	if err != nil {
		panic(err) // a word folio uses is missing from en.yaml
	}
	return s
}

// HTML is T for a template: text and arguments are escaped, except
// arguments that are template.HTML already (a link, an emphasis), which are
// put in as they are.
func (w *Words) HTML(key string, args ...any) (template.HTML, error) {
	text, err := w.raw(key, args)
	if err != nil {
		return "", err
	}
	escaped := make([]any, len(args))
	for i, a := range args {
		if h, ok := a.(template.HTML); ok {
			escaped[i] = string(h)
		} else {
			escaped[i] = template.HTMLEscapeString(argText(a))
		}
	}
	return template.HTML(fill(template.HTMLEscapeString(text), escaped, func(a any) string { return a.(string) })), nil
}

// raw is the text of key, in the plural form of the first whole-number
// argument, before its places are filled.
func (w *Words) raw(key string, args []any) (string, error) {
	m, ok := w.msgs[key]
	if !ok {
		msg := fmt.Sprintf("no word %q", key)
		if near, ok := suggest.Nearest(key, Keys()); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return "", errors.New(msg)
	}
	for _, a := range args {
		if n, ok := whole(a); ok {
			if t, ok := m[w.form(n)]; ok {
				return t, nil
			}
			break
		}
	}
	return m[plural.Other], nil
}

// form is the CLDR plural category of the whole number n in the language.
func (w *Words) form(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(w.tag, n, 0, 0, 0, 0)
}

func whole(a any) (int, bool) {
	switch n := a.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	}
	return 0, false
}

// fill puts args into the places {0}, {1}, … of text.
func fill(text string, args []any, str func(any) string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 32)
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}')
		n, err := strconv.Atoi(text[i+1 : i+max(j, 1)])
		if j < 0 || err != nil || n < 0 || n >= len(args) {
			b.WriteString(text[:i+1])
			text = text[i+1:]
			continue
		}
		b.WriteString(text[:i])
		b.WriteString(str(args[n]))
		text = text[i+j+1:]
	}
}

// JSON is the words keys as a JSON object for a script (the search
// client's words): each key's text with its places ({0}) left to
// fill, or for a word with plural forms an object of the forms by CLDR
// name, which the script picks with Intl.PluralRules of the page's
// language. An unknown key is an error.
func (w *Words) JSON(keys ...string) (string, error) {
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		m, ok := w.msgs[k]
		if !ok {
			_, err := w.raw(k, nil)
			return "", err
		}
		if len(m) == 1 {
			out[k] = m[plural.Other]
			continue
		}
		byName := map[string]string{}
		for name, f := range forms {
			if t, ok := m[f]; ok {
				byName[name] = t
			}
		}
		out[k] = byName
	}
	data, err := json.Marshal(out)
	return string(data), err
}

// Date writes a date as the language does ("January 5, 2026", "5. Januar
// 2026"): the date word with {day}, {month} and {year} in their places.
// Lists call it for every post they show, so it fills the places in one
// pass: a strings.Replacer built per call was 0.36% of a 1,000-page
// build's processor time (perf), this is 0.02%.
func (w *Words) Date(t time.Time) string {
	f := w.msgs["date"][plural.Other]
	b := make([]byte, 0, len(f)+16)
	for {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			return string(append(b, f...))
		}
		b, f = append(b, f[:i]...), f[i:]
		switch {
		case strings.HasPrefix(f, "{day}"):
			b, f = strconv.AppendInt(b, int64(t.Day()), 10), f[len("{day}"):]
		case strings.HasPrefix(f, "{month}"):
			b, f = append(b, w.months[t.Month()-1]...), f[len("{month}"):]
		case strings.HasPrefix(f, "{year}"):
			b, f = strconv.AppendInt(b, int64(t.Year()), 10), f[len("{year}"):]
		default:
			b, f = append(b, '{'), f[1:]
		}
	}
}

// Funcs are the template functions of the words: T (a word, escaped for
// HTML, with HTML arguments put in as they are), date, and dateTag (a <time> element with the date as the language writes it).
func (w *Words) Funcs() template.FuncMap {
	return template.FuncMap{
		"T": func(key string, args ...any) (any, error) {
			for _, a := range args {
				if _, ok := a.(template.HTML); ok {
					return w.HTML(key, args...)
				}
			}
			return w.T(key, args...)
		},
		"date": w.Date,
		"dateTag": func(t time.Time) (template.HTML, error) {
			var b strings.Builder
			err := dateTag.Execute(&b, struct{ ISO, Text string }{t.Format("2006-01-02"), w.Date(t)})
			return template.HTML(b.String()), err
		},
	}
}

var dateTag = template.Must(template.New("").Parse(`<time datetime="{{.ISO}}">{{.Text}}</time>`))
