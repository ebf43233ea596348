package frontmatter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	adrg "github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Raw is what Split hands back: the front matter's syntax (yaml, toml or
// json; empty when the file has none) and the text between the delimiters,
// decoded by Entries so that errors can name keys and lines, which the
// splitter's own decoders cannot.
type Raw struct {
	Format string
	data   []byte
}

func capture(format string) adrg.UnmarshalFunc {
	return func(data []byte, v any) error {
		r := v.(*Raw)
		r.Format, r.data = format, bytes.Clone(data)
		return nil
	}
}

var formats = []*adrg.Format{
	adrg.NewFormat("---", "---", capture("yaml")),
	adrg.NewFormat("+++", "+++", capture("toml")),
	{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
}

// Split separates front matter from the body. bodyLine is the file line on
// which the body starts.
func Split(src []byte) (raw Raw, body []byte, bodyLine int, err *Error) {
	r := &headReader{src: src, raw: &raw}
	// The parser reads through a bufio.Reader, and takes the one it is
	// given rather than making one per page.
	br := lineReaders.Get().(*bufio.Reader)
	br.Reset(r)
	rest, perr := adrg.Parse(br, &raw, formats...)
	br.Reset(nil)
	lineReaders.Put(br)
	if perr != nil {
		return raw, nil, 0, errorf(0, "cannot read front matter: %v", perr)
	}
	// The parser hands back the part of the body it read; the body starts
	// where that part starts in the source.
	body = src[r.off-len(rest):]
	if raw.Format == "" {
		first := strings.TrimSpace(firstLine(src))
		switch first {
		case "---", "+++":
			return raw, nil, 0, errorf(1, "front matter opened with %s is never closed; add a line holding only %s after the last key", first, first)
		case "{":
			return raw, nil, 0, errorf(1, "JSON front matter is never closed; end the object with a line holding only } followed by an empty line")
		}
		if strings.HasPrefix(first, "{") {
			return raw, nil, 0, errorf(1, "JSON front matter must open with a line holding only {; put the keys on the lines below it")
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
	raw *Raw
}

func (h *headReader) Read(p []byte) (int, error) {
	if h.raw.Format != "" || h.off >= len(h.src) {
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

// Entry is one top-level key of the front matter with its value and line.
type Entry struct {
	Key   string
	Value any
	Line  int
}

// Entries decodes raw front matter into key/value pairs with file lines.
func Entries(raw Raw) ([]Entry, *Error) {
	switch raw.Format {
	case "yaml":
		return yamlEntries(raw.data)
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(raw.data), &m); err != nil {
			return nil, tomlError(err)
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
			return nil, errorf(line, "malformed JSON front matter: %v; keys and texts need double quotes, entries a comma between them and none after the last", err)
		}
		return withLines(m, raw.data, 1, jsonKeyAt), nil
	}
}

// yamlEntries decodes YAML front matter: the plain kind most pages have
// by plainYAML, the rest by the YAML library.
func yamlEntries(data []byte) ([]Entry, *Error) {
	if out, ok := plainYAML(data); ok {
		return out, nil
	}
	return libraryYAML(data)
}

func libraryYAML(data []byte) ([]Entry, *Error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, errorf(doc.Line+1, "front matter must be a mapping of keys to values (title: ...)")
	}
	var out []Entry
	seen := map[string]int{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			return nil, errorf(k.Line+1, "front matter key %q appears twice (also on line %d); keep one", k.Value, first)
		}
		seen[k.Value] = k.Line + 1
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, errorf(v.Line+1, "front matter key %q: %v", k.Value, err)
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
			val = v.Value // dates are parsed by folio's own rules below
		}
		out = append(out, Entry{Key: k.Value, Value: val, Line: k.Line + 1})
	}
	return out, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlError reports a YAML syntax error on its file line: yaml counts lines
// inside the front matter, and the opening --- is line 1 of the file.
func yamlError(err error) *Error {
	msg, line := err.Error(), 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		line++
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return errorf(line, "malformed YAML front matter: %s; check the indentation, and quote a value that holds \": \" or starts with [, {, *, &, !, |, >, %%, @ or a quote", msg)
}

// tomlError reports a TOML syntax error on its file line, below the opening +++.
func tomlError(err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return errorf(pe.Position.Line+1, "malformed TOML front matter: %s; TOML wants key = value, with texts in double quotes", pe.Message)
	}
	return errorf(0, "malformed TOML front matter: %v", err)
}

// withLines finds each key's line in the raw text, since the TOML and JSON
// decoders do not report positions of keys: the first line, leading blanks
// trimmed, on which keyAt sees the key.
func withLines(m map[string]any, data []byte, first int, keyAt func(line []byte, key string) bool) []Entry {
	lines := bytes.Split(data, []byte("\n"))
	out := make([]Entry, 0, len(m))
	for k, v := range m {
		line := 0
		for i, l := range lines {
			if keyAt(bytes.TrimLeft(l, " \t"), k) {
				line = first + i
				break
			}
		}
		out = append(out, Entry{Key: k, Value: v, Line: line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
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
