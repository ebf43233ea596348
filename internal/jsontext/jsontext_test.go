package jsontext

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshal is encoding/json's encoding of s without HTML escaping.
func marshal(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestPlainJSON holds plainJSON to AppendString's test of a byte:
// each byte value at each of the eight places among plain bytes.
func TestPlainJSON(t *testing.T) {
	for at := range 8 {
		for c := range 256 {
			b := []byte("abcdefgh")
			b[at] = byte(c)
			want := c >= 0x20 && c != '"' && c != '\\' && c < 0x80
			if got := plainJSON(uint64At(string(b), 0)); got != want {
				t.Errorf("byte %#x at %d: plainJSON %v, want %v", c, at, got, want)
			}
		}
	}
}

// FuzzAppendString holds AppendString to encoding/json.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\s/", "\x00\x1f\b\f\n\r\t\x7f", "é…’\u2028\u2029", "\xff\xfe a\xc3", "<&>",
		"eight by", "a longer text, \"quoted\", with a back\\slash\x01 and é…’ in it\u2028!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString(nil, s), marshal(t, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}
