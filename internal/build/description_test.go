package build

import (
	"bytes"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// metaDescription matches the three tags that carry a page's description.
var metaDescription = regexp.MustCompile(`<meta (?:name|property)="?(?:description|og:description|twitter:description)"? content="?([^">]*)"?>`)

// TestLongFirstParagraph builds a page whose first paragraph is many
// megabytes, and counts what comes out: its description, in three meta
// tags, is cut at about 160 characters on a word boundary, so the page is
// the size of its text plus a few kilobytes (it was four times the text);
// and the build allocates a bounded multiple of the text, not three more
// copies of it. -short uses 5 MB, the full run 50 MB.
func TestLongFirstParagraph(t *testing.T) {
	size := 50 << 20
	if testing.Short() {
		size = 5 << 20
	}
	words := []string{"coaching ", "is ", "a ", "partnership ", "of ", "equals, ", "kindly ", "candid. "}
	var para bytes.Buffer
	para.Grow(size + 16)
	for i := 0; para.Len() < size; i++ {
		para.WriteString(words[i%len(words)])
	}
	fsys := fstest.MapFS{
		"folio.yaml":        {Data: []byte("title: Long\nbase_url: https://long.example/\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
		"content/long.md":   {Data: append([]byte("---\ntitle: Long\n---\n"), para.Bytes()...)},
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	files, _, err := buildFS(fsys, Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	page := files["long/index.html"]
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d MB paragraph: page %d bytes (%.3f x the text), %d MB allocated by the build (%.1f x the text)",
		size>>20, len(page), float64(len(page))/float64(para.Len()), allocated>>20, float64(allocated)/float64(para.Len()))
	if len(page) > para.Len()+64<<10 {
		t.Errorf("the page is %d bytes for %d bytes of text: the text is copied more than once", len(page), para.Len())
	}
	tags := metaDescription.FindAllSubmatch(page[:min(len(page), 64<<10)], -1)
	if len(tags) != 3 {
		t.Fatalf("%d description tags in the head, want 3", len(tags))
	}
	for _, m := range tags {
		d := string(m[1])
		if n := utf8.RuneCountInString(d); n > 161 || n < 100 || !strings.HasSuffix(d, "…") || !strings.HasPrefix(d, "coaching is a partnership") {
			t.Errorf("description of %d characters: %q; want about 160, cut at a word and marked with an ellipsis", n, d)
		}
	}
	// About 10 x for the pages (29 x when the description was the whole
	// paragraph); the search index reads the text once more through an
	// HTML tokenizer, whose buffer grows to hold the one 5 MB text token
	// (3 x), and keeps it as a section's text (1 x); -race adds a few x
	// (sync.Pool keeps less).
	if limit := uint64(24 * para.Len()); allocated > limit {
		t.Errorf("the build allocated %d MB for a %d MB paragraph; more than %d MB", allocated>>20, size>>20, limit>>20)
	}
}
