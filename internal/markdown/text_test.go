package markdown

import "testing"

// Headings and the lead paragraph are plain text for contents lists and
// descriptions: the typographer's dashes and quotes are characters there,
// not entity names that a template would escape a second time.
func TestPlainTextHasNoEntities(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("## Candor -- \"kindly\"...\n\nIt's a partnership -- of equals.\n"), Env{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Headings[0].Text, "Candor \u2014 \u201ckindly\u201d\u2026"; got != want {
		t.Errorf("heading text = %q, want %q", got, want)
	}
	if got, want := doc.LeadText, "It\u2019s a partnership \u2014 of equals."; got != want {
		t.Errorf("lead text = %q, want %q", got, want)
	}
}

// TestLineIndex holds the line of each byte offset to the lines of the
// file, counted from the body's first.
func TestLineIndex(t *testing.T) {
	src := []byte("one\n\ntwo\nthree")
	l := newLineIndex(src, 5)
	for off, want := range map[int]int{0: 5, 3: 5, 4: 6, 5: 7, 8: 7, 9: 8, 13: 8} {
		if got := l.line(off); got != want {
			t.Errorf("line(%d) = %d, want %d", off, got, want)
		}
	}
	if got := newLineIndex(nil, 0).line(0); got != 1 {
		t.Errorf("line(0) of an empty body from line 0 = %d, want 1", got)
	}
}
