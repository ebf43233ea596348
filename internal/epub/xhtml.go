package epub

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const (
	xhtmlNS = "http://www.w3.org/1999/xhtml"
	epubNS  = "http://www.idpf.org/2007/ops"
	svgNS   = "http://www.w3.org/2000/svg"
	mathNS  = "http://www.w3.org/1998/Math/MathML"
	xlinkNS = "http://www.w3.org/1999/xlink"
)

// foreignNS maps the html package's namespace names to namespace URIs.
var foreignNS = map[string]string{"": xhtmlNS, "svg": svgNS, "math": mathNS}

// reference is a URL in a chapter that Write resolves against the package.
type reference struct {
	URL      string
	Embedded bool // an image source, as opposed to a hyperlink
}

// fragment is a chapter body converted to XHTML plus what Write needs to
// know about it.
type fragment struct {
	body          []byte
	refs          []reference
	ids           map[string]bool
	svg, mathml   bool
	images        int
	imagesMissAlt int
	// classes are the class names the chapter's elements carry.
	classes map[string]bool
	// epubTypes is set when an element carries epub:type.
	epubTypes bool
}

// XHTML converts an HTML fragment (such as goldmark output, raw HTML
// included) into well-formed XHTML body content. The fragment is parsed with
// the HTML5 algorithm, so anything a browser would display survives, and is
// written by an XML serializer: characters are escaped with the five XML
// escapes or numeric references, void elements are self-closed, links
// nested in links are unwrapped, duplicate ids get a numeric suffix,
// obsolete elements are converted and attributes XHTML does not allow are
// dropped. It fails only for elements that cannot be packaged (iframe,
// object, embed, audio, video, canvas).
func XHTML(fragment []byte) ([]byte, error) {
	f, err := convert(fragment, nil, nil)
	if err != nil {
		return nil, err
	}
	return f.body, nil
}

// convert parses and serializes one fragment. unwrap, when set, names the
// hyperlinks to remove while keeping their content; styled, when set, names
// the classes kept on elements (those a rule of the stylesheet names).
func convert(src []byte, unwrap, styled func(string) bool) (*fragment, error) {
	return convertOnto(nil, src, unwrap, styled)
}

// convertOnto is convert writing the fragment's body after what dst
// holds (a recycled buffer, which it grows if need be): the body is then
// dst's bytes, as long as the fragment keeps it.
func convertOnto(dst, src []byte, unwrap, styled func(string) bool) (*fragment, error) {
	c := newConverter(dst, src, unwrap, styled)
	if !c.stream(src) {
		// Not markup a token stream gives as the parser does (xhtml_stream.go).
		c = newConverter(dst, src, unwrap, styled)
		if err := c.parse(src); err != nil {
			return nil, err
		}
	}
	return c.fragment()
}

// parse converts src from the tree the HTML5 parser builds of it.
func (c *converter) parse(src []byte) error {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(src), body)
	if err != nil {
		return fmt.Errorf("parse HTML: %w", err)
	}
	for _, n := range nodes {
		c.node(n, "")
	}
	return nil
}

// fragment is what c converted, or the errors it met.
func (c *converter) fragment() (*fragment, error) {
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	out := c.out // a copy: a pointer into c would keep c's buffer as long as the fragment
	out.body = c.w.buf.Bytes()
	return &out, nil
}

// newConverter is a converter writing after what dst holds.
func newConverter(dst, src []byte, unwrap, styled func(string) bool) *converter {
	c := &converter{unwrap: unwrap, styled: styled, out: fragment{ids: map[string]bool{}, classes: map[string]bool{}}}
	c.w.buf = *bytes.NewBuffer(dst)
	c.w.buf.Grow(len(src) + len(src)/8) // XHTML is the HTML and a few more escapes
	return c
}

// converter walks a parsed fragment and writes it as XHTML.
type converter struct {
	w         xmlWriter
	out       fragment
	linkDepth int
	unwrap    func(href string) bool
	styled    func(class string) bool
	errs      []error
}

// node writes one node. ns is the namespace in scope ("" for XHTML, "svg",
// "math"), so a change of namespace gets its xmlns declaration.
func (c *converter) node(n *html.Node, ns string) {
	switch n.Type {
	case html.TextNode:
		c.w.text(n.Data)
	case html.ElementNode:
		if n.Namespace == "" {
			c.htmlElement(n, ns)
		} else {
			c.foreignElement(n, ns)
		}
	case html.DocumentNode:
		c.children(n, ns)
	}
	// Comments and doctypes are dropped: readers never show them, and "--"
	// inside an HTML comment is not well-formed XML.
}

func (c *converter) children(n *html.Node, ns string) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch, ns)
	}
}

func (c *converter) htmlElement(n *html.Node, ns string) {
	switch how, name := c.openHTML(n, ns); how {
	case keepContent:
		c.children(n, ns)
	case opened:
		c.children(n, "")
		c.closeHTML(name)
	}
}

// opening is what openHTML did with an element's start.
type opening int

const (
	written     opening = iota // all of it: dropped, failed, or an empty element
	keepContent                // nothing: its content goes where it was
	opened                     // its start tag: its content and closeHTML follow
)

// openHTML writes the start of an HTML element, as its name (obsolete ones
// renamed) and attributes decide, and says what follows.
func (c *converter) openHTML(n *html.Node, ns string) (opening, string) {
	name := n.Data
	if to, ok := obsoleteElements[name]; ok {
		name = to
	}
	switch {
	case droppedElements[name]:
		return written, name
	case unsupportedElements[name]:
		c.errs = append(c.errs, fmt.Errorf("<%s> cannot be packaged in an EPUB; replace it with an image or a link", name))
		return written, name
	case !bodyElements[name]:
		return keepContent, name // unknown element: keep its text
	case name == "a" && c.dropLink(n):
		return keepContent, name
	}
	if name == "input" && strings.EqualFold(attrOr(n, "type"), "checkbox") {
		c.checkbox(n)
		return written, name
	}
	attrs := c.htmlAttrs(n, name)
	if name == "span" && len(attrs) == 0 {
		return keepContent, name // a span that no longer styles or names anything
	}
	if ns != "" {
		attrs = append([]attr{{"xmlns", xhtmlNS}}, attrs...)
	}
	if voidElements[name] {
		c.w.start(name, attrs, true)
		return written, name
	}
	c.w.start(name, attrs, false)
	if name == "a" {
		c.linkDepth++
	}
	return opened, name
}

// closeHTML writes the end of an element openHTML opened.
func (c *converter) closeHTML(name string) {
	if name == "a" {
		c.linkDepth--
	}
	c.w.end(name)
}

// dropLink reports whether a link is unwrapped: a link inside a link is
// invalid and ambiguous, and the caller may ask for links to non-chapter
// files (such as a full-size image) to go.
func (c *converter) dropLink(n *html.Node) bool {
	if c.linkDepth > 0 {
		return true
	}
	href, ok := attrValue(n, "href")
	return ok && c.unwrap != nil && c.unwrap(href)
}

var (
	alignValue = regexp.MustCompile(`^(?i)(left|right|center|justify)$`)
	digits     = regexp.MustCompile(`^[0-9]+$`)
)

// htmlAttrs returns the attributes kept on an HTML element, records the
// references and ids it carries and adds what XHTML requires (img alt).
func (c *converter) htmlAttrs(n *html.Node, name string) []attr {
	var out []attr
	if len(n.Attr) > 0 {
		out = make([]attr, 0, len(n.Attr)+2) // and alt, and a class for an alignment
	}
	var styles, classes []string
	epubType, role := "", ""
	seen := func(k string) bool { return slices.ContainsFunc(out, func(a attr) bool { return a.Name == k }) }
	add := func(k, v string) {
		if !seen(k) {
			out = append(out, attr{k, v})
		}
	}
	for _, a := range n.Attr {
		switch k := a.Key; {
		case k == "id" || k == "name" && name == "a":
			if seen("id") {
				continue
			}
			if id := c.uniqueID(a.Val); id != "" {
				add("id", id)
			}
		case k == "style":
			styles = append([]string{strings.TrimSuffix(strings.TrimSpace(a.Val), ";")}, styles...)
		case k == "align" && alignElements[name] && alignValue.MatchString(a.Val) && !strings.Contains(attrOr(n, "style"), "text-align"):
			styles = append(styles, "text-align: "+strings.ToLower(a.Val))
		case (k == "width" || k == "height") && name == "img":
			if digits.MatchString(a.Val) {
				add(k, a.Val)
			}
		case k == "class":
			classes = append(classes, strings.Fields(a.Val)...)
			add("class", "") // its place; the value comes once all are known
		case k == "role":
			role = a.Val
		case k == "epub:type":
			epubType = a.Val
		case attrAllowed(name, k):
			add(k, a.Val)
		}
	}
	out = c.classAndStyle(out, classes, nonEmpty(styles))
	if role != "" {
		add("role", role)
	}
	if epubType == "" {
		epubType = rolesToEpubType[role]
	}
	if epubType != "" {
		add("epub:type", epubType)
		c.out.epubTypes = true
	}
	c.record(name, out)
	if name == "img" && !seen("alt") {
		out = append(out, attr{"alt", ""}) // required by XHTML; marks the image decorative
	}
	return out
}

// classAndStyle gives the element its class, at the place its class
// attribute had, and its style. An alignment alone becomes a class of the
// stylesheet, not an inline style (epubcheck's ACC-013).
func (c *converter) classAndStyle(out []attr, classes, styles []string) []attr {
	if len(styles) == 1 && c.styled != nil && c.styled(alignments[styles[0]]) {
		classes, styles = append(classes, alignments[styles[0]]), nil
	}
	cl := c.keepClasses(classes)
	at := slices.IndexFunc(out, func(a attr) bool { return a.Name == "class" })
	switch {
	case at >= 0 && cl == "":
		out = slices.Delete(out, at, at+1)
	case at >= 0:
		out[at].Value = cl
	case cl != "":
		out = append(out, attr{"class", cl})
	}
	if s := strings.Join(styles, "; "); s != "" {
		out = append(out, attr{"style", s})
	}
	return out
}

// alignments maps the inline styles of aligned table cells (goldmark's
// and the align attribute's) to the classes the stylesheet defines.
var alignments = map[string]string{}

func init() {
	for _, a := range []string{"left", "right", "center", "justify"} {
		alignments["text-align:"+a] = "align-" + a
		alignments["text-align: "+a] = "align-" + a
	}
}

// keepClasses returns the classes the stylesheet styles, once each, and
// records them.
func (c *converter) keepClasses(classes []string) string {
	var kept []string
	for _, cl := range classes {
		if c.styled != nil && !c.styled(cl) || slices.Contains(kept, cl) {
			continue
		}
		kept = append(kept, cl)
		c.out.classes[cl] = true
	}
	return strings.Join(kept, " ")
}

// checkbox writes a checkbox (a task list item's) as the character it
// shows, checked or not: a book has no forms, and a form field without a
// label is what epubcheck's HTM-028 reports.
func (c *converter) checkbox(n *html.Node) {
	if _, checked := attrValue(n, "checked"); checked {
		c.w.text("\u2611")
		return
	}
	c.w.text("\u2610")
}

// record notes the references and image alt texts of an element.
func (c *converter) record(name string, attrs []attr) {
	hasAlt := false
	for _, a := range attrs {
		switch {
		case a.Name == "href" && (name == "a" || name == "area"):
			c.out.refs = append(c.out.refs, reference{URL: a.Value})
		case a.Name == "src" && name == "img":
			c.out.refs = append(c.out.refs, reference{URL: a.Value, Embedded: true})
		case a.Name == "alt" && strings.TrimSpace(a.Value) != "":
			hasAlt = true
		}
	}
	if name == "img" {
		c.out.images++
		if !hasAlt {
			c.out.imagesMissAlt++
		}
	}
}

// uniqueID returns id made valid (no whitespace) and unique in the document:
// a repeated id gets "-2", "-3"... so links to it keep reaching the first.
func (c *converter) uniqueID(id string) string {
	id = strings.Join(strings.Fields(id), "-")
	if id == "" {
		return ""
	}
	candidate := id
	for i := 2; c.out.ids[candidate]; i++ {
		candidate = fmt.Sprintf("%s-%d", id, i)
	}
	c.out.ids[candidate] = true
	return candidate
}

func attrOr(n *html.Node, key string) string {
	v, _ := attrValue(n, key)
	return v
}

func attrValue(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
