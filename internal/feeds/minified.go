package feeds

import (
	"bytes"
	"unsafe"

	"github.com/tdewolff/minify/v2"
	xmlmin "github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"

	"folio/internal/content"
	"folio/internal/xmltext"
)

// This file writes a feed as the build's XML minifier (tdewolff/minify's,
// with its default options, as package output minifies a .xml file)
// would write it, without minifying the entries' content, which is most
// of a feed: the minifier read every byte of every post's HTML in the
// feeds again, and changed nothing of it but one reference.
//
// The feed is encoded and minified with a placeholder for each entry's
// content (the skeleton), and the content goes in its place as the
// minifier would have written it. xmltext's Preformatted escaping writes
// no two white space bytes in a row (a space after a space is "&#32;",
// line feeds, tabs and carriage returns are references), so the
// minifier has no run of white space to collapse; of the references
// xmltext writes it keeps &amp;, &lt;, &gt;, &#9;, &#10;, &#13; and &#160;
// and writes "&#32;" as a space. Content that, so written, starts or
// ends with white space, which the minifier may trim,
// or is empty (<content/>), and a skeleton in which the placeholder does
// not come out once an entry, has the whole feed minified instead.

// contentPlaceholder stands for an entry's content in the skeleton.
const contentPlaceholder = "folioEntryContentPlaceholder"

// AtomMinified is the feed f as Atom, as minifying Atom's result with the
// XML minifier writes it.
func (w *Writer) AtomMinified(f Feed) ([]byte, error) {
	skeleton, err := w.atom(f, true)
	if err != nil {
		return nil, err
	}
	small, err := minifyXML(skeleton)
	if err != nil {
		return nil, err
	}
	parts := bytes.Split(small, []byte(contentPlaceholder))
	if len(parts) != len(f.Posts)+1 {
		return w.minifiedWhole(f)
	}
	out := make([]byte, 0, w.feedSize(f))
	for i, part := range parts {
		out = append(out, part...)
		if i == len(f.Posts) {
			break
		}
		var ok bool
		if out, ok = w.appendMinifiedContent(out, f.Posts[i].Page); !ok {
			return w.minifiedWhole(f)
		}
	}
	return out, nil
}

// minifiedWhole is the feed f minified whole.
func (w *Writer) minifiedWhole(f Feed) ([]byte, error) {
	whole, err := w.Atom(f)
	if err != nil {
		return nil, err
	}
	return minifyXML(whole)
}

// minifyXML is data as the XML minifier writes it.
func minifyXML(data []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(data))
	if err := xmlmin.Minify(minify.New(), &out, buffer.NewReader(data), nil); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// appendMinifiedContent appends the content of p's entry as the minifier
// writes it; false when the minifier might write it otherwise.
func (w *Writer) appendMinifiedContent(out []byte, p *content.Page) ([]byte, bool) {
	start := len(out)
	if p.Photo != nil && p.Photo.URL != "" {
		out = xmltext.Append(out, w.photoFigure(p), xmltext.Preformatted)
	}
	html := w.Body(p)
	out = spaceRefs(xmltext.Append(out, unsafe.String(unsafe.SliceData(html), len(html)), xmltext.Preformatted), start)
	return out, len(out) > start && !whiteSpace(out[start]) && !whiteSpace(out[len(out)-1])
}

// spaceRefs writes every "&#32;" of out[start:] as a space, in place.
func spaceRefs(out []byte, start int) []byte {
	ref := []byte("&#32;")
	from := bytes.Index(out[start:], ref)
	if from < 0 {
		return out
	}
	to := start + from
	for from = to; from < len(out); {
		if bytes.HasPrefix(out[from:], ref) {
			out[to] = ' '
			to++
			from += len(ref)
			continue
		}
		next := bytes.Index(out[from+1:], ref)
		if next < 0 {
			next = len(out) - from - 1
		}
		to += copy(out[to:], out[from:from+1+next])
		from += 1 + next
	}
	return out[:to]
}

// whiteSpace reports whether the minifier takes c for white space.
func whiteSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
