package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// dropTitle removes the document's first block when it is a level-one
// heading that says the page's title (Env.Title) again: the templates show
// the title already, and a chapter that opens with its own "# Title" would
// have it twice. Typography, case and spacing aside, the two must match;
// a different first heading stays.
func (s *state) dropTitle(root *ast.Document, src []byte) {
	h, ok := root.FirstChild().(*ast.Heading)
	if s.env.Title == "" || !ok || h.Level != 1 || foldTitle(plainText(h, src, 0)) != foldTitle(s.env.Title) {
		return
	}
	root.RemoveChild(root, h)
}

// titleFold undoes the typographer's substitutions.
var titleFold = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "\u2014", "--", "\u2013", "--", "\u2026", "...")

func foldTitle(t string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(titleFold.Replace(t), unicode.IsSpace), " "))
}
