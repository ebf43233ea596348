package check

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ref is one URL a file of the output carries.
type ref struct {
	url  string
	what string // "link", "image", "srcset", "stylesheet", "feed entry", ...
	line int    // line in the output file, 1-based
}

// doc is what a file of the output holds for the checker: the URLs it
// refers to and, for HTML, the ids a link can point at.
type doc struct {
	refs []ref
	ids  map[string]bool
	html bool
}

// urlAttrs names the attributes that hold one URL, by element.
var urlAttrs = map[atom.Atom][]string{
	atom.A: {"href"}, atom.Area: {"href"}, atom.Link: {"href"},
	atom.Img: {"src"}, atom.Source: {"src"}, atom.Script: {"src"}, atom.Iframe: {"src"},
	atom.Video: {"src", "poster"}, atom.Audio: {"src"}, atom.Track: {"src"},
	atom.Embed: {"src"}, atom.Object: {"data"}, atom.Input: {"src"},
	atom.Blockquote: {"cite"}, atom.Q: {"cite"}, atom.Ins: {"cite"}, atom.Del: {"cite"},
}

// metaURLs are the meta properties whose content is a URL.
var metaURLs = map[string]bool{"og:url": true, "og:image": true, "og:see_also": true, "twitter:image": true}

// extractHTML reads the URLs and ids of an HTML document, raw HTML of the
// author included: it is all one document by now. It tokenizes rather
// than parses so that each URL keeps the line it is on.
func extractHTML(data []byte) *doc {
	d := &doc{ids: map[string]bool{}, html: true}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return d
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			d.tag(z.Token(), line)
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
}

func (d *doc) tag(t html.Token, line int) {
	attrs := map[string]string{}
	for _, a := range t.Attr {
		if a.Namespace == "" {
			attrs[a.Key] = a.Val
		}
	}
	if id := attrs["id"]; id != "" {
		d.ids[id] = true
	}
	if t.DataAtom == atom.A && attrs["name"] != "" {
		d.ids[attrs["name"]] = true
	}
	what := kindOf(t.DataAtom, attrs)
	if what == "" {
		return
	}
	for _, key := range urlAttrs[t.DataAtom] {
		if v, ok := attrs[key]; ok {
			d.refs = append(d.refs, ref{url: v, what: what, line: line})
		}
	}
	if v, ok := attrs["srcset"]; ok && (t.DataAtom == atom.Img || t.DataAtom == atom.Source) {
		for _, u := range srcsetURLs(v) {
			d.refs = append(d.refs, ref{url: u, what: "srcset", line: line})
		}
	}
	if t.DataAtom == atom.Meta {
		if metaURLs[attrs["property"]] || metaURLs[attrs["name"]] {
			d.refs = append(d.refs, ref{url: attrs["content"], what: "share card", line: line})
		}
		if strings.EqualFold(attrs["http-equiv"], "refresh") {
			if u := refreshURL(attrs["content"]); u != "" {
				d.refs = append(d.refs, ref{url: u, what: "redirect", line: line})
			}
		}
	}
}

// kindOf names what an element's URL is for, or "" for elements whose URLs
// lead nowhere a reader goes (preconnect hints and the like).
func kindOf(a atom.Atom, attrs map[string]string) string {
	switch a {
	case atom.Img, atom.Source, atom.Video, atom.Audio, atom.Track, atom.Embed, atom.Object, atom.Input:
		return "image"
	case atom.Script:
		return "script"
	case atom.Iframe:
		return "frame"
	case atom.Meta:
		return "meta"
	case atom.Link:
		rel := " " + strings.ToLower(attrs["rel"]) + " "
		switch {
		case strings.Contains(rel, " stylesheet "):
			return "stylesheet"
		case strings.Contains(rel, " preconnect "), strings.Contains(rel, " dns-prefetch "):
			return ""
		case strings.Contains(rel, " alternate "):
			return "feed"
		case strings.Contains(rel, " canonical "):
			return "canonical"
		}
		return "link"
	}
	return "link"
}

// srcsetURLs splits a srcset into its URLs: candidates are separated by
// commas, each a URL and an optional descriptor ("a.jpg 480w").
func srcsetURLs(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// refreshURL is the target of <meta http-equiv="refresh" content="0; url=...">.
func refreshURL(content string) string {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 4 && strings.EqualFold(rest[:4], "url=") {
		rest = rest[4:]
	}
	return strings.Trim(rest, `'" `)
}

// extractXML reads the URLs of a feed (Atom or RSS: links, and the links
// and images of each entry's HTML) or a sitemap (loc).
func extractXML(data []byte) *doc {
	d := &doc{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var stack []string
	var htmlText bool
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return d
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			htmlText = false
			for _, a := range t.Attr {
				switch {
				case a.Name.Local == "href" && t.Name.Local == "link":
					d.refs = append(d.refs, ref{url: a.Value, what: "feed link", line: line})
				case a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml"):
					htmlText = true
				}
			}
			if t.Name.Local == "description" || t.Name.Local == "encoded" {
				htmlText = true // RSS carries HTML without saying so
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			htmlText = false
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch top := stack[len(stack)-1]; {
			case top == "loc":
				d.refs = append(d.refs, ref{url: strings.TrimSpace(string(t)), what: "sitemap entry", line: line})
			case top == "link" && len(stack) > 1 && stack[len(stack)-2] == "item", top == "icon", top == "logo":
				d.refs = append(d.refs, ref{url: strings.TrimSpace(string(t)), what: "feed link", line: line})
			case htmlText:
				for _, r := range extractHTML(t).refs {
					r.what, r.line = "feed entry "+r.what, line
					d.refs = append(d.refs, r)
				}
			}
		}
	}
}

// extractRobots reads the Sitemap lines of robots.txt.
func extractRobots(data []byte) *doc {
	d := &doc{}
	for i, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
			d.refs = append(d.refs, ref{url: strings.TrimSpace(v), what: "sitemap", line: i + 1})
		}
	}
	return d
}
