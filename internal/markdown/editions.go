package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// written keeps what the author wrote of a document's links, images and
// heading ids, which the transformer rewrites for the first Env, and the
// links it unwrapped, so that the same tree can be rendered again for
// another Env (Env.Editions) as if it had been converted with that one.
type written struct {
	// dests are the links and images in document order, the order in
	// which a conversion reports their problems.
	dests     []writtenDest
	headings  []writtenID
	unwrapped []unwrappedLink
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

// unwrappedLink is a link whose children took its place: the node after it
// (nil at the end), so that one without children can be put back too.
type unwrappedLink struct {
	link     *ast.Link
	parent   ast.Node
	children []ast.Node
	next     ast.Node
}

// note keeps what n holds before the transformer rewrites it. The rewrites
// assign new slices, so keeping the old ones is enough. A nil written
// (no editions asked for) keeps nothing.
func (w *written) note(n ast.Node) {
	if w == nil {
		return
	}
	switch n := n.(type) {
	case *ast.Link:
		w.dests = append(w.dests, writtenDest{node: n, dest: n.Destination})
	case *ast.Image:
		w.dests = append(w.dests, writtenDest{node: n, dest: n.Destination})
	case *ast.Heading:
		if v, ok := n.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				w.headings = append(w.headings, writtenID{n, id})
			}
		}
	}
}

// noteRaw keeps the place of a raw HTML tag with URLs among the links and
// images; the tag keeps what the author wrote itself.
func (w *written) noteRaw(t *rawToken) {
	if w != nil {
		w.dests = append(w.dests, writtenDest{raw: t})
	}
}

// unwrap puts a link's children in its place, remembering how to undo it.
func (w *written) unwrap(l *ast.Link) {
	parent := l.Parent()
	u := unwrappedLink{link: l, parent: parent}
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, l, c)
		u.children = append(u.children, c)
		c = next
	}
	u.next = l.NextSibling()
	parent.RemoveChild(parent, l)
	if w != nil {
		w.unwrapped = append(w.unwrapped, u)
	}
}

// rewrap undoes every unwrap, the last first.
func (w *written) rewrap() {
	for i := len(w.unwrapped) - 1; i >= 0; i-- {
		u := w.unwrapped[i]
		switch {
		case len(u.children) > 0:
			u.parent.InsertBefore(u.parent, u.children[0], u.link)
		case u.next != nil:
			u.parent.InsertBefore(u.parent, u.next, u.link)
		default:
			u.parent.AppendChild(u.parent, u.link)
		}
		for _, c := range u.children {
			u.parent.RemoveChild(u.parent, c)
			u.link.AppendChild(u.link, c)
		}
	}
	w.unwrapped = w.unwrapped[:0]
}

// renderEdition restores what the author wrote, rewrites it for env as the
// transformer would, and renders the whole tree.
func (c *Converter) renderEdition(root ast.Node, src []byte, st *state, env Env) (Edition, error) {
	w := st.written
	w.rewrap()
	es := &state{env: env, doc: &Doc{Problems: append([]Problem(nil), st.fixed...)}, lines: st.lines, written: w}
	root.SetAttribute(idPrefixAttr, []byte(env.IDPrefix))
	for _, h := range w.headings {
		h.node.SetAttributeString("id", h.id)
		es.prefixID(h.node)
	}
	var unlinked []*ast.Link
	for _, d := range w.dests {
		if d.raw != nil {
			es.resolveRaw(d.raw)
			continue
		}
		switch n := d.node.(type) {
		case *ast.Link:
			n.Destination = d.dest
			if !es.rewriteLink(n, src) {
				unlinked = append(unlinked, n)
			}
		case *ast.Image:
			// Images carry no attributes but those rewriteImage sets.
			n.Destination = d.dest
			n.RemoveAttributes()
			es.rewriteImage(n, src)
		}
	}
	for _, l := range unlinked {
		w.unwrap(l)
	}
	// An edition differs from the first rendering only in its ids and
	// destinations; the buffer is sized to it because editions are kept
	// (a whole book of them) until the stages that use them.
	var buf bytes.Buffer
	buf.Grow(len(st.doc.HTML) + len(st.doc.HTML)/16 + 256)
	bw := bufWriter(&buf)
	defer recycleBufWriter(bw)
	if err := c.md.Renderer().Render(bw, src, root); err != nil {
		return Edition{}, err
	}
	_ = bw.Flush()
	sortProblems(es.doc.Problems)
	return Edition{HTML: buf.Bytes(), Headings: headings(root, src), Problems: es.doc.Problems}, nil
}
