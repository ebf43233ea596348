package build

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// escapeXMLText must write what encoding/xml writes for character data, so
// that feeds did not change when it replaced the encoder's escaping.
func FuzzEscapeXMLText(f *testing.F) {
	for _, s := range []string{
		"", "plain", `<p class="x">Tom's &amp; "quotes"</p>` + "\n\t\r",
		"curly ’ and — dashes, emoji 🙂", "\x00\x01\x1f\x7f", "\xff\xfe broken \xe2\x80",
		"\ufffd literal", "\ufffe\uffff\ud7ff\ue000", "a]]>b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := escapeXMLText(s); got != want.String() {
			t.Errorf("escapeXMLText(%q)\n got %q\nwant %q", s, got, want.String())
		}
	})
}
