package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCallout is the node kind of Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a GitHub alert: a blockquote whose first line is [!NOTE],
// [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] alone. It renders as an
// aside with the type's name as a visible label, so that the kind of note
// is read, not only seen in a colour:
//
//	<aside class="markdown-alert markdown-alert-note" role="note">
//	<p class="markdown-alert-title">Note</p>
//	…</aside>
//
// The class names are GitHub's. Unlike GitHub, a callout may stand inside
// a list item or another blockquote.
type Callout struct {
	ast.BaseBlock
	// Alert is the lower-case type: note, tip, important, warning, caution.
	Alert string
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (c *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(c, source, level, map[string]string{"Alert": c.Alert}, nil)
}

// CalloutLabels are the visible labels of the callout types.
var CalloutLabels = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// callout turns a blockquote into a Callout when its first paragraph's
// first line is a marker alone; the marker's text nodes go, and so does the
// paragraph when the marker was all it held. It returns nil otherwise.
func callout(q *ast.Blockquote, src []byte) *Callout {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return nil
	}
	first := p.Lines().At(0)
	line := bytes.TrimSpace(first.Value(src))
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return nil
	}
	typ := strings.ToLower(string(line[2 : len(line)-1]))
	if CalloutLabels[typ] == "" {
		return nil
	}
	// The marker's inline nodes lie on the first line; the last of them
	// ends it (a soft line break) unless the marker is the whole paragraph.
	for c := p.FirstChild(); c != nil; {
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start >= first.Stop {
			break
		}
		next := c.NextSibling()
		p.RemoveChild(p, c)
		c = next
	}
	c := &Callout{Alert: typ}
	if p.FirstChild() == nil {
		q.RemoveChild(q, p)
	} else {
		lines := p.Lines()
		rest := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			rest.Append(lines.At(i))
		}
		p.SetLines(rest)
	}
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling()
		c.AppendChild(c, n)
		n = next
	}
	return c
}

type calloutRenderer struct {
	labels map[string]string // by type; CalloutLabels where missing
}

func (r calloutRenderer) label(alert string) string {
	if l := r.labels[alert]; l != "" {
		return l
	}
	return CalloutLabels[alert]
}

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := n.(*Callout)
		if entering {
			_, _ = w.WriteString(`<aside class="markdown-alert markdown-alert-` + c.Alert + `" role="note">` + "\n")
			_, _ = w.WriteString(`<p class="markdown-alert-title">` + html.EscapeString(r.label(c.Alert)) + "</p>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	})
}
