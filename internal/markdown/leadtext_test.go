package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"folio/internal/description"
)

// TestLeadTextIsCut checks that a long first paragraph's plain text is cut
// as a description, also where white space runs would have made a cut
// prefix too short to notice that it was cut.
func TestLeadTextIsCut(t *testing.T) {
	conv := New(Options{})
	for _, src := range []string{
		strings.Repeat("word ", 100_000),
		strings.Repeat("word"+strings.Repeat(" ", 50), 1000),
		strings.Repeat("*emphasis* and `code` ", 10_000),
	} {
		doc, err := conv.Convert([]byte(src), Env{})
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(doc.LeadText); n < 100 || n > description.Length+1 || !strings.HasSuffix(doc.LeadText, "…") {
			t.Errorf("lead text of %d characters: %q", n, doc.LeadText)
		}
	}
}
