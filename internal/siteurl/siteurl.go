// Package siteurl owns the one mapping from a site path to the URL folio
// writes. A site path is where a file sits inside the site as content.Link
// assigns it ("/", "/blog/partnership/", "/css/folio.css"); the site may be
// published below a path of its host (base_url
// https://ada.github.io/writing-well/, a GitHub Pages project site), and
// then every URL folio writes carries that path.
//
// Every URL of the output goes through a Base: Path for the root-relative
// URLs of pages (links, stylesheets, images, srcsets, the search index),
// Abs for the absolute URLs of feeds, the sitemap, robots.txt, canonical
// links and share cards. Templates reach them as the functions url and abs.
// Output paths (the files written) stay site paths: the prefix is part of
// the address, not of the output folder.
package siteurl

import (
	"net/url"
	"path"
	"strings"
)

// Base maps site paths to published URLs. The zero value publishes at the
// root of the host without an origin: Path is the identity and Abs returns
// site-relative paths. Bases compare with ==.
type Base struct {
	origin string // "https://ada.github.io"; "" without a base URL
	prefix string // "/writing-well/"; "" or "/" at the root
}

// New returns the Base of a site whose base URL is baseURL (as config
// validated it: absolute, ending in "/"), or of a site without one when
// baseURL is "".
func New(baseURL string) Base {
	if baseURL == "" {
		return Base{}
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return Base{}
	}
	// Dot segments of the base's own path are resolved, as a browser would.
	if clean := path.Clean("/" + u.Path); clean != strings.TrimSuffix(u.Path, "/") {
		u.Path, u.RawPath = clean, ""
	}
	p := u.EscapedPath()
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return Base{origin: (&url.URL{Scheme: u.Scheme, Host: u.Host}).String(), prefix: p}
}

// Prefix is the path the site is published under: "/" at the root of its
// host, "/writing-well/" for a project site.
func (b Base) Prefix() string {
	if b.prefix == "" {
		return "/"
	}
	return b.prefix
}

// HasOrigin reports whether the site has a base URL, hence absolute URLs.
func (b Base) HasOrigin() bool { return b.origin != "" }

// Path is the root-relative URL of a site path: the prefix joined to it.
// Anything that is not a site path (an absolute URL, "//host/", "#id", a
// relative path, "") is returned as it is, so Path may be applied to a URL
// that is already absolute. It must not be applied twice to one site path.
func (b Base) Path(sitePath string) string {
	if !rooted(sitePath) || b.prefix == "" || b.prefix == "/" {
		return sitePath
	}
	return b.prefix + sitePath[1:]
}

// Abs is the absolute URL of a site path when the site has a base URL,
// and Path's answer otherwise. Like Path, it leaves anything that is not a
// site path as it is.
func (b Base) Abs(sitePath string) string {
	if b.origin == "" || !rooted(sitePath) {
		return b.Path(sitePath)
	}
	if plain(sitePath) {
		return b.origin + b.Path(sitePath)
	}
	base, err := url.Parse(b.origin + b.prefix)
	r, err2 := url.Parse("./" + sitePath[1:])
	if err != nil || err2 != nil {
		return b.origin + b.Path(sitePath)
	}
	return base.ResolveReference(r).String()
}

// Site is the inverse of Path: the site path of a root-relative URL of the
// published site, and false when the URL lies outside the prefix.
func (b Base) Site(published string) (string, bool) {
	if !rooted(published) {
		return "", false
	}
	p := b.Prefix()
	if published+"/" == p {
		return "/", true
	}
	if !strings.HasPrefix(published, p) {
		return "", false
	}
	return "/" + published[len(p):], true
}

// rooted reports whether s is a site path: it starts with one slash.
func rooted(s string) bool {
	return len(s) > 0 && s[0] == '/' && (len(s) == 1 || s[1] != '/')
}

// plain reports whether p needs no escaping and no resolution: unreserved
// characters and slashes, no dot segments.
func plain(p string) bool {
	return plainChars(p) && !strings.Contains(p, "/./") && !strings.Contains(p, "/../") && !strings.HasSuffix(p, "/.") && !strings.HasSuffix(p, "/..")
}

// plainChars reports whether s holds only unreserved characters and slashes.
func plainChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}
