package templates

import "strings"

// This file says which plain text html/template's escapers leave as it
// is, conservatively: a value with any character an escaper might
// rewrite is taken as one it changes.

// safeFor reports whether html/template's escaper e returns s unchanged
// (a plain string, not one of its typed contents).
func safeFor(e, s string) bool {
	safe := safeChecks[e]
	return safe != nil && safe(s)
}

// safeChecks are the escapers safeFor knows, each with what it leaves
// as it is.
var safeChecks = map[string]func(string) bool{
	// They replace NUL, '"', '&', '\'', '+', '<' and '>' (escapeHTML).
	"_html_template_htmlescaper":   noHTMLSpecials,
	"_html_template_attrescaper":   noHTMLSpecials,
	"_html_template_rcdataescaper": noHTMLSpecials,
	// It replaces a URL with a scheme other than http(s) or mailto.
	"_html_template_urlfilter":     safeScheme,
	"_html_template_urlnormalizer": func(s string) bool { return onlyBytes(s, normalizerSafe) },
	"_html_template_urlescaper":    func(s string) bool { return onlyBytes(s, "-._~") },
	"_html_template_srcsetescaper": safeSrcset,
}

// noHTMLSpecials reports whether s has none of the bytes escapeHTML
// replaces.
func noHTMLSpecials(s string) bool {
	for i := range len(s) {
		if htmlReplacements[s[i]] != "" {
			return false
		}
	}
	return true
}

// safeSrcset reports whether html/template's srcset escaper leaves s, a
// srcset attribute's value, as it is: each of its comma-separated
// sources a URL that the URL filter and normalizer leave alone, after
// white space, then white space, letters and digits.
func safeSrcset(s string) bool {
	for src := range strings.SplitSeq(s, ",") {
		src = strings.TrimLeft(src, "\t\n\f\r ")
		url, meta := src, ""
		if i := strings.IndexAny(src, "\t\n\f\r "); i >= 0 {
			url, meta = src[:i], src[i:]
		}
		if !safeScheme(url) || !onlyBytes(url, normalizerSafe) || !onlyBytes(meta, "\t\n\f\r ") {
			return false
		}
	}
	return true
}

// normalizerSafe are the bytes besides letters and digits that
// html/template's URL normalizer leaves as they are (a conservative part
// of them).
const normalizerSafe = "-._~/#?=:@,;!$*"

// safeScheme reports whether s has no scheme (no colon before its
// first slash) or one of http, https and mailto, in any case: the URLs
// html/template's URL filter lets through.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// onlyBytes reports whether s holds only ASCII letters, digits and the
// bytes of extra.
func onlyBytes(s, extra string) bool {
	for i := range len(s) {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}
