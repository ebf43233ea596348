package markdown

import (
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// One parse of a document is rendered once into all of its forms: the
// page (form 0), the feed's form with absolute links (Env.Base) and each
// edition (Env.Editions). The forms differ only at links (their
// destinations, and whether the form drops one for its text), images,
// headings' ids, raw HTML's resolved attributes and footnotes' ids, so a
// formWriter writes everything else to every form at once, and the node
// renderers of those nodes (formRenderer) write each form's own bytes from
// what was resolved for it (a form). Rendering, mostly escaping text, was
// done once per form before.

// form is what one rendering of a document resolves its own way: the
// values of written's links, images and raw tags (dests, in its order),
// of its headings' ids (ids), and the footnotes' id prefix. The ids and
// the prefix are attribute values as goldmark keeps them, []byte in an
// any, so that putting them back allocates nothing.
type form struct {
	dests  []formDest
	ids    []any
	prefix any
}

// formDest is a link's, an image's or a raw tag's rendering in one form.
type formDest struct {
	dest  []byte
	attrs []ast.Attribute // an image's
	drop  bool            // a link written as its content alone (ErrUnlink)
	raw   []rawAttr       // a raw tag's attributes
	img   *Image          // a raw <img>'s resolution
}

// captureForm is the form the tree holds now, the transformer's or an
// edition's (editions.go): what formWriter.apply puts back. dropped are
// the links the form writes as their content.
func captureForm(w *written, dropped map[*ast.Link]bool, prefix string) form {
	f := form{dests: make([]formDest, len(w.dests)), ids: make([]any, len(w.headings)), prefix: []byte(prefix)}
	for k, d := range w.dests {
		switch n := d.node.(type) {
		case *ast.Link:
			f.dests[k] = formDest{dest: n.Destination, drop: dropped[n]}
		case *ast.Image:
			f.dests[k] = formDest{dest: n.Destination, attrs: slices.Clone(n.Attributes())}
		default:
			f.dests[k] = formDest{raw: slices.Clone(d.raw.attrs), img: d.raw.img}
		}
	}
	for k, h := range w.headings {
		f.ids[k], _ = h.node.AttributeString("id")
	}
	return f
}

// formBuffer is one form's HTML, written to directly (goldmark needs a
// util.BufWriter; there is nothing to buffer in front of memory). The
// buffers are recycled: what a document keeps is copied out at its size,
// so a kept page carries no spare room and a buffer grows to the pages'
// size once, not once per page.
type formBuffer struct{ bytes.Buffer }

var formBuffers = sync.Pool{New: func() any { return &formBuffer{} }}

// maxPooledBuffer is the largest buffer kept for the next document: one
// page of megabytes does not keep its buffer alive for the rest of the
// build.
const maxPooledBuffer = 1 << 20

// recycle gives the form's buffers back for the next document.
func (w *formWriter) recycle() {
	for _, b := range w.bufs {
		if b.Cap() <= maxPooledBuffer {
			b.Reset()
			formBuffers.Put(b)
		}
	}
	w.bufs = nil
}

// Buffered implements util.BufWriter: nothing waits to be written.
func (*formBuffer) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (*formBuffer) Flush() error { return nil }

// formWriter writes what every form has in common to all of their
// buffers; formRenderer's node renderers write each form's own.
type formWriter struct {
	bufs    []*formBuffer
	forms   []form // parallel to bufs
	written *written
	root    ast.Node
}

func (w *formWriter) Write(p []byte) (int, error) {
	for _, b := range w.bufs {
		b.Write(p)
	}
	return len(p), nil
}

func (w *formWriter) WriteString(s string) (int, error) {
	for _, b := range w.bufs {
		b.WriteString(s)
	}
	return len(s), nil
}

func (w *formWriter) WriteByte(c byte) error {
	for _, b := range w.bufs {
		_ = b.WriteByte(c)
	}
	return nil
}

func (w *formWriter) WriteRune(r rune) (int, error) {
	var n int
	for _, b := range w.bufs {
		n, _ = b.WriteRune(r)
	}
	return n, nil
}

// Available implements util.BufWriter.
func (w *formWriter) Available() int { return w.bufs[0].Available() }

// Buffered implements util.BufWriter: nothing waits to be written.
func (*formWriter) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (*formWriter) Flush() error { return nil }

// apply puts form i's values into n, which varies between forms; it
// returns false when the form leaves n out (a link it drops), and ok false
// when n does not vary.
func (w *formWriter) apply(i int, n ast.Node) (write, ok bool) {
	f := &w.forms[i]
	switch n := n.(type) {
	case *ast.Link:
		k, ok := w.written.nodes[n]
		if !ok {
			return true, false
		}
		n.Destination = f.dests[k].dest
		return !f.dests[k].drop, true
	case *ast.Image:
		k, ok := w.written.nodes[n]
		if !ok {
			return true, false
		}
		n.Destination = f.dests[k].dest
		n.RemoveAttributes()
		for _, a := range f.dests[k].attrs {
			n.SetAttribute(a.Name, a.Value)
		}
	case *ast.Heading:
		k, ok := w.written.nodes[n]
		if !ok {
			return true, false
		}
		n.SetAttributeString("id", f.ids[k])
	case *RawBlock:
		return true, w.applyRaw(f, n.toks)
	case *RawInline:
		return true, w.applyRaw(f, n.toks)
	default: // the footnotes'
		w.root.SetAttribute(idPrefixAttr, f.prefix)
	}
	return true, true
}

func (w *formWriter) applyRaw(f *form, toks []*rawToken) (varies bool) {
	for _, t := range toks {
		if k, ok := w.written.toks[t]; ok {
			t.attrs, t.img, varies = f.dests[k].raw, f.dests[k].img, true
		}
	}
	return varies
}

// formRenderer renders the nodes that differ between forms: for each
// form, the node takes that form's values and the renderer it would have
// had alone writes it into that form's buffer alone. A document of one
// form is rendered with no formWriter, and the renderers it would have had
// are called as they are.
type formRenderer struct {
	// raw renders raw HTML (rawhtml.go), which is folio's own.
	raw renderer.NodeRenderer
}

// variesByForm are the kinds of node formRenderer renders per form.
var variesByForm = []ast.NodeKind{ast.KindLink, ast.KindImage, ast.KindHeading, KindRawBlock, KindRawInline,
	east.KindFootnoteLink, east.KindFootnoteBacklink, east.KindFootnote}

// RegisterFuncs registers, for each kind that varies, the renderer of
// goldmark's (its HTML renderer's, its footnote extension's with folio's
// options) or folio's that the kind has otherwise, wrapped. goldmark's
// renderers get no options from the goldmark instance: New sets none.
func (r formRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	inner := nodeRenderers{}
	html.NewRenderer().RegisterFuncs(inner)
	newFootnoteRenderer().RegisterFuncs(inner)
	r.raw.RegisterFuncs(inner)
	for _, kind := range variesByForm {
		reg.Register(kind, perForm(inner[kind]))
	}
}

// nodeRenderers collects the functions a node renderer registers.
type nodeRenderers map[ast.NodeKind]renderer.NodeRendererFunc

// Register implements renderer.NodeRendererFuncRegisterer.
func (m nodeRenderers) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) { m[kind] = f }

// perForm renders a node with inner once per form, when it varies.
func perForm(inner renderer.NodeRendererFunc) renderer.NodeRendererFunc {
	return func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		fw, ok := w.(*formWriter)
		if !ok {
			return inner(w, src, n, entering)
		}
		status := ast.WalkContinue
		for i, b := range fw.bufs {
			write, varies := fw.apply(i, n)
			if !varies {
				return inner(w, src, n, entering)
			}
			if !write {
				continue
			}
			s, err := inner(b, src, n, entering)
			if err != nil {
				return s, err
			}
			status = s
		}
		return status, nil
	}
}
