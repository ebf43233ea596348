package editions

import (
	"bytes"
	"strings"
	"testing"
)

func TestPackedRoundTrip(t *testing.T) {
	long := strings.Repeat(`<p>Coaching is a <a href="../partnership/">partnership</a> &amp; a practice.</p>`+"\n", 2000)
	for _, html := range []string{"", "<p>x</p>", long, "\x00\xff not HTML at all \u00e9"} {
		var p packed
		packOnto([]byte(html), func(q packed) { p = bytes.Clone(q) })
		if got := p.bytes(); !bytes.Equal(got, []byte(html)) {
			t.Errorf("bytes() of %d packed bytes gives %d bytes that differ", len(html), len(got))
		}
		if got := p.appendTo([]byte("before")); string(got) != "before"+html {
			t.Errorf("appendTo of %d packed bytes gives %d bytes that differ", len(html), len(got)-len("before"))
		}
		if got := p.string(); got != html {
			t.Errorf("string() of %d packed bytes gives %d bytes that differ", len(html), len(got))
		}
		if len(html) > 1000 && len(p) > len(html)/2 {
			t.Errorf("%d bytes of repetitive HTML packed to %d", len(html), len(p))
		}
	}
}
