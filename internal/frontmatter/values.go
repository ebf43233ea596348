package frontmatter

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

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
			s, err := asString(x) // a number is its text: tags: [go, 2024]
			if err != "" {
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

// dateLayouts are the written dates folio reads: a day, RFC 3339, and the
// forms Jekyll and Hugo sites carry ("2014-12-17 11:16:21 -0800" is what
// Jekyll's own post template writes). A time without a zone is read as UTC,
// as TOML's local times are.
var dateLayouts = []string{
	"2006-1-2", // 2026-03-14, and 2024-4-09 as one of Go's blog posts has it
	time.RFC3339,
	"2006-1-2T15:04:05",
	"2006-1-2T15:04",
	"2006-1-2T15:04:05-0700",
	"2006-1-2 15:04:05Z07:00",
	"2006-1-2 15:04:05 -0700",
	"2006-1-2 15:04:05 -07:00",
	"2006-1-2 15:04:05",
	"2006-1-2 15:04 -0700",
	"2006-1-2 15:04 -07:00",
	"2006-1-2 15:04",
}

// asDate accepts a day, an RFC 3339 instant, or a date and time as Jekyll
// and Hugo write them (dateLayouts).
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
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t, ""
			}
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
