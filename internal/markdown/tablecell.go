package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableCellRenderer renders table cells with goldmark's own renderer and
// leaves the cell as it found it. goldmark writes an aligned cell's
// text-align by appending it to the node's style attribute, so each
// rendering of one parse (the page, the print edition, the EPUB, the feed)
// would repeat it once more.
type tableCellRenderer struct {
	table *extension.TableHTMLRenderer
	cell  renderer.NodeRendererFunc
}

func newTableCellRenderer() *tableCellRenderer {
	r := &tableCellRenderer{table: extension.NewTableHTMLRenderer().(*extension.TableHTMLRenderer)}
	r.table.RegisterFuncs(cellCatcher{r})
	return r
}

// cellCatcher takes goldmark's table cell function and drops the others,
// which stay with the table extension's renderer.
type cellCatcher struct{ r *tableCellRenderer }

func (c cellCatcher) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == east.KindTableCell {
		c.r.cell = f
	}
}

// SetOption passes the renderer's options on to goldmark's table renderer.
func (r *tableCellRenderer) SetOption(name renderer.OptionName, value any) {
	r.table.SetOption(name, value)
}

func (r *tableCellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return r.cell(w, src, n, entering)
		}
		style, had := n.AttributeString("style")
		status, err := r.cell(w, src, n, entering)
		switch {
		case had:
			n.SetAttributeString("style", style)
		default:
			removeAttribute(n, "style")
		}
		return status, err
	})
}

// removeAttribute removes one attribute of a node (goldmark removes all).
func removeAttribute(n ast.Node, name string) {
	if _, ok := n.AttributeString(name); !ok {
		return
	}
	var keep []ast.Attribute
	for _, a := range n.Attributes() {
		if string(a.Name) != name {
			keep = append(keep, a)
		}
	}
	n.RemoveAttributes()
	for _, a := range keep {
		n.SetAttribute(a.Name, a.Value)
	}
}
