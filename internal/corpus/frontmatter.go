package corpus

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// field is one front matter key. Values are string, int, bool, []string,
// time.Time or photoFields; a photoFields value must come last, because TOML
// writes it as a table after every plain key.
type field struct {
	key string
	val any
}

type photoFields struct{ src, alt, credit, creditURL, license string }

func (ph photoFields) pairs() [][2]string {
	return [][2]string{{"src", ph.src}, {"alt", ph.alt}, {"credit", ph.credit}, {"credit_url", ph.creditURL}, {"license", ph.license}}
}

// writeFrontMatter writes fields in YAML ('y'), TOML ('t') or JSON ('j'),
// the three forms folio reads.
func writeFrontMatter(b *bytes.Buffer, format byte, fields []field) {
	switch format {
	case 't':
		writeKeyed(b, tomlStyle, fields)
	case 'j':
		writeJSON(b, fields)
	default:
		writeKeyed(b, yamlStyle, fields)
	}
	b.WriteByte('\n')
}

// keyedStyle is how YAML and TOML spell the same thing: a fence, a key-value
// line, and a nested table (for the photo) with its own header and lines.
type keyedStyle struct{ fence, pair, tableHead, tablePair string }

var (
	yamlStyle = keyedStyle{"---\n", "%s: %s\n", "%s:\n", "  %s: %s\n"}
	tomlStyle = keyedStyle{"+++\n", "%s = %s\n", "\n[%s]\n", "%s = %s\n"}
)

func writeKeyed(b *bytes.Buffer, st keyedStyle, fields []field) {
	b.WriteString(st.fence)
	for _, f := range fields {
		if ph, ok := f.val.(photoFields); ok {
			fmt.Fprintf(b, st.tableHead, f.key)
			for _, kv := range ph.pairs() {
				fmt.Fprintf(b, st.tablePair, kv[0], strconv.Quote(kv[1]))
			}
			continue
		}
		fmt.Fprintf(b, st.pair, f.key, scalar(f.val, false))
	}
	b.WriteString(st.fence)
}

func writeJSON(b *bytes.Buffer, fields []field) {
	b.WriteString("{\n")
	for i, f := range fields {
		if ph, ok := f.val.(photoFields); ok {
			var parts []string
			for _, kv := range ph.pairs() {
				parts = append(parts, strconv.Quote(kv[0])+": "+strconv.Quote(kv[1]))
			}
			fmt.Fprintf(b, "  %q: {%s}", f.key, strings.Join(parts, ", "))
		} else {
			fmt.Fprintf(b, "  %q: %s", f.key, scalar(f.val, true))
		}
		if i < len(fields)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
}

// scalar formats a plain value; the vocabulary is ASCII without
// backslashes, so Go quoting is valid YAML, TOML and JSON alike.
func scalar(v any, json bool) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		q := make([]string, len(v))
		for i, s := range v {
			q[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case time.Time:
		s := v.Format(time.DateOnly)
		if v.Hour() != 0 || v.Minute() != 0 {
			s = v.Format(time.RFC3339)
		}
		if json {
			return strconv.Quote(s)
		}
		return s
	}
	panic(fmt.Sprintf("corpus: front matter value of type %T", v))
}
