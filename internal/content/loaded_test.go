package content

import (
	"sync/atomic"
	"testing"
	"testing/fstest"

	"folio/internal/config"
)

// TestLoadedTellsEachBody: Options.Loaded is told the size of each page's
// Markdown body as it loads (a build's memory limit grows with it), the
// front matter not counted, and the shelved pages keep none of it.
func TestLoadedTellsEachBody(t *testing.T) {
	fsys := fstest.MapFS{
		"content/one.md":   {Data: []byte("---\ntitle: One\n---\nfirst body\n")},
		"content/two.md":   {Data: []byte("# Two\n\nsecond\n")},
		"content/three.md": {Data: []byte("---\ntitle: Three\ndraft: true\n---\n3\n")},
	}
	var told, calls atomic.Int64
	var shelved atomic.Int64
	opts := Options{Now: testNow,
		Loaded: func(n int64) { told.Add(n); calls.Add(1) },
		Shelve: func(_ *Page, body []byte) { shelved.Add(int64(len(body))) }}
	site, err := Load(fsys, config.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := int64(len("first body\n") + len("# Two\n\nsecond\n") + len("3\n"))
	if told.Load() != want || calls.Load() != 3 || shelved.Load() != want {
		t.Errorf("told %d bytes in %d calls, shelved %d; want %d in 3", told.Load(), calls.Load(), shelved.Load(), want)
	}
	for _, p := range site.Pages {
		if BodyOf(p) != nil {
			t.Errorf("%s keeps its body once shelved", p.Path)
		}
	}
}
