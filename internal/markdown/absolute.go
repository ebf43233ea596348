package markdown

import (
	"bytes"
	"fmt"
	"net/url"

	"github.com/yuin/goldmark/ast"

	"folio/internal/srcset"
)

// renderAbsolute renders the parsed document a second time with link and
// image destinations resolved against base. Parsing is the costly half of a
// conversion, so feeds reuse the tree instead of converting again.
func (c *Converter) renderAbsolute(root ast.Node, src []byte, base string) ([]byte, error) {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return nil, fmt.Errorf("markdown: base %q is not an absolute URL", base)
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = resolve(b, n.Destination)
		case *ast.Image:
			n.Destination = resolve(b, n.Destination)
			if v, ok := n.AttributeString("srcset"); ok {
				cs := srcset.Parse(string(v.([]byte)))
				for j := range cs {
					cs[j].URL = string(resolve(b, []byte(cs[j].URL)))
				}
				n.SetAttributeString("srcset", []byte(srcset.Format(cs)))
			}
		case *RawBlock:
			absoluteRaw(b, n.toks)
		case *RawInline:
			absoluteRaw(b, n.toks)
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2) // as Convert's first rendering
	bw := bufWriter(&buf)
	defer recycleBufWriter(bw)
	if err := c.md.Renderer().Render(bw, src, root); err != nil {
		return nil, err
	}
	_ = bw.Flush()
	return buf.Bytes(), nil
}

func resolve(base *url.URL, dest []byte) []byte {
	r, err := url.Parse(string(dest))
	if err != nil {
		return dest
	}
	return []byte(base.ResolveReference(r).String())
}

// absoluteRaw resolves the URLs of raw HTML tags against base.
func absoluteRaw(base *url.URL, toks []*rawToken) {
	for _, t := range toks {
		for i := range t.attrs {
			a := &t.attrs[i]
			switch a.kind {
			case linkURL, imageURL:
				a.val = string(resolve(base, []byte(a.val)))
			case imageSetURL:
				cs := srcset.Parse(a.val)
				for j := range cs {
					cs[j].URL = string(resolve(base, []byte(cs[j].URL)))
				}
				a.val = srcset.Format(cs)
			}
		}
	}
}
