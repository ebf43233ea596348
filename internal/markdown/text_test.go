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
