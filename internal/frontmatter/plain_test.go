package frontmatter

import (
	"reflect"
	"testing"
)

// plainSeeds are front matter, and whether the plain decoder takes it
// (the typical kinds) or leaves it to the library.
var plainSeeds = []struct {
	src   string
	plain bool
}{
	{"title: Partnership\ndate: 2026-03-14\n", true},
	{"title: \"Coaching Behaviors: Partnership\"\ndate: 2026-03-14\ntags: [coaching, trust]\nseries: Coaching Behaviors\n", true},
	{"title: 'It is'\norder: 3\ndraft: false\nnumbered: true\n", true},
	{"photo:\n  src: img/chair.jpg\n  alt: \"A chair, by a window.\"\n  credit: Tom Crew\ntitle: x\n", true},
	{"title: C# and F#\naliases: [/2025/candor/, /old/candor.html]\n", true},
	{"k-ey: v\n_k: v\n\n", true},
	{"", true},
	{"title: x\nphoto:\n  src: a.jpg\n\nsummary: y # a comment\n", false},
	{"tags: []\ntitle: yes\n", false},
	{"title: x\ntitle: y\n", false},
	{"tags: [a, b, ]\norder: 007\nupdated: 2026-03-14T10:00:00Z\n", false},
	{"title: x\n  indented: y\n", false},
	{"photo:\n  date: 2026-01-02\n", false},
	{"description: >\n  folded\n", false},
	{"title: \"a\\tb\"\n", false},
	{"x: [\"a, b\", c]\n", false},
	{"n: 123456789012345678\nm: 1234567890123456789\n", false},
	{"title: ~\n", false},
	{"title:\n", false},
}

// TestPlainYAML: the front matter of typical pages is taken by the plain
// decoder and gives what the library gives; the rest is left to the
// library.
func TestPlainYAML(t *testing.T) {
	for _, s := range plainSeeds {
		if got := samePlainYAML(t, []byte(s.src)); got != s.plain {
			t.Errorf("plainYAML takes %q: %v, want %v", s.src, got, s.plain)
		}
	}
}

// samePlainYAML reports whether plainYAML decodes data, and fails the test
// when its result differs from the library's.
func samePlainYAML(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := plainYAML(data)
	if !ok {
		return false
	}
	want, err := libraryYAML(data)
	if err != nil {
		t.Fatalf("plainYAML took %q, which the library refuses: %v", data, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%q: plainYAML gives %d entries, the library %d:\n%#v\n%#v", data, len(got), len(want), got, want)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%q: entry %d\nplain:   %#v\nlibrary: %#v", data, i, got[i], want[i])
		}
	}
	return true
}

// FuzzPlainYAML holds the plain decoder to the library's results on
// everything it takes.
func FuzzPlainYAML(f *testing.F) {
	for _, s := range plainSeeds {
		f.Add([]byte(s.src))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		samePlainYAML(t, data)
	})
}
