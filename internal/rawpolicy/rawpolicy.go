// Package rawpolicy owns the default raw-HTML policy of Markdown pages: an
// allowlist, kept by bluemonday, of the harmless HTML authors write in
// Markdown, and the words that tell an author what it removed. bluemonday
// decides which elements and attributes survive; package markdown keeps
// the author's values of what survives (bluemonday would re-encode URLs)
// and warns with Removal's message on the tag's line.
package rawpolicy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"folio/internal/srcset"
)

// keptElements are the elements of raw HTML the default policy keeps.
var keptElements = []string{
	"a", "abbr", "address", "article", "aside", "b", "bdi", "bdo",
	"blockquote", "br", "caption", "cite", "code", "col", "colgroup", "data",
	"dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
	"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
	"hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p",
	"picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
	"small", "source", "span", "strong", "sub", "summary", "sup", "table",
	"tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
	"wbr",
}

// keptAttrs are the attributes kept on particular elements; id, class,
// title, lang, dir, role, aria-* and data-* are kept on every element.
var keptAttrs = map[string][]string{
	"a":          {"href", "name", "rel", "target", "hreflang", "type"},
	"img":        {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "align"},
	"source":     {"srcset", "sizes", "media", "type", "width", "height"},
	"td":         {"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign"},
	"th":         {"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign"},
	"tr":         {"align", "valign"},
	"col":        {"span", "align"},
	"colgroup":   {"span", "align"},
	"table":      {"border"},
	"ol":         {"start", "reversed", "type"},
	"ul":         {"type"},
	"li":         {"value"},
	"details":    {"open"},
	"blockquote": {"cite"},
	"q":          {"cite"},
	"del":        {"cite", "datetime"},
	"ins":        {"cite", "datetime"},
	"time":       {"datetime"},
	"data":       {"value"},
	"p":          {"align"},
	"div":        {"align"},
	"h1":         {"align"}, "h2": {"align"}, "h3": {"align"}, "h4": {"align"}, "h5": {"align"}, "h6": {"align"},
}

var globalAttrs = []string{"id", "class", "title", "lang", "dir", "role",
	"aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-details"}

// skippedContent are the elements whose content goes with them when the
// policy removes them: it is code or a fallback, never text to read.
var skippedContent = map[string]bool{"script": true, "style": true, "iframe": true,
	"object": true, "noscript": true, "noembed": true, "noframes": true, "template": true,
	"title": true, "textarea": true, "select": true, "svg": true, "math": true}

// SkipsContent reports whether the content of elem goes with it when the
// policy removes it.
func SkipsContent(elem string) bool { return skippedContent[elem] }

// Policy is the default policy. It is safe for concurrent use once built,
// as bluemonday's policies are.
type Policy struct {
	bm   *bluemonday.Policy
	kept map[string]bool
}

var scheme = regexp.MustCompile(`^(?i)(https?|mailto|tel|ftp)$`)

// New builds the policy.
func New() *Policy {
	bm := bluemonday.NewPolicy()
	bm.RequireParseableURLs(true)
	bm.AllowRelativeURLs(true)
	bm.AllowURLSchemesMatching(scheme)
	bm.AllowDataURIImages()
	bm.AllowDataAttributes()
	bm.AllowElements(keptElements...)
	bm.AllowNoAttrs().OnElements(keptElements...)
	bm.AllowAttrs(globalAttrs...).Globally()
	for el, attrs := range keptAttrs {
		bm.AllowAttrs(attrs...).OnElements(el)
	}
	kept := map[string]bool{}
	for _, el := range keptElements {
		kept[el] = true
	}
	return &Policy{bm: bm, kept: kept}
}

// Keeps reports whether the policy keeps elements named elem.
func (p *Policy) Keeps(elem string) bool { return p.kept[elem] }

// Filter applies the policy to a start tag: ok is false when the element
// goes; otherwise the attributes it drops are removed from t and named in
// dropped.
func (p *Policy) Filter(t *html.Token) (dropped []string, ok bool) {
	if !p.kept[t.Data] {
		return nil, false
	}
	if len(t.Attr) == 0 {
		return nil, true
	}
	out := p.bm.Sanitize(t.String())
	z := html.NewTokenizer(strings.NewReader(out))
	z.Next()
	survivors := map[string]bool{}
	for _, a := range z.Token().Attr {
		survivors[a.Key] = true
	}
	var keptAttrs []html.Attribute
	for _, a := range t.Attr {
		if survivors[a.Key] && (a.Key != "srcset" || p.srcsetAllowed(a.Val)) {
			keptAttrs = append(keptAttrs, a)
			continue
		}
		dropped = append(dropped, a.Key)
	}
	t.Attr = keptAttrs
	return dropped, true
}

// srcsetAllowed holds each candidate of a srcset, which bluemonday does not
// look into, to the policy for an image's src.
func (p *Policy) srcsetAllowed(v string) bool {
	for _, c := range srcset.Parse(v) {
		probe := html.Token{Type: html.StartTagToken, Data: "img", Attr: []html.Attribute{{Key: "src", Val: c.URL}}}
		if !strings.Contains(p.bm.Sanitize(probe.String()), "src=") {
			return false
		}
	}
	return true
}

// notHTML reports whether name is no element of HTML, old or new, nor a
// custom element (which has a hyphen): the author of "handling of <nil>
// params" meant the text, not a tag.
func notHTML(name string) bool {
	return atom.Lookup([]byte(name)) == 0 && !strings.Contains(name, "-")
}

// Removal explains what the policy removed from a start tag: the element
// (elementGone) or the attributes named in dropped.
func Removal(t *html.Token, dropped []string, elementGone bool) string {
	const fix = "set unsafe_html: true in folio.yaml to keep all raw HTML"
	if elementGone && notHTML(t.Data) {
		return fmt.Sprintf("raw HTML <%s> removed (its text stays): %s is not an HTML element; to show <%s> as text, write it in backticks (`<%s>`) or as &lt;%s&gt;", t.Data, t.Data, t.Data, t.Data, t.Data)
	}
	if elementGone {
		what := "its text stays"
		if skippedContent[t.Data] {
			what = "its content goes with it"
		}
		return fmt.Sprintf("raw HTML <%s> removed (%s): folio keeps only harmless HTML, no scripts, iframes, forms, embedded objects or unknown elements; %s", t.Data, what, fix)
	}
	slices.Sort(dropped)
	var why []string
	for _, d := range dropped {
		switch {
		case d == "style":
			why = append(why, "style (use a class and CSS)")
		case strings.HasPrefix(d, "on"):
			why = append(why, d+" (no scripts)")
		case d == "href" || d == "src" || d == "srcset":
			why = append(why, d+" (its URL is not http, https, mailto, tel, an image data: URL or a relative path)")
		default:
			why = append(why, d)
		}
	}
	s := "s"
	if len(dropped) == 1 {
		s = ""
	}
	return fmt.Sprintf("raw HTML <%s>: attribute%s %s removed; %s", t.Data, s, strings.Join(why, ", "), fix)
}
