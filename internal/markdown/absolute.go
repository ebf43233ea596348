package markdown

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/yuin/goldmark/ast"

	"folio/internal/srcset"
)

// absoluteForm is the feed's form of a document (Env.Base): the page's
// form f with every link and image resolved against base, for feeds, whose
// readers have no page to resolve relative links against. It is made from
// the one parse, which is the costly half of a conversion, and rendered
// with the page's form (forms.go).
func absoluteForm(f form, w *written, base string) (form, error) {
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return form{}, fmt.Errorf("markdown: base %q is not an absolute URL", base)
	}
	abs := form{dests: make([]formDest, len(f.dests)), ids: f.ids, prefix: f.prefix}
	for k, d := range f.dests {
		switch w.dests[k].node.(type) {
		case *ast.Link:
			abs.dests[k] = formDest{dest: resolve(b, d.dest), drop: d.drop}
		case *ast.Image:
			abs.dests[k] = formDest{dest: resolve(b, d.dest), attrs: absoluteImageAttrs(b, d.attrs)}
		default:
			abs.dests[k] = formDest{raw: absoluteRaw(b, d.raw), img: d.img}
		}
	}
	return abs, nil
}

// absoluteImageAttrs are an image's attributes with its srcset resolved
// against base.
func absoluteImageAttrs(base *url.URL, attrs []ast.Attribute) []ast.Attribute {
	out := slices.Clone(attrs)
	for i, a := range out {
		if v, ok := a.Value.([]byte); ok && string(a.Name) == "srcset" {
			out[i].Value = []byte(absoluteSrcset(base, string(v)))
		}
	}
	return out
}

func absoluteSrcset(base *url.URL, v string) string {
	cs := srcset.Parse(v)
	for j := range cs {
		cs[j].URL = string(resolve(base, []byte(cs[j].URL)))
	}
	return srcset.Format(cs)
}

func resolve(base *url.URL, dest []byte) []byte {
	r, err := url.Parse(string(dest))
	if err != nil {
		return dest
	}
	return []byte(base.ResolveReference(r).String())
}

// absoluteRaw is a raw tag's attributes with their URLs resolved against
// base.
func absoluteRaw(base *url.URL, attrs []rawAttr) []rawAttr {
	out := slices.Clone(attrs)
	for i := range out {
		a := &out[i]
		switch a.kind {
		case linkURL, imageURL:
			a.val = string(resolve(base, []byte(a.val)))
		case imageSetURL:
			a.val = absoluteSrcset(base, a.val)
		}
	}
	return out
}
