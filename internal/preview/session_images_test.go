package preview

import (
	"strings"
	"testing"

	"folio/internal/build"
	"folio/internal/buildtest"
)

// TestSessionImagesLater is folio serve's way with images: the first build
// does not wait for the variants (the page shows the original meanwhile),
// ProcessImages makes them in the background and says when, and Refresh
// points the page at them; the cache then serves a new session at once.
func TestSessionImagesLater(t *testing.T) {
	dir := buildtest.PhotoSite(t, buildtest.CameraPhoto(t, 5), map[string]string{
		"content/blog/second.md": "---\ntitle: Second\ndate: 2024-01-03\n---\n![Hills](img/photo.jpg)\n",
	})
	s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	up, err := s.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"blog/first/index.html", "blog/second/index.html"} {
		if html := string(up.Files[page]); !strings.Contains(html, `src="/blog/img/photo.jpg"`) || strings.Contains(html, "srcset") {
			t.Fatalf("%s before the variants are made does not show the original:\n%s", page, html)
		}
	}
	if up.Files["blog/img/photo.jpg"] == nil {
		t.Fatal("the original is not served while the variants are made")
	}
	ready := make(chan struct{})
	if !s.ProcessImages(func() { close(ready) }) {
		t.Fatal("ProcessImages has nothing to do")
	}
	<-ready
	up, err = s.Refresh()
	if err != nil {
		t.Fatal(err)
	}
	if up.What() != "image variants ready" {
		t.Errorf("the refresh says %q", up.What())
	}
	for _, page := range []string{"blog/first/index.html", "blog/second/index.html"} {
		html := string(up.Files[page])
		if !strings.Contains(html, `srcset="/blog/img/photo-480w-`) {
			t.Errorf("%s after the refresh does not show the variants:\n%s", page, html)
		}
	}
	if up.Files["blog/img/photo.jpg"] != nil {
		t.Error("the original is still served once the variants are")
	}
	if s.ProcessImages(func() {}) {
		t.Error("ProcessImages still has work")
	}
	again, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	if up, err := again.Build(nil); err != nil || !strings.Contains(string(up.Files["blog/first/index.html"]), "srcset") {
		t.Errorf("a new session does not find the variants in the cache (%v)", err)
	}
}
