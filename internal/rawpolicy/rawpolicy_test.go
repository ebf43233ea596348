package rawpolicy

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestFilter holds the policy to its allowlist: harmless elements and
// attributes stay, scripts and handlers go, and what goes is named.
func TestFilter(t *testing.T) {
	p := New()
	tests := []struct {
		tag     string
		ok      bool
		dropped string
		message string
	}{
		{tag: `<b class="x">`, ok: true},
		{tag: `<a href="javascript:alert(1)" onclick="x" title="t">`, ok: true, dropped: "href onclick", message: "attributes href (its URL"},
		{tag: `<img src="a.png" srcset="a.png 1x, javascript:x 2x">`, ok: true, dropped: "srcset", message: "attribute srcset (its URL"},
		{tag: `<script>`, ok: false, message: "raw HTML <script> removed (its content goes with it)"},
		{tag: `<nil>`, ok: false, message: "nil is not an HTML element"},
	}
	for _, tt := range tests {
		z := html.NewTokenizer(strings.NewReader(tt.tag))
		z.Next()
		tok := z.Token()
		dropped, ok := p.Filter(&tok)
		if ok != tt.ok || strings.Join(dropped, " ") != tt.dropped {
			t.Errorf("Filter(%s) = %v, %v; want %q, %v", tt.tag, dropped, ok, tt.dropped, tt.ok)
		}
		if tt.message == "" {
			continue
		}
		if msg := Removal(&tok, dropped, !ok); !strings.Contains(msg, tt.message) {
			t.Errorf("Removal(%s) = %q; want it to say %q", tt.tag, msg, tt.message)
		}
	}
	if !p.Keeps("div") || p.Keeps("script") || !SkipsContent("script") || SkipsContent("div") {
		t.Error("Keeps or SkipsContent disagree with the allowlist")
	}
}
