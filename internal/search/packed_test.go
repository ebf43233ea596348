package search

import (
	"reflect"
	"strings"
	"testing"
)

// TestPackedIsBody checks that a packed analysis unpacks to the analysis,
// for pages of no sections, empty sections and sections with words.
func TestPackedIsBody(t *testing.T) {
	d := NewDict()
	pages := [][]Section{
		nil,
		{{}},
		{{Text: "Opening words here. Photo by Tom Crew"}, {Anchor: "first", Heading: "First part", Text: "Text one, item a, item b."}},
		{{Anchor: "long", Heading: "Long", Text: strings.Repeat("coaching behaviors partnership ", 200)}, {Anchor: "empty"}},
	}
	for i, ss := range pages {
		want := Analyze(d, ss)
		got, err := want.Pack().Body()
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		if len(want.Sections) == 0 && len(got.Sections) == 0 {
			want.Sections, got.Sections = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("page %d: unpacked\n%+v\nwant\n%+v", i, got, want)
		}
	}
}

// FuzzPackedBody checks that damaged packed bytes give an error, never a
// panic.
func FuzzPackedBody(f *testing.F) {
	d := NewDict()
	f.Add([]byte(Analyze(d, []Section{{Anchor: "a", Heading: "H", Text: "some words, some more"}}).Pack()))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, p []byte) {
		b, err := Packed(p).Body()
		if err == nil {
			if _, err := b.Pack().Body(); err != nil {
				t.Errorf("repacked: %v", err)
			}
		}
	})
}

// TestPackedBodyAllocs counts the allocations of unpacking a page of
// several sections: the Body, its string, its terms and its sections,
// whatever the page's size (the buffers it decodes into are reused).
func TestPackedBodyAllocs(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector makes sync.Pool drop buffers: allocations are not counted under -race")
	}
	d := NewDict()
	var ss []Section
	for i := range 20 {
		ss = append(ss, Section{Anchor: strings.Repeat("a", i+1), Heading: "Heading", Text: strings.Repeat("coaching behaviors partnership ", 50+i)})
	}
	p := Analyze(d, ss).Pack()
	if n := testing.AllocsPerRun(50, func() {
		if _, err := p.Body(); err != nil {
			t.Fatal(err)
		}
	}); n > 4 {
		t.Errorf("unpacking a page of 20 sections took %.0f allocations, want at most 4", n)
	}
}
