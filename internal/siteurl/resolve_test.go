package siteurl

import (
	"net/url"
	"testing"
)

// Resolve's shortcut for site paths gives what resolving with net/url gives.
func FuzzAbsURL(f *testing.F) {
	for _, s := range [][2]string{
		{"https://example.org/", "/blog/post/"}, {"https://example.org", "/"}, {"http://127.0.0.1:4242/", "/a.b/c~d_e/"},
		{"https://example.org/sub/", "/blog/"}, {"https://Example.org/", "/x/"}, {"https://u@example.org/", "/x/"},
		{"https://example.org?q=1", "/x/"}, {"https://example.org/", "/a/../b/"}, {"https://example.org/", "/a/."},
		{"https://example.org/", "//evil.org/x"}, {"https://example.org/", "/tags/café/"}, {"https://example.org/", "/a b/"},
		{"https://example.org/", "relative/x"}, {"https://example.org/", "/x/?q#f"}, {"mailto:a@b.org", "/x/"},
		{"https://[::1]:8080/", "/x/"}, {"httpx://example.org/", "/x/"}, {"https://example.org/", "/.well-known/x"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, p string) {
		if base == "" {
			return
		}
		want := p
		if bu, err := url.Parse(base); err == nil {
			if r, err := url.Parse(p); err == nil {
				want = bu.ResolveReference(r).String()
			}
		}
		if got := Resolve(base, p); got != want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", base, p, got, want)
		}
	})
}
