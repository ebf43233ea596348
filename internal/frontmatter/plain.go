package frontmatter

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// plainYAML decodes the front matter most pages have, one key a line with
// a text, a whole number, true or false, a date, a list of texts in
// brackets, or a mapping of texts indented below the key (photo:), without
// the YAML library: at 10,000 pages yaml.v3 took a fifth of the processor
// time folio serve spent before its first page. ok is false for anything
// else (quoting with escapes, comments, block texts, anchors, a key given
// twice, a value YAML reads as another type), which the library decodes,
// and reports, as before. FuzzPlainYAML holds the two to the same result.
func plainYAML(data []byte) (out []Entry, ok bool) {
	if !utf8.Valid(data) {
		return nil, false
	}
	lines := bytes.Split(data, []byte("\n"))
	seen := map[string]bool{}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if len(bytes.TrimRight(line, " ")) == 0 {
			continue
		}
		key, rest, ok := plainKey(line)
		if !ok || seen[key] {
			return nil, false
		}
		seen[key] = true
		// The opening --- is the file's line 1, data starts on line 2.
		keyLine := i + 2
		var val any
		if len(rest) == 0 {
			m, n, ok := plainMapping(lines[i+1:])
			if !ok {
				return nil, false
			}
			val, i = m, i+n
		} else if val, ok = plainValue(rest, true); !ok {
			return nil, false
		}
		out = append(out, Entry{Key: key, Value: val, Line: keyLine})
	}
	return out, true
}

// plainKey splits "key: value" (or "key:" before an indented mapping),
// the key a name of letters, digits, _ and - of at most 128 bytes.
func plainKey(line []byte) (key string, rest []byte, ok bool) {
	i := 0
	for i < len(line) && (isNameByte(line[i]) || (i > 0 && line[i] == '-')) {
		i++
	}
	// YAML takes a key of at most 1,024 characters without a "? ".
	if i == 0 || i == len(line) || line[i] != ':' || i > 128 {
		return "", nil, false
	}
	rest = line[i+1:]
	if len(rest) > 0 && rest[0] != ' ' {
		return "", nil, false
	}
	return string(line[:i]), bytes.Trim(rest, " "), true
}

// textKey reports whether YAML reads a key of a nested mapping as a text
// (a key 2 or true would be a number or a boolean there).
func textKey(key string) bool {
	c := key[0]
	return (c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) && !yamlWord(key) && key != "true" && key != "false"
}

func isNameByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// plainMapping reads the lines indented below a key, all by the same
// spaces, each "key: text"; n is how many lines it took.
func plainMapping(lines [][]byte) (m map[string]any, n int, ok bool) {
	indent := 0
	for len(lines) > 0 && indent < len(lines[0]) && lines[0][indent] == ' ' {
		indent++
	}
	if indent == 0 {
		return nil, 0, false
	}
	m = map[string]any{}
	for n < len(lines) && len(lines[n]) > indent && lines[n][indent-1] == ' ' {
		line := lines[n]
		if line[indent] == ' ' || len(bytes.TrimLeft(line[:indent], " ")) > 0 {
			return nil, 0, false
		}
		key, rest, ok := plainKey(line[indent:])
		if !ok || len(rest) == 0 || !textKey(key) {
			return nil, 0, false
		}
		if _, dup := m[key]; dup {
			return nil, 0, false
		}
		v, ok := plainValue(rest, false)
		if !ok {
			return nil, 0, false
		}
		m[key] = v
		n++
	}
	return m, n, n > 0
}

// plainValue decodes one value; top is false inside a mapping or list,
// where only texts are taken (YAML would read a date there as a time).
func plainValue(v []byte, top bool) (any, bool) {
	switch v[0] {
	case '"', '\'':
		return quotedText(v)
	case '[':
		if !top || v[len(v)-1] != ']' {
			return nil, false
		}
		return plainList(v[1 : len(v)-1])
	}
	if !plainText(v) {
		return nil, false
	}
	s := string(v)
	switch {
	case s == "true" || s == "false":
		return s == "true", top
	case isDigit(v[0]):
		if n, ok := wholeNumber(v); ok && top {
			return n, true
		}
		if isDate(v) && top {
			return s, true // dates are parsed by folio's own rules
		}
		return nil, false
	case yamlWord(s):
		return nil, false
	}
	return s, true
}

// quotedText is a text in double or single quotes without escapes.
func quotedText(v []byte) (any, bool) {
	q := v[0]
	if len(v) < 2 || v[len(v)-1] != q {
		return nil, false
	}
	in := v[1 : len(v)-1]
	if bytes.IndexByte(in, q) >= 0 || bytes.IndexByte(in, '\\') >= 0 || hasControl(in) {
		return nil, false
	}
	return string(in), true
}

// plainList is a list of texts in brackets: [a, "b c"].
func plainList(v []byte) (any, bool) {
	out := []any{}
	if len(bytes.Trim(v, " ")) == 0 {
		return out, true
	}
	for item := range bytes.SplitSeq(v, []byte(",")) {
		item = bytes.Trim(item, " ")
		if len(item) == 0 || bytes.ContainsAny(item, ":#") {
			return nil, false
		}
		s, ok := plainValue(item, false)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// plainText reports whether v is a YAML plain scalar that can only be a
// text: it starts with none of YAML's indicators, and holds no ": ", " #",
// brackets, braces or control characters.
func plainText(v []byte) bool {
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '.', '+', '=', '<', '~':
		return false
	}
	if v[len(v)-1] == ':' || bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) ||
		bytes.ContainsAny(v, "[]{}\t") || hasControl(v) {
		return false
	}
	return true
}

// hasControl reports characters YAML does not take in a text as they are:
// control characters (C0 and C1), line separators, byte order marks and
// the non-characters U+FFFE and U+FFFF.
func hasControl(v []byte) bool {
	for _, c := range v {
		if c < ' ' || c == 0x7f {
			return true
		}
	}
	return bytes.ContainsFunc(v, func(r rune) bool {
		return (0x80 <= r && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff
	})
}

// yamlWord reports the words YAML reads as something other than a text
// (null, booleans of YAML 1.1, infinities): left to the library.
func yamlWord(s string) bool {
	switch s {
	case "null", "Null", "NULL", "True", "TRUE", "False", "FALSE",
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF":
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// wholeNumber is a decimal without sign or leading zero that fits an int.
func wholeNumber(v []byte) (int, bool) {
	if len(v) > 18 || (v[0] == '0' && len(v) > 1) {
		return 0, false
	}
	for _, c := range v {
		if !isDigit(c) {
			return 0, false
		}
	}
	n, err := strconv.Atoi(string(v))
	return n, err == nil
}

// isDate is 2026-03-14, which YAML tags as a timestamp.
func isDate(v []byte) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	for i, c := range v {
		if i != 4 && i != 7 && !isDigit(c) {
			return false
		}
	}
	return true
}
