package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"folio/internal/rawpolicy"
	"folio/internal/srcset"
)

// Raw HTML in Markdown is parsed with the HTML5 tokenizer when the document
// is parsed: each HTML block and each inline tag becomes a RawBlock or a
// RawInline node holding its tokens after the policy (package rawpolicy), with
// the line of each. Its src, href and srcset are resolved through the Env
// like Markdown links and images, again for each edition, and the renderer
// writes the tokens back as HTML; the EPUB's XHTML serializer reads that
// HTML like any other. Nothing is edited in rendered HTML.

// KindRawBlock and KindRawInline are the node kinds of RawBlock and
// RawInline.
var (
	KindRawBlock  = ast.NewNodeKind("RawBlock")
	KindRawInline = ast.NewNodeKind("RawInline")
)

// RawBlock is an HTML block of the Markdown, parsed.
type RawBlock struct {
	ast.BaseBlock
	toks []*rawToken
}

// Kind implements ast.Node.
func (*RawBlock) Kind() ast.NodeKind { return KindRawBlock }

// IsRaw implements ast.Node.
func (*RawBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *RawBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// RawInline is an inline tag (or comment) of the Markdown, parsed.
type RawInline struct {
	ast.BaseInline
	toks []*rawToken
}

// Kind implements ast.Node.
func (*RawInline) Kind() ast.NodeKind { return KindRawInline }

// Dump implements ast.Node.
func (n *RawInline) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// rawToken is one token of raw HTML as it is written.
type rawToken struct {
	typ   html.TokenType
	name  string // of a tag
	attrs []rawAttr
	text  string // of text or a comment
	// verbatim text is the content of a script or style, written as is.
	verbatim bool
	line     int
	// img is the resolution of an <img>'s src for the edition being
	// rendered; its attributes are added where the author gave none.
	img *Image
}

// urlKind says how an attribute's URL is resolved.
type urlKind uint8

const (
	notURL urlKind = iota
	linkURL
	imageURL
	imageSetURL // srcset
	idRef       // an id, or ids an attribute refers to: take Env.IDPrefix
)

type rawAttr struct {
	key, val string
	kind     urlKind
	written  string // the value the author wrote, for editions
	drop     bool   // ErrUnlink: the edition has no target for it
}

// urlAttr names the attributes that hold URLs to resolve, or ids that
// take the edition's prefix (so chapters joined into one page keep unique
// ids, as their headings do).
func urlAttr(elem, key string) urlKind {
	switch {
	case key == "id" || key == "name" && elem == "a" || key == "headers" || key == "aria-labelledby" || key == "aria-describedby" || key == "for":
		return idRef
	case key == "href" && (elem == "a" || elem == "area"):
		return linkURL
	case key == "src" && elem == "img":
		return imageURL
	case key == "srcset" && (elem == "img" || elem == "source"):
		return imageSetURL
	case key == "src" && (elem == "source" || elem == "video" || elem == "audio" || elem == "track" || elem == "embed" || elem == "iframe"):
		return linkURL
	}
	return notURL
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true,
	"embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true,
	"source": true, "track": true, "wbr": true}

// verbatimElements hold text the tokenizer does not unescape.
var verbatimElements = map[string]bool{"script": true, "style": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true}

// piece is the source of one raw node: its text and where each of its
// segments starts, for lines.
type piece struct {
	text   []byte
	starts []int // offset in text of each segment
	segs   []text.Segment
}

func pieceOf(segs []text.Segment, src []byte) piece {
	var p piece
	for _, s := range segs {
		p.starts = append(p.starts, len(p.text))
		p.segs = append(p.segs, s)
		p.text = append(p.text, s.Value(src)...)
	}
	return p
}

// sourceOffset maps an offset in the piece to one in the source.
func (p piece) sourceOffset(off int) int {
	i := len(p.starts) - 1
	for i > 0 && p.starts[i] > off {
		i--
	}
	if i < 0 {
		return 0
	}
	return p.segs[i].Start + off - p.starts[i]
}

func blockSegments(n *ast.HTMLBlock) []text.Segment {
	var segs []text.Segment
	for i := range n.Lines().Len() {
		segs = append(segs, n.Lines().At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	return segs
}

// rawAttrs are the attributes of a start tag as the author wrote them,
// each knowing whether it holds a URL to resolve.
func rawAttrs(t *html.Token) []rawAttr {
	var attrs []rawAttr
	for _, a := range t.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + a.Key
		}
		attrs = append(attrs, rawAttr{key: k, val: a.Val, written: a.Val, kind: urlAttr(t.Data, k)})
	}
	return attrs
}

// tokenize parses a piece and applies the policy (nil: keep everything),
// reporting what it removes.
func (s *state) tokenize(p piece) []*rawToken {
	z := html.NewTokenizer(bytes.NewReader(p.text))
	var toks []*rawToken
	skip, skipDepth := "", 0
	verbatim := false
	for off := 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			return toks
		}
		line := s.lines.line(p.sourceOffset(off))
		off += len(z.Raw())
		t := z.Token()
		if skip != "" {
			switch {
			case tt == html.StartTagToken && t.Data == skip:
				skipDepth++
			case tt == html.EndTagToken && t.Data == skip:
				if skipDepth--; skipDepth == 0 {
					skip = ""
				}
			}
			continue
		}
		rt := &rawToken{typ: tt, name: t.Data, line: line}
		switch tt {
		case html.TextToken:
			rt.name, rt.text, rt.verbatim = "", t.Data, verbatim
		case html.CommentToken:
			if s.policy != nil {
				continue // never shown to a reader: dropped without a word
			}
			rt.name, rt.text = "", t.Data
		case html.DoctypeToken:
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			if s.policy != nil {
				dropped, ok := s.policy.Filter(&t)
				if !ok {
					s.warn(line, rawpolicy.Removal(&t, nil, true))
					if tt == html.StartTagToken && rawpolicy.SkipsContent(t.Data) && !voidElements[t.Data] {
						skip, skipDepth = t.Data, 1
					}
					continue
				}
				if len(dropped) > 0 {
					s.warn(line, rawpolicy.Removal(&t, dropped, false))
				}
			}
			rt.attrs = rawAttrs(&t)
		case html.EndTagToken:
			if s.policy != nil && !s.policy.Keeps(t.Data) {
				continue
			}
		}
		verbatim = tt == html.StartTagToken && verbatimElements[t.Data]
		toks = append(toks, rt)
	}
}

// parseRaw replaces a raw HTML node by its parsed twin.
func (s *state) parseRaw(n ast.Node, src []byte) ast.Node {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		segs := blockSegments(n)
		b := &RawBlock{toks: s.tokenize(pieceOf(segs, src))}
		b.SetLines(n.Lines())
		return b
	case *ast.RawHTML:
		return &RawInline{toks: s.tokenize(pieceOf(n.Segments.Sliced(0, n.Segments.Len()), src))}
	}
	return nil
}

// resolveRaw resolves the URLs of a token for the state's Env, from what
// the author wrote.
func (s *state) resolveRaw(t *rawToken) {
	t.img = nil
	for i := range t.attrs {
		a := &t.attrs[i]
		a.val, a.drop = a.written, false
		switch a.kind {
		case linkURL:
			out, ok := s.resolveLink(a.written, t.line)
			a.val, a.drop = out, !ok
		case imageURL:
			if img, ok := s.resolveImage(a.written, t.line); ok {
				a.val, t.img = img.URL, &img
			}
		case idRef:
			if s.env.IDPrefix != "" {
				ids := strings.Fields(a.written)
				for j := range ids {
					ids[j] = s.env.IDPrefix + ids[j]
				}
				a.val = strings.Join(ids, " ")
			}
		case imageSetURL:
			if s.env.NoImageSets {
				continue
			}
			cs := srcset.Parse(a.written)
			for j := range cs {
				if img, ok := s.resolveImage(cs[j].URL, t.line); ok {
					cs[j].URL = img.URL
				}
			}
			a.val = srcset.Format(cs)
		}
	}
}

// hasURLs reports whether a token has attributes to resolve.
func (t *rawToken) hasURLs() bool {
	for _, a := range t.attrs {
		if a.kind != notURL {
			return true
		}
	}
	return false
}

// ids are the ids a tag defines, as written.
func (t *rawToken) ids() []string {
	var ids []string
	for _, a := range t.attrs {
		if a.key == "id" || a.key == "name" && t.name == "a" {
			ids = append(ids, strings.TrimSpace(a.written))
		}
	}
	return ids
}

type rawRenderer struct{}

func (rawRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRawBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			writeTokens(w, n.(*RawBlock).toks)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindRawInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			writeTokens(w, n.(*RawInline).toks)
		}
		return ast.WalkSkipChildren, nil
	})
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
)

func writeTokens(w util.BufWriter, toks []*rawToken) {
	for _, t := range toks {
		switch t.typ {
		case html.TextToken:
			if t.verbatim {
				_, _ = w.WriteString(t.text)
			} else {
				_, _ = textEscaper.WriteString(w, t.text)
			}
		case html.CommentToken:
			_, _ = w.WriteString("<!--")
			_, _ = w.WriteString(t.text)
			_, _ = w.WriteString("-->")
		case html.EndTagToken:
			_, _ = w.WriteString("</")
			_, _ = w.WriteString(t.name)
			_ = w.WriteByte('>')
		case html.StartTagToken, html.SelfClosingTagToken:
			writeTag(w, t)
		}
	}
}

func writeTag(w util.BufWriter, t *rawToken) {
	_ = w.WriteByte('<')
	_, _ = w.WriteString(t.name)
	has := map[string]bool{}
	for _, a := range t.attrs {
		has[a.key] = true
		if !a.drop {
			writeAttr(w, a.key, a.val)
		}
	}
	if t.img != nil {
		// An author who sized the image, or listed its sources, keeps
		// them: variants chosen for the text column's width would load
		// more than the author's own size shows.
		sized := has["width"] || has["height"] || has["srcset"]
		for _, a := range resolvedImageAttrs(*t.img) {
			if !has[a[0]] && !(a[0] == "height" && has["width"] || a[0] == "width" && has["height"]) &&
				!(sized && (a[0] == "srcset" || a[0] == "sizes")) {
				writeAttr(w, a[0], a[1])
			}
		}
	}
	if t.typ == html.SelfClosingTagToken && !voidElements[t.name] {
		_ = w.WriteByte('/')
	}
	_ = w.WriteByte('>')
}

func writeAttr(w util.BufWriter, key, val string) {
	_ = w.WriteByte(' ')
	_, _ = w.WriteString(key)
	if val == "" {
		return
	}
	_, _ = w.WriteString(`="`)
	_, _ = attrEscaper.WriteString(w, val)
	_ = w.WriteByte('"')
}
