package markdown

import (
	"slices"

	"github.com/yuin/goldmark/ast"
)

// written keeps what the author wrote of a document's links, images and
// heading ids, which the transformer rewrites for the first Env, so that
// the same tree can be resolved again for the other forms (forms.go): the
// feed's, and each further Env's (Env.Editions) as if the document had
// been converted with that one.
type written struct {
	// dests are the links, images and raw tags with URLs in document
	// order, the order in which a conversion reports their problems.
	dests    []writtenDest
	headings []writtenID
	// nodes and toks index dests and headings by node and raw tag.
	nodes map[ast.Node]int
	toks  map[*rawToken]int
}

type writtenDest struct {
	node ast.Node // *ast.Link or *ast.Image, or nil for raw
	dest []byte
	raw  *rawToken // a tag of raw HTML with URLs, which keeps its own
}

type writtenID struct {
	node *ast.Heading
	id   []byte
}

func newWritten() *written {
	return &written{nodes: map[ast.Node]int{}, toks: map[*rawToken]int{}}
}

// note keeps what n holds before the transformer rewrites it. The rewrites
// assign new slices, so keeping the old ones is enough. A nil written
// (one form only) keeps nothing.
func (w *written) note(n ast.Node) {
	if w == nil {
		return
	}
	switch n := n.(type) {
	case *ast.Link:
		w.nodes[n] = len(w.dests)
		w.dests = append(w.dests, writtenDest{node: n, dest: n.Destination})
	case *ast.Image:
		w.nodes[n] = len(w.dests)
		w.dests = append(w.dests, writtenDest{node: n, dest: n.Destination})
	case *ast.Heading:
		if v, ok := n.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				w.nodes[n] = len(w.headings)
				w.headings = append(w.headings, writtenID{n, id})
			}
		}
	}
}

// noteRaw keeps the place of a raw HTML tag with URLs among the links and
// images; the tag keeps what the author wrote itself.
func (w *written) noteRaw(t *rawToken) {
	if w != nil {
		w.toks[t] = len(w.dests)
		w.dests = append(w.dests, writtenDest{raw: t})
	}
}

// unwrap puts a link's children in its place: a document of one form
// drops the link from its tree (one of several forms, from its rendering
// alone: formDest.drop).
func unwrap(l *ast.Link) {
	parent := l.Parent()
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, l, c)
		c = next
	}
	parent.RemoveChild(parent, l)
}

// editionForm resolves the document's links, images, raw tags and heading
// ids for env, from what the author wrote, as the transformer would have:
// the edition's form, and its problems.
func (st *state) editionForm(src []byte, env Env) (form, []Problem) {
	w := st.written
	es := &state{env: env, doc: &Doc{Problems: append([]Problem(nil), st.fixed...)}, lines: st.lines, written: w}
	for _, h := range w.headings {
		h.node.SetAttributeString("id", h.id)
		es.prefixID(h.node)
	}
	var dropped map[*ast.Link]bool
	for _, d := range w.dests {
		if d.raw != nil {
			es.resolveRaw(d.raw)
			continue
		}
		switch n := d.node.(type) {
		case *ast.Link:
			n.Destination = d.dest
			if !es.rewriteLink(n, src) {
				if dropped == nil {
					dropped = map[*ast.Link]bool{}
				}
				dropped[n] = true
			}
		case *ast.Image:
			// Images carry no attributes but those rewriteImage sets.
			n.Destination = d.dest
			n.RemoveAttributes()
			es.rewriteImage(n, src)
		}
	}
	sortProblems(es.doc.Problems)
	return captureForm(w, dropped, env.IDPrefix), es.doc.Problems
}

// formHeadings are the headings of the document with the ids of form f.
func formHeadings(hs []Heading, nodes []*ast.Heading, w *written, f form) []Heading {
	out := slices.Clone(hs)
	for i, n := range nodes {
		if k, ok := w.nodes[n]; ok {
			id, _ := f.ids[k].([]byte)
			out[i].ID = string(id)
		}
	}
	return out
}
