package siteurl

import (
	"net/url"
	"strings"
)

// Resolve is ref resolved against the absolute URL base, as net/url
// resolves a reference: the one absolute-URL helper of folio, for a URL
// that is not a site path (a photo's credit URL against its page's
// address; the absURL template function). ref is returned as it is when
// base is "" or either does not parse.
func Resolve(base, ref string) string {
	if base == "" {
		return ref
	}
	// Most calls join a base URL with a site path such as /blog/post/,
	// which resolves to the base's origin and the path as it is; parsing
	// both URLs for each of them was 2% of a build.
	if o, ok := origin(base); ok && rooted(ref) && plain(ref) {
		return o + ref
	}
	bu, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return bu.ResolveReference(r).String()
}

// origin is scheme://host of an absolute URL whose scheme and host need
// no escaping, and false for any other.
func origin(base string) (string, bool) {
	i := strings.Index(base, "://")
	if scheme := base[:max(i, 0)]; scheme != "http" && scheme != "https" {
		return "", false
	}
	rest := base[i+3:]
	end := strings.IndexByte(rest, '/')
	if end < 0 {
		end = len(rest)
	}
	host, port, hasPort := strings.Cut(rest[:end], ":")
	if host == "" || hasPort && port == "" {
		return "", false
	}
	for j := 0; j < len(host); j++ {
		if c := host[j]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return "", false
		}
	}
	for j := 0; j < len(port); j++ {
		if c := port[j]; c < '0' || c > '9' {
			return "", false
		}
	}
	if !plainChars(rest[end:]) { // the base's own path: anything that could fail to parse
		return "", false
	}
	return base[:i+3+end], true
}
