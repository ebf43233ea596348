package templates

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"text/template/parse"
)

// prepare makes the page templates cheaper to execute, once they have
// all parsed: each is escaped now rather than by its first page, then
// its constant actions become text (consts.go), its calls of pieces
// use the build's renderings (pieces.go) and the escapers of each action
// become one call (fused.go). What a page writes stays byte
// for byte the same. funcs are all the functions of the set.
func (s *Set) prepare(funcs template.FuncMap) {
	pages := map[string]bool{}
	for name := range s.files {
		if isPage(name) {
			pages[name] = true
		}
	}
	s.pageFiles = pages
	used := map[string]bool{}
	_, withURL := funcs["url"].(func(string) string)
	for _, page := range slices.Sorted(maps.Keys(s.pages)) {
		t := s.pages[page]
		names := escapeNow(t, s.entry[page])
		c := newPieceCheck(t, pages)
		pieces := map[string]bool{}
		for _, name := range names {
			pieceCalls(t.Lookup(name).Tree.Root, c, pieces)
		}
		for _, name := range names {
			root := t.Lookup(name).Tree.Root
			usePieces(root, pieces)
			foldConstants(root, funcs)
			joinEscapers(root, withURL)
		}
		maps.Copy(used, pieces)
	}
	s.pieceNames = slices.Sorted(maps.Keys(used))
}

// escapeNow has html/template escape the template entry of t and those
// it calls, which it does on the first execution (with no data, this one
// stops at the first thing it reads), and returns their names; none when
// escaping failed, which every page using t reports as it did.
func escapeNow(t *template.Template, entry string) []string {
	_ = t.ExecuteTemplate(io.Discard, entry, nil)
	if def := t.Lookup(entry); def == nil || def.Tree == nil {
		return nil
	}
	seen := map[string]bool{entry: true}
	queue := []string{entry}
	for i := 0; i < len(queue); i++ {
		walk(t.Lookup(queue[i]).Tree.Root, func(n *parse.TemplateNode) {
			if def := t.Lookup(n.Name); def != nil && def.Tree != nil && !seen[n.Name] {
				seen[n.Name] = true
				queue = append(queue, n.Name)
			}
		})
	}
	return queue
}

// PieceNames are the partials that pages call and that read nothing of
// the page (pieces.go): a build renders each once (ExecutePiece) and
// gives every page's data the renderings (views.Data's Pieces).
func (s *Set) PieceNames() []string { return s.pieceNames }

// ExecutePiece renders one of PieceNames with data, a views.DataView of
// the site alone, in a copy of the shared templates of its own: the
// partial as in effect in every page calling it as a piece.
func (s *Set) ExecutePiece(w io.Writer, name string, data any) error {
	if s.solo == nil || s.solo.Lookup(name) == nil {
		return fmt.Errorf("no template %q; define it in layouts/partials/", name)
	}
	if err := s.solo.ExecuteTemplate(w, name, data); err != nil {
		return errors.New(s.locate(err, ""))
	}
	return nil
}

// WritesItemsAsIs reports whether the partial name, as ExecutePartial
// renders it, reads of its data only the given fields and the field
// items, which it only ranges over, writing each element as it is in
// HTML text (a slice of template.HTML). What it writes for any items is
// then what it writes for placeholders with each placeholder replaced by
// its item, which package listpages uses for the chapter sidebars.
func (s *Set) WritesItemsAsIs(name string, fields []string, items string) bool {
	if s.solo == nil || escapeNow(s.solo, name) == nil {
		return false
	}
	c := newPieceCheck(s.solo, s.pageFiles)
	c.fields, c.items = map[string]bool{}, items
	for _, f := range fields {
		c.fields[f] = true
	}
	return c.piece(name, pageData)
}
