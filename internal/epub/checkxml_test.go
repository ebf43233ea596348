package epub

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckXMLAcceptsWellFormedSnippets(t *testing.T) {
	for _, raw := range []string{
		`<div class="note"><p>Text</p></div>`,
		`<br/>`,
		`<p>One</p>` + "\n" + `<p>Two</p>`,
		`plain text with &amp; and &nbsp; and &#160;`,
		`<img src="a.png" alt="A"/>`,
		`<aside epub:type="footnote" id="n1"><p>Note</p></aside>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`,
		`<!-- a comment -->`,
		``,
	} {
		if err := CheckXML(raw); err != nil {
			t.Errorf("CheckXML(%q) = %v, want nil", raw, err)
		}
	}
}

func TestCheckXMLReportsLineAndCause(t *testing.T) {
	tests := []struct {
		name, raw string
		line      int
		msg       string
	}{
		{"void element not self-closed", "<p>a<br>b</p>", 1, "<br> is not closed; write it as <br/>"},
		{"element never closed", "<div>\n<p>text</p>\n", 1, "<div> is never closed; add </div>"},
		{"wrong closing order", "<p>\n<b><i>x</b></i>\n</p>", 2, "</b> closes <i> opened on line 2"},
		{"stray end tag", "text\n</div>", 2, "</div> has no matching start tag"},
		{"unquoted attribute", "<p>\n<div class=note>x</div>\n</p>", 2, `unquoted or missing attribute value in element; quote every attribute value, as in class="note"`},
		{"attribute without value", "<input\nchecked/>", 2, "give every attribute a value"},
		{"bare ampersand", "<p>\nTom & Jerry</p>", 2, "invalid character entity & (no semicolon); write &amp; for a literal &"},
		{"unknown entity", "<p>&bogus;</p>", 1, "invalid character entity &bogus;; it is not an HTML entity name"},
		{"stray less-than", "<p>\n\na < b</p>", 3, "expected element name after <; write &lt; for a literal <"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckXML(tt.raw)
			var xe *XMLError
			if !errors.As(err, &xe) {
				t.Fatalf("CheckXML(%q) = %v, want *XMLError", tt.raw, err)
			}
			if xe.Line != tt.line || !strings.Contains(xe.Msg, tt.msg) {
				t.Errorf("CheckXML(%q) = line %d %q, want line %d containing %q", tt.raw, xe.Line, xe.Msg, tt.line, tt.msg)
			}
			if strings.Contains(xe.Msg, snippetRoot) {
				t.Errorf("message %q leaks the wrapper element", xe.Msg)
			}
		})
	}
}
