package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDescribe(t *testing.T) {
	words := strings.Repeat("partnership of equals, kindly said; ", 10)
	cjk := strings.Repeat("コーチングは対等なパートナーシップです。", 20)
	tests := []struct{ name, in, want string }{
		{"short", "A short lead.", "A short lead."},
		{"white space", "  A\nshort\t\tlead.  ", "A short lead."},
		{"exactly the limit", strings.Repeat("a", 160), strings.Repeat("a", 160)},
		{"cut at a word", words, "partnership of equals, kindly said; partnership of equals, kindly said; partnership of equals, kindly said; partnership of equals, kindly said; partnership of…"},
		{"limit between words", strings.Repeat("abcd ", 40), strings.TrimSpace(strings.Repeat("abcd ", 32)) + "…"},
		{"no spaces", cjk, strings.TrimSuffix(string([]rune(cjk)[:160]), "。") + "…"},
		{"one long word late", "Coaching " + strings.Repeat("x", 300), "Coaching " + strings.Repeat("x", 151) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.in)
			if got != tt.want {
				t.Errorf("Describe = %q\nwant       %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > DescriptionLength+1 {
				t.Errorf("%d characters", n)
			}
		})
	}
}

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
		if n := utf8.RuneCountInString(doc.LeadText); n < 100 || n > DescriptionLength+1 || !strings.HasSuffix(doc.LeadText, "…") {
			t.Errorf("lead text of %d characters: %q", n, doc.LeadText)
		}
	}
}
