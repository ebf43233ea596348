package epub

import (
	"strings"

	"golang.org/x/net/html"
)

// foreignElement writes SVG and MathML, which keep their own vocabulary.
func (c *converter) foreignElement(n *html.Node, ns string) {
	if n.Namespace == "svg" && n.Data == "script" || !validXMLName(n.Data) {
		return
	}
	link := n.Namespace == "svg" && n.Data == "a"
	if link && c.linkDepth > 0 {
		c.children(n, ns)
		return
	}
	c.out.svg = c.out.svg || n.Namespace == "svg"
	c.out.mathml = c.out.mathml || n.Namespace == "math"
	var attrs []attr
	if n.Namespace != ns {
		attrs = append(attrs, attr{"xmlns", foreignNS[n.Namespace]})
		if n.Namespace == "svg" && usesXlink(n) {
			// Declared only when used: epubcheck's usage report names
			// every xlink declaration (HTM-010), and unused ones (HTM-044).
			attrs = append(attrs, attr{"xmlns:xlink", xlinkNS})
		}
	}
	for _, a := range n.Attr {
		key := a.Key
		switch a.Namespace {
		case "xlink", "xml":
			key = a.Namespace + ":" + a.Key
		case "xmlns":
			continue
		}
		lower := strings.ToLower(a.Key)
		if strings.HasPrefix(lower, "on") || lower == "xmlns" || a.Namespace == "" && !validXMLName(key) {
			continue
		}
		if key == "id" {
			a.Val = c.uniqueID(a.Val)
		}
		if (key == "href" || key == "xlink:href") && !strings.HasPrefix(a.Val, "#") {
			c.out.refs = append(c.out.refs, reference{URL: a.Val, Embedded: n.Data != "a"})
		}
		attrs = append(attrs, attr{key, a.Val})
	}
	title := ""
	if link {
		title = svgLinkTitle(n)
		c.linkDepth++
		defer func() { c.linkDepth-- }()
	}
	if n.FirstChild == nil && title == "" {
		c.w.start(n.Data, attrs, true)
		return
	}
	c.w.start(n.Data, attrs, false)
	if title != "" {
		c.w.element("title", nil, title)
	}
	c.children(n, n.Namespace)
	c.w.end(n.Data)
}

// svgLinkTitle is the human-readable title an SVG link needs for assistive
// technology (epubcheck warns without one), taken from its text, unless it
// has one (a title child or xlink:title): written as a title child.
func svgLinkTitle(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Namespace == "xlink" && a.Key == "title" {
			return ""
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "title" {
			return ""
		}
	}
	title := strings.Join(strings.Fields(textContent(n)), " ")
	if title == "" {
		title = attrOr(n, "href")
	}
	for _, a := range n.Attr {
		if title == "" && a.Namespace == "xlink" && a.Key == "href" {
			title = a.Val
		}
	}
	return title
}

// usesXlink reports whether an element or one inside it has an attribute
// in the xlink namespace.
func usesXlink(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace == "xlink" {
			return true
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && usesXlink(ch) {
			return true
		}
	}
	return false
}

func textContent(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(textContent(ch))
	}
	return b.String()
}
