package epub

import "strings"

// The tables below decide what of a chapter's HTML survives into XHTML. They
// are tuned to what epubcheck accepts: anything it reports as an error or a
// warning is converted to its modern equivalent, unwrapped (keeping the
// text) or dropped when it carries no content a reader would see.

// bodyElements are the HTML elements allowed inside an XHTML body.
var bodyElements = setOf(
	"a", "abbr", "address", "area", "article", "aside", "b", "bdi", "bdo",
	"blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
	"data", "datalist", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
	"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins",
	"kbd", "label", "legend", "li", "main", "map", "mark", "meter", "nav",
	"ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "rp",
	"rt", "ruby", "s", "samp", "section", "select", "small", "span",
	"strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea",
	"tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
)

// voidElements never have content and are written as empty-element tags.
var voidElements = setOf("area", "br", "col", "hr", "img", "input", "wbr")

// obsoleteElements are renamed to the element that keeps their meaning.
var obsoleteElements = map[string]string{
	"acronym": "abbr", "big": "span", "blink": "span", "center": "div",
	"dir": "ul", "font": "span", "listing": "pre", "marquee": "span",
	"nobr": "span", "plaintext": "pre", "strike": "s", "tt": "code",
	"xmp": "pre", "picture": "span", "dialog": "div",
	// hgroup changed meaning between HTML versions; EPUB validators reject
	// the <p> subtitle that current HTML allows in it.
	"hgroup": "div",
}

// droppedElements hold nothing a reader sees in a book: scripts, styles and
// document metadata that have no place inside a body.
var droppedElements = setOf(
	"script", "noscript", "style", "template", "link", "meta", "base",
	"title", "head", "source", "track", "param", "basefont", "bgsound",
	"frame", "frameset", "noframes", "noembed", "keygen",
)

// unsupportedElements embed content this package cannot package; Write
// fails rather than silently losing part of a chapter.
var unsupportedElements = setOf(
	"iframe", "object", "embed", "applet", "audio", "video", "canvas",
)

// globalAttrs are allowed on every HTML element.
var globalAttrs = setOf(
	"id", "class", "title", "lang", "dir", "style", "hidden", "tabindex",
	"accesskey", "role", "translate", "spellcheck", "contenteditable",
	"draggable", "epub:type", "xml:lang",
)

// elementAttrs are the element-specific attributes kept; any other
// attribute is dropped.
var elementAttrs = map[string][]string{
	"a":          {"href", "hreflang", "rel", "type", "download"},
	"area":       {"alt", "coords", "shape", "href", "hreflang", "rel", "type"},
	"blockquote": {"cite"},
	"button":     {"disabled", "name", "type", "value"},
	"col":        {"span"},
	"colgroup":   {"span"},
	"data":       {"value"},
	"del":        {"cite", "datetime"},
	"details":    {"open"},
	"img":        {"alt", "src", "width", "height", "usemap", "ismap"},
	"input":      {"type", "checked", "disabled", "name", "value", "readonly", "size", "placeholder"},
	"ins":        {"cite", "datetime"},
	"label":      {"for"},
	"li":         {"value"},
	"map":        {"name"},
	"meter":      {"value", "min", "max", "low", "high", "optimum"},
	"ol":         {"reversed", "start", "type"},
	"option":     {"disabled", "label", "selected", "value"},
	"optgroup":   {"disabled", "label"},
	"output":     {"for", "name"},
	"progress":   {"value", "max"},
	"q":          {"cite"},
	"select":     {"disabled", "multiple", "name", "size"},
	"td":         {"colspan", "rowspan", "headers"},
	"textarea":   {"cols", "rows", "disabled", "name", "readonly", "placeholder", "wrap"},
	"th":         {"colspan", "rowspan", "headers", "scope", "abbr"},
	"time":       {"datetime"},
}

// alignElements take the obsolete align attribute, which is kept as the CSS
// text-align it meant.
var alignElements = setOf("p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
	"td", "th", "tr", "caption", "thead", "tbody", "tfoot")

// rolesToEpubType gives DPUB-ARIA roles their epub:type twin, which e-readers
// use to show notes as pop-ups.
var rolesToEpubType = map[string]string{
	"doc-noteref":   "noteref",
	"doc-endnotes":  "endnotes",
	"doc-footnote":  "footnote",
	"doc-endnote":   "endnote",
	"doc-glossary":  "glossary",
	"doc-pagebreak": "pagebreak",
}

// attrAllowed reports whether an HTML element keeps an attribute.
func attrAllowed(elem, name string) bool {
	if globalAttrs[name] || strings.HasPrefix(name, "aria-") || strings.HasPrefix(name, "data-") {
		return validXMLName(name)
	}
	for _, a := range elementAttrs[elem] {
		if a == name {
			return true
		}
	}
	return false
}

// validXMLName reports whether s is an XML name without a namespace prefix
// (prefixes are only kept for the few attributes checked by name).
func validXMLName(s string) bool {
	if s == "" || strings.Contains(s, ":") && s != "epub:type" && s != "xml:lang" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0 && r != 0xD7 && r != 0xF7
		if i == 0 && !letter {
			return false
		}
		if !letter && r != '-' && r != '.' && !(r >= '0' && r <= '9') && r != 0xB7 {
			return false
		}
	}
	return true
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
