package siteurl

import (
	"net/url"
	"path"
	"strings"
	"testing"
)

func TestPathAndAbs(t *testing.T) {
	tests := []struct {
		base, in, path, abs string
	}{
		{"", "/blog/x/", "/blog/x/", "/blog/x/"},
		{"https://example.org/", "/blog/x/", "/blog/x/", "https://example.org/blog/x/"},
		{"https://ada.github.io/writing-well/", "/", "/writing-well/", "https://ada.github.io/writing-well/"},
		{"https://ada.github.io/writing-well/", "/css/folio.css", "/writing-well/css/folio.css", "https://ada.github.io/writing-well/css/folio.css"},
		{"https://ada.github.io/writing-well/", "/book/x/#one", "/writing-well/book/x/#one", "https://ada.github.io/writing-well/book/x/#one"},
		{"https://ada.github.io/writing-well/", "/blog/café/", "/writing-well/blog/café/", "https://ada.github.io/writing-well/blog/caf%C3%A9/"},
		{"http://127.0.0.1:4242/a/b/", "/x/", "/a/b/x/", "http://127.0.0.1:4242/a/b/x/"},
		// Not site paths: left alone.
		{"https://ada.github.io/writing-well/", "https://other.example/x", "https://other.example/x", "https://other.example/x"},
		{"https://ada.github.io/writing-well/", "//cdn.example/x", "//cdn.example/x", "//cdn.example/x"},
		{"https://ada.github.io/writing-well/", "#top", "#top", "#top"},
		{"https://ada.github.io/writing-well/", "img/a.png", "img/a.png", "img/a.png"},
		{"https://ada.github.io/writing-well/", "", "", ""},
	}
	for _, tt := range tests {
		b := New(tt.base)
		if got := b.Path(tt.in); got != tt.path {
			t.Errorf("New(%q).Path(%q) = %q, want %q", tt.base, tt.in, got, tt.path)
		}
		if got := b.Abs(tt.in); got != tt.abs {
			t.Errorf("New(%q).Abs(%q) = %q, want %q", tt.base, tt.in, got, tt.abs)
		}
		if site, ok := b.Site(b.Path(tt.in)); strings.HasPrefix(tt.in, "/") && !strings.HasPrefix(tt.in, "//") && (!ok || site != tt.in) {
			t.Errorf("New(%q).Site(%q) = %q, %v; want %q", tt.base, b.Path(tt.in), site, ok, tt.in)
		}
	}
}

func TestSiteOutsidePrefix(t *testing.T) {
	b := New("https://ada.github.io/writing-well/")
	for _, p := range []string{"/other/", "/writing-wellness/", "x", "//host/writing-well/"} {
		if s, ok := b.Site(p); ok {
			t.Errorf("Site(%q) = %q, true; want false: it is outside /writing-well/", p, s)
		}
	}
	if s, ok := b.Site("/writing-well"); !ok || s != "/" {
		t.Errorf("Site(/writing-well) = %q, %v; want / (the prefix without its slash)", s, ok)
	}
}

// FuzzAbs holds Abs to net/url: a site path resolved against the base URL
// as a path relative to it.
func FuzzAbs(f *testing.F) {
	for _, s := range []string{"/", "/blog/x/", "/a b/", "/café/#x", "/x?y=1", "/../x", "/a/./b"} {
		f.Add("https://ada.github.io/writing-well/", s)
		f.Add("https://example.org/", s)
	}
	f.Fuzz(func(t *testing.T, base, p string) {
		bu, err := url.Parse(base)
		if err != nil || (bu.Scheme != "http" && bu.Scheme != "https") || bu.Host == "" || !strings.HasSuffix(base, "/") || bu.RawQuery != "" || bu.Fragment != "" || bu.User != nil {
			return
		}
		clean := path.Clean(bu.Path)
		if clean != "/" {
			clean += "/"
		}
		if !rooted(p) || clean != bu.Path {
			return // New resolves the dot segments of a base's path, net/url keeps them
		}
		r, err := url.Parse("./" + p[1:])
		if err != nil {
			return
		}
		b := New(base)
		want := bu.ResolveReference(r).String()
		if got := b.Abs(p); got != want {
			t.Errorf("New(%q).Abs(%q) = %q, net/url says %q", base, p, got, want)
		}
	})
}
