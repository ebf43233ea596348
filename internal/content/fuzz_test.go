package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"folio/internal/config"
)

// FuzzLoad loads a site whose blog post and book chapter hold the fuzzed
// bytes, and links it. Loading never panics, and every problem names the
// file it is in, under content/, with a line that is not negative. The seed
// corpus in testdata/fuzz/FuzzLoad runs with every go test.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("---\ntitle: Partnership\ndate: 2026-03-14\n---\nBody with [a link](../book/chapter.md).\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"content/_index.md":      {Data: []byte("---\ntitle: Home\n---\n")},
			"content/blog/_index.md": {Data: []byte("---\ntitle: Blog\n---\n")},
			"content/blog/post.md":   {Data: src},
			"content/book/_index.md": {Data: []byte("---\ntitle: Book\nseries: [Coaching Behaviors]\n---\n")},
			"content/book/ch.md":     {Data: src},
		}
		site, err := Load(fsys, config.Default(), Options{Now: testNow})
		if err == nil {
			if site == nil {
				t.Fatal("Load returned neither a site nor an error")
			}
			err = Link(site)
		}
		for _, e := range Flatten(err) {
			if !strings.HasPrefix(e.File, "content/") {
				t.Errorf("problem names no file under content/: %q", e.Error())
			}
			if e.Line < 0 || e.Message == "" {
				t.Errorf("problem without a usable line or message: %q", e.Error())
			}
		}
	})
}
