package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// FrontMatter is the typed front matter of a page. Keys it does not name
// reach templates through Params.
type FrontMatter struct {
	Title       string
	Date        time.Time
	Updated     time.Time
	Order       int
	HasOrder    bool
	Draft       bool
	Slug        string
	Summary     string
	Description string
	Tags        []string
	// Series is the series of a post, or for a book's _index.md the blog
	// series that accompany the book.
	Series   []string
	Photo    *Photo
	Layout   string
	Numbered *bool
	Type     string
	Subtitle string
	Author   string
	Status   string
	// Aliases are old site paths of the page ("/2019/old-title/"), each
	// of which gets a page that redirects to it.
	Aliases []string
	// NoSearch leaves the page out of the site's search index (search: false).
	NoSearch bool
	Params   map[string]any
	// Lines maps each front matter key to its file line, for messages.
	Lines map[string]int
}

// Line returns the file line of a front matter key, 0 when absent.
func (fm *FrontMatter) Line(key string) int {
	return fm.Lines[key]
}

// Photo is a page's photo and the credit its license asks for.
type Photo struct {
	Src       string
	Alt       string
	Credit    string
	CreditURL string
	License   string
	// Line is where photo: stands in the file, for messages.
	Line int
	// URL, Width and Height are filled once the image is found: the
	// variant for src, and its size. SrcSet lists the variants for the
	// page, Sizes how wide the theme shows them; ThumbURL and ThumbSrcSet
	// the small ones for lists; PrintURL is the print edition's. Without
	// processing they all name the original file. The URLs are site
	// paths; the srcsets' URLs carry the site's base path already.
	URL           string
	Width, Height int
	SrcSet, Sizes string
	ThumbURL      string
	ThumbSrcSet   string
	PrintURL      string
}

// rawFrontMatter is what the front matter splitter hands back: the text
// between the delimiters, decoded later so that errors can name keys and
// lines, which the splitter's own decoders cannot.
type rawFrontMatter struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		r := v.(*rawFrontMatter)
		r.format, r.data = format, bytes.Clone(data)
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
}

// split separates front matter from the body. bodyLine is the file line on
// which the body starts.
func split(file string, src []byte) (raw rawFrontMatter, body []byte, bodyLine int, err *Error) {
	r := &headReader{src: src, raw: &raw}
	// The parser reads through a bufio.Reader, and takes the one it is
	// given rather than making one per page.
	br := lineReaders.Get().(*bufio.Reader)
	br.Reset(r)
	rest, perr := frontmatter.Parse(br, &raw, formats...)
	br.Reset(nil)
	lineReaders.Put(br)
	if perr != nil {
		return raw, nil, 0, Errorf(file, 0, "cannot read front matter: %v", perr)
	}
	// The parser hands back the part of the body it read; the body starts
	// where that part starts in the source.
	body = src[r.off-len(rest):]
	if raw.format == "" {
		first := strings.TrimSpace(firstLine(src))
		switch first {
		case "---", "+++":
			return raw, nil, 0, Errorf(file, 1, "front matter opened with %s is never closed; add a line holding only %s after the last key", first, first)
		case "{":
			return raw, nil, 0, Errorf(file, 1, "JSON front matter is never closed; end the object with a line holding only } followed by an empty line")
		}
		if strings.HasPrefix(first, "{") {
			return raw, nil, 0, Errorf(file, 1, "JSON front matter must open with a line holding only {; put the keys on the lines below it")
		}
		return raw, src, 1, nil // no front matter: the whole file is the body
	}
	bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return raw, body, bodyLine, nil
}

var lineReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// headReader feeds the source to the front matter parser a line at a time
// and ends the stream once the front matter is decoded, so the parser does
// not copy the body (or the rest of its 4 KB buffer) into a growing buffer
// only for it to be sliced back out.
type headReader struct {
	src []byte
	off int
	raw *rawFrontMatter
}

func (h *headReader) Read(p []byte) (int, error) {
	if h.raw.format != "" || h.off >= len(h.src) {
		return 0, io.EOF
	}
	line := h.src[h.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	h.off += n
	return n, nil
}

func firstLine(src []byte) string {
	for _, l := range strings.SplitN(string(src), "\n", 5) {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// entry is one top-level key of the front matter with its value and line.
type entry struct {
	key   string
	value any
	line  int
}

// entries decodes raw front matter into key/value pairs with file lines.
func entries(file string, raw rawFrontMatter) ([]entry, *Error) {
	switch raw.format {
	case "yaml":
		return yamlEntries(file, raw.data)
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(raw.data), &m); err != nil {
			return nil, tomlError(file, err)
		}
		// A key is either "key = value" or a table header "[key]".
		return withLines(m, raw.data, 2, tomlKeyAt), nil
	default:
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw.data))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			line := 0
			if se, ok := err.(*json.SyntaxError); ok {
				line = 1 + bytes.Count(raw.data[:se.Offset], []byte("\n"))
			}
			return nil, Errorf(file, line, "malformed JSON front matter: %v; keys and texts need double quotes, entries a comma between them and none after the last", err)
		}
		return withLines(m, raw.data, 1, jsonKeyAt), nil
	}
}

func yamlEntries(file string, data []byte) ([]entry, *Error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, Errorf(file, doc.Line+1, "front matter must be a mapping of keys to values (title: ...)")
	}
	var out []entry
	seen := map[string]int{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			return nil, Errorf(file, k.Line+1, "front matter key %q appears twice (also on line %d); keep one", k.Value, first)
		}
		seen[k.Value] = k.Line + 1
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, Errorf(file, v.Line+1, "front matter key %q: %v", k.Value, err)
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
			val = v.Value // dates are parsed by folio's own rules below
		}
		out = append(out, entry{key: k.Value, value: val, line: k.Line + 1})
	}
	return out, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlError reports a YAML syntax error on its file line: yaml counts lines
// inside the front matter, and the opening --- is line 1 of the file.
func yamlError(file string, err error) *Error {
	msg, line := err.Error(), 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		line++
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return Errorf(file, line, "malformed YAML front matter: %s; check the indentation, and quote a value that holds \": \" or starts with [, {, *, &, !, |, >, %%, @ or a quote", msg)
}

// tomlError reports a TOML syntax error on its file line, below the opening +++.
func tomlError(file string, err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Errorf(file, pe.Position.Line+1, "malformed TOML front matter: %s; TOML wants key = value, with texts in double quotes", pe.Message)
	}
	return Errorf(file, 0, "malformed TOML front matter: %v", err)
}

// withLines finds each key's line in the raw text, since the TOML and JSON
// decoders do not report positions of keys: the first line, leading blanks
// trimmed, on which keyAt sees the key.
func withLines(m map[string]any, data []byte, first int, keyAt func(line []byte, key string) bool) []entry {
	lines := bytes.Split(data, []byte("\n"))
	out := make([]entry, 0, len(m))
	for k, v := range m {
		line := 0
		for i, l := range lines {
			if keyAt(bytes.TrimLeft(l, " \t"), k) {
				line = first + i
				break
			}
		}
		out = append(out, entry{key: k, value: v, line: line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// tomlKeyAt reports whether a TOML line sets key (key = ..., "key" = ...)
// or opens its table ([key], [ "key" ]).
func tomlKeyAt(l []byte, key string) bool {
	if rest, ok := bytes.CutPrefix(l, []byte("[")); ok {
		rest, ok = cutKey(bytes.TrimLeft(rest, " \t"), key, false)
		return ok && bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte("]"))
	}
	rest, ok := cutKey(l, key, false)
	return ok && bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte("="))
}

// jsonKeyAt reports whether a JSON line starts with "key":.
func jsonKeyAt(l []byte, key string) bool {
	rest, ok := cutKey(l, key, true)
	return ok && bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte(":"))
}

// cutKey cuts key, in double quotes if quoted (else optionally so), from the
// start of l.
func cutKey(l []byte, key string, quoted bool) ([]byte, bool) {
	q, hasQ := bytes.CutPrefix(l, []byte(`"`))
	if hasQ {
		l = q
	} else if quoted {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(l, []byte(key))
	if !ok {
		return nil, false
	}
	if hasQ {
		return bytes.CutPrefix(rest, []byte(`"`))
	}
	return rest, true
}

// decodeFrontMatter fills a FrontMatter from entries, reporting each wrong
// type with the key and its line.
func decodeFrontMatter(file string, es []entry, probs *Problems) FrontMatter {
	fm := FrontMatter{Lines: make(map[string]int, len(es))}
	for _, e := range es {
		fm.Lines[e.key] = e.line
		if err := fm.set(e); err != "" {
			probs.Add(file, e.line, "front matter key %q: %s", e.key, err)
		}
	}
	return fm
}

func (fm *FrontMatter) set(e entry) string {
	var err string
	switch e.key {
	case "title":
		fm.Title, err = asString(e.value)
	case "date":
		fm.Date, err = asDate(e.value)
	case "updated":
		fm.Updated, err = asDate(e.value)
	case "order":
		fm.Order, err = asInt(e.value)
		fm.HasOrder = err == ""
	case "draft":
		fm.Draft, err = asBool(e.value)
	case "search":
		var b bool
		b, err = asBool(e.value)
		fm.NoSearch = !b
	case "numbered":
		var b bool
		b, err = asBool(e.value)
		fm.Numbered = &b
	case "slug":
		fm.Slug, err = asString(e.value)
		if err == "" && (strings.Contains(fm.Slug, "/") || fm.Slug == "." || fm.Slug == "..") {
			err = fmt.Sprintf("%q is not one URL segment; a slug replaces the last part of the URL, such as partnership", fm.Slug)
		}
	case "summary":
		fm.Summary, err = asString(e.value)
	case "description":
		fm.Description, err = asString(e.value)
	case "layout":
		fm.Layout, err = asString(e.value)
	case "type":
		fm.Type, err = asString(e.value)
		if err == "" && fm.Type != "book" && fm.Type != "blog" {
			err = fmt.Sprintf("unknown section type %q; use book or blog", fm.Type)
		}
	case "subtitle":
		fm.Subtitle, err = asString(e.value)
	case "author":
		fm.Author, err = asString(e.value)
	case "status":
		fm.Status, err = asStatus(e.value)
	case "tags":
		fm.Tags, err = asStrings(e.value)
	case "series":
		fm.Series, err = asStrings(e.value)
	case "aliases":
		fm.Aliases, err = asAliases(e.value)
	case "photo":
		fm.Photo, err = asPhoto(e.value)
		if fm.Photo != nil {
			fm.Photo.Line = e.line
		}
	default:
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[e.key] = e.value
	}
	return err
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case nil:
		return "nothing"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	default:
		return fmt.Sprintf("%v", v)
	}
}

func asString(v any) (string, string) {
	switch v := v.(type) {
	case string:
		return v, ""
	case int, int64, float64, json.Number:
		return fmt.Sprint(v), ""
	}
	return "", "expected text, got " + describe(v)
}

func asStatus(v any) (string, string) {
	if t, ok := v.(time.Time); ok {
		return t.Format("2006-01-02"), ""
	}
	return asString(v)
}

func asBool(v any) (bool, string) {
	if b, ok := v.(bool); ok {
		return b, ""
	}
	return false, "expected true or false, got " + describe(v)
}

func asInt(v any) (int, string) {
	switch v := v.(type) {
	case int:
		return v, ""
	case int64:
		return int(v), ""
	case float64:
		// Beyond 2^53 a float no longer holds every whole number, and a
		// YAML integer too large for int64 arrives as one.
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return int(v), ""
		}
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return int(n), ""
		}
	}
	return 0, "expected a whole number such as 10, got " + describe(v)
}

func asStrings(v any) ([]string, string) {
	switch v := v.(type) {
	case string:
		return []string{v}, ""
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, "expected a list of texts, got an item " + describe(x)
			}
			out = append(out, s)
		}
		return out, ""
	}
	return nil, "expected a list of texts such as [coaching, trust], got " + describe(v)
}

// asAliases reads old site paths: each starts with "/", and names a folder
// ("/old/", its trailing slash added when left out) or an .html file.
func asAliases(v any) ([]string, string) {
	list, err := asStrings(v)
	if err != "" {
		return nil, err
	}
	out := make([]string, 0, len(list))
	for _, a := range list {
		a = strings.TrimSpace(a)
		switch {
		case !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//"):
			return nil, fmt.Sprintf("alias %q is not a path of this site; write it from the site's root, such as /2019/old-title/", a)
		case strings.ContainsAny(a, "?#\\") || strings.Contains("/"+a+"/", "/../") || strings.Contains("/"+a+"/", "/./") || strings.Contains(a, "//"):
			return nil, fmt.Sprintf("alias %q must be a plain path, without ?, #, // or dot segments", a)
		case a == "/":
			return nil, "alias \"/\" would replace the home page"
		}
		if !strings.HasSuffix(a, "/") && !strings.HasSuffix(a, ".html") {
			a += "/"
		}
		out = append(out, a)
	}
	return out, ""
}

// asDate accepts the two forms authors use, a day or an RFC 3339 instant.
func asDate(v any) (time.Time, string) {
	switch v := v.(type) {
	case time.Time:
		// TOML's local dates and times carry a marker zone with the
		// machine's offset; folio reads their wall clock as UTC so that a
		// build does not depend on where it runs.
		if !strings.HasSuffix(v.Location().String(), "-local") {
			return v, ""
		}
		y, m, d := v.Date()
		return time.Date(y, m, d, v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC), ""
	case string:
		s := strings.TrimSpace(v)
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t, ""
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, ""
		}
	}
	return time.Time{}, fmt.Sprintf("cannot read %s as a date; write YYYY-MM-DD (2026-03-14) or RFC 3339 (2026-03-14T09:30:00Z)", describe(v))
}

var photoKeys = []string{"src", "alt", "credit", "credit_url", "license"}

func asPhoto(v any) (*Photo, string) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, "expected a mapping with src, alt, credit, credit_url and license, got " + describe(v)
	}
	p := &Photo{}
	fields := map[string]*string{"src": &p.Src, "alt": &p.Alt, "credit": &p.Credit, "credit_url": &p.CreditURL, "license": &p.License}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		dst, known := fields[k]
		if !known {
			return nil, fmt.Sprintf("unknown key %q; a photo takes %s", k, strings.Join(photoKeys, ", "))
		}
		s, err := asString(m[k])
		if err != "" {
			return nil, k + ": " + err
		}
		*dst = s
	}
	if p.Src == "" {
		return nil, "src is missing; give the image path relative to this file"
	}
	return p, ""
}
