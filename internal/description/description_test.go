package description

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOf(t *testing.T) {
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
			got := Of(tt.in)
			if got != tt.want {
				t.Errorf("Of = %q\nwant %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > Length+1 {
				t.Errorf("%d characters", n)
			}
		})
	}
}

// FuzzFolded holds folded to what it stands for: text that
// strings.Fields and a join with single spaces leave as it is.
func FuzzFolded(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u0085b",
		"コーチング は", "a\u2003b", "\xff b", "a b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := folded(s), strings.Join(strings.Fields(s), " ") == s; got != want {
			t.Errorf("folded(%q) = %v, want %v", s, got, want)
		}
	})
}
