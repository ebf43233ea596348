package xmltext

import (
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"
)

// The rule for what XML cannot carry, and the escapes, case by case.
func TestAppend(t *testing.T) {
	for _, tc := range []struct {
		name, in, text, attr, pre string
	}{
		{"plain", "plain text", "plain text", "plain text", ""},
		{"markup", `a & b < c > "d" 'e'`, `a &amp; b &lt; c &gt; "d" 'e'`, `a &amp; b &lt; c &gt; &quot;d&quot; 'e'`, ""},
		{"white space", "tab\tnew\nline\rcr", "tab\tnew\nline&#13;cr", "tab&#9;new&#10;line&#13;cr", "tab&#9;new&#10;line&#13;cr"},
		{"no-break space", "a\u00a0b", "a&#160;b", "a&#160;b", ""},
		{"control characters replaced", "a\x01b\x0bc\x00d\x1f", "a\ufffdb\ufffdc\ufffdd\ufffd", "a\ufffdb\ufffdc\ufffdd\ufffd", ""},
		{"noncharacters replaced", "x\ufffey\uffffz", "x\ufffdy\ufffdz", "x\ufffdy\ufffdz", ""},
		{"bytes that are not UTF-8 replaced", "a\xffb\xe2\x80", "a\ufffdb\ufffd\ufffd", "a\ufffdb\ufffd\ufffd", ""},
		{"other characters kept", "— “curly” 🙂 \ud7ff\ue000\ufffd", "— “curly” 🙂 \ud7ff\ue000\ufffd", "— “curly” 🙂 \ud7ff\ue000\ufffd", ""},
		{"runs of spaces", "a  b   c d", "a  b   c d", "a  b   c d", "a &#32;b &#32;&#32;c d"},
		{"DEL is allowed", "a\x7fb", "a\x7fb", "a\x7fb", ""},
	} {
		if tc.pre == "" {
			tc.pre = tc.text // preformatted differs from text in white space only
		}
		if got := Escape(tc.in, Text); got != tc.text {
			t.Errorf("%s: text %q, want %q", tc.name, got, tc.text)
		}
		if got := string(Append([]byte("x="), tc.in, Attr)); got != "x="+tc.attr {
			t.Errorf("%s: attribute %q, want %q", tc.name, got, "x="+tc.attr)
		}
		if got := Escape(tc.in, Preformatted); got != tc.pre {
			t.Errorf("%s: preformatted %q, want %q", tc.name, got, tc.pre)
		}
	}
}

// Numeric writes the five escapes as numeric references, and changes
// nothing else.
func TestNumeric(t *testing.T) {
	in := "a & b < c > \"d\" 'e'\u00a0\x01"
	if got, want := Escape(in, Text|Numeric), "a &#38; b &#60; c &#62; \"d\" 'e'&#160;\ufffd"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if got, want := Escape(in, Attr|Numeric), "a &#38; b &#60; c &#62; &#34;d&#34; 'e'&#160;\ufffd"; got != want {
		t.Errorf("attribute %q, want %q", got, want)
	}
}

// What encoding/xml reads back is the input with every character XML
// cannot carry (and every byte that is not UTF-8) replaced by U+FFFD, in
// every mode.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"", "plain", `<p class="x">Tom's &amp; "quotes"</p>` + "\n\t\r",
		"curly ’ and — dashes, emoji 🙂", "\x00\x01\x1f\x7f", "\xff\xfe broken \xe2\x80",
		"\ufffd literal", "\ufffe\uffff\ud7ff\ue000", "a]]>b", "nbsp\u00a0x", "\r\n\r", "  indented  code  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := carried(s)
		doc := `<e a="` + Escape(s, Attr) + `"><t>` + Escape(s, Text) + `</t><p>` + Escape(s, Preformatted) + `</p></e>`
		var e struct {
			A    string `xml:"a,attr"`
			Text string `xml:"t"`
			Pre  string `xml:"p"`
		}
		if err := xml.Unmarshal([]byte(doc), &e); err != nil {
			t.Fatalf("encoding/xml cannot read %q: %v", doc, err)
		}
		if e.Text != want {
			t.Errorf("text of %q read back as %q, want %q", s, e.Text, want)
		}
		if e.Pre != want {
			t.Errorf("preformatted text of %q read back as %q, want %q", s, e.Pre, want)
		}
		if e.A != want {
			t.Errorf("attribute of %q read back as %q, want %q", s, e.A, want)
		}
	})
}

// carried is s with the rule applied: what a reader gets back.
func carried(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !Char(r) {
			r = Replacement
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// Append writes what the rule, applied a character at a time
// (appendByRune), writes: the table (plain) and the runs it copies change
// its speed only.
func FuzzAppendAsByRune(f *testing.F) {
	f.Add("plain <a href=\"x\">Tom's &amp; \"quotes\"</a>\n\t\r  two  spaces \u00a0\x7f\x00 \xff \ufffe ’")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{Text, Attr, Preformatted, Text | Numeric, Attr | Numeric, Preformatted | Numeric} {
			if got, want := Append(nil, s, m), appendByRune(nil, s, m); string(got) != string(want) {
				t.Errorf("mode %d: Append(%q) = %q, want %q", m, s, got, want)
			}
		}
	})
}

// appendByRune is Append's rule one character at a time: copied, or
// written by appendRune.
func appendByRune(dst []byte, s string, m Mode) []byte {
	numeric := m&Numeric != 0
	m &^= Numeric
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && width == 1 {
			r = -1
		}
		var copied bool
		switch r {
		case '\n', '\t':
			copied = m == Text
		case ' ':
			copied = m != Preformatted || i == 0 || s[i-1] != ' '
		case '&', '<', '>', '\u00a0', '\r':
		case '"':
			copied = m != Attr
		default:
			copied = r >= 0x20 && Char(r)
		}
		if copied {
			dst = append(dst, s[i:i+width]...)
		} else {
			dst = appendRune(dst, r, m == Attr, numeric)
		}
		i += width
	}
	return dst
}

// BenchmarkAppend escapes a paragraph of prose, as a chapter's text is.
func BenchmarkAppend(b *testing.B) {
	s := strings.Repeat("The opinion clarifies gradually, unless each simple instinct shifts another motive — “we must” watch <our> argument & their promise.\n", 40)
	dst := make([]byte, 0, 2*len(s))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		dst = Append(dst[:0], s, Text|Numeric)
	}
}
