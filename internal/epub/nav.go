package epub

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// xhtmlDocument wraps body content in a complete XHTML content document
// with the book's language and the stylesheet. The content is trusted to be
// well-formed: it comes from the serializer or from the nav writer.
func xhtmlDocument(lang, title string, body []byte, epubTypes bool) []byte {
	return appendXHTMLDocument(nil, lang, title, body, epubTypes)
}

// appendXHTMLDocument is xhtmlDocument written after what dst holds (a
// recycled buffer, grown if need be).
func appendXHTMLDocument(dst []byte, lang, title string, body []byte, epubTypes bool) []byte {
	w := xmlWriter{buf: *bytes.NewBuffer(dst)}
	w.buf.Grow(len(body) + len(title) + 512)
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n")
	attrs := []attr{{"xmlns", xhtmlNS}, {"xml:lang", lang}, {"lang", lang}}
	if epubTypes {
		// Declared only when used: an unused namespace is in epubcheck's
		// usage report (HTM-044).
		attrs = slices.Insert(attrs, 1, attr{"xmlns:epub", epubNS})
	}
	w.start("html", attrs, false)
	w.raw("\n<head>\n")
	w.start("meta", []attr{{"charset", "UTF-8"}}, true)
	w.raw("\n")
	w.element("title", nil, title)
	w.raw("\n")
	w.start("link", []attr{{"rel", "stylesheet"}, {"type", "text/css"}, {"href", stylesheetFile}}, true)
	w.raw("\n</head>\n<body>\n")
	w.buf.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		w.raw("\n")
	}
	w.raw("</body>\n</html>\n")
	return w.buf.Bytes()
}

// navDocument writes nav.xhtml: the contents tree as nested lists and the
// landmarks that let a reader jump to the contents or the start of the text.
func navDocument(b *Book, nav []NavItem) []byte {
	title := tocTitle(b)
	var w xmlWriter
	w.start("nav", []attr{{"epub:type", "toc"}, {"id", "toc"}, {"role", "doc-toc"}}, false)
	w.raw("\n")
	w.element("h1", nil, title)
	navList(&w, nav, 0)
	w.raw("\n</nav>\n")
	w.start("nav", []attr{{"epub:type", "landmarks"}, {"id", "landmarks"}, {"hidden", "hidden"}}, false)
	// No "toc" landmark: the navigation document is not in the spine, and
	// epubcheck rejects hyperlinks to documents outside it.
	w.raw("\n<h2>Landmarks</h2>\n<ol>\n<li>")
	first := startChapter(b)
	w.element("a", []attr{{"epub:type", "bodymatter"}, {"href", first.FileName}}, first.Title)
	w.raw("</li>\n</ol>\n</nav>\n")
	return xhtmlDocument(b.Language, title, w.buf.Bytes(), true)
}

func navList(w *xmlWriter, items []NavItem, depth int) {
	indent := "\n" + strings.Repeat("  ", depth)
	w.raw(indent + "<ol>")
	for _, it := range items {
		w.raw(indent + "  <li>")
		if it.Href != "" {
			w.element("a", []attr{{"href", it.Href}}, it.Title)
		} else {
			w.element("span", nil, it.Title)
		}
		if len(it.Children) > 0 {
			navList(w, it.Children, depth+2)
			w.raw(indent + "  ")
		}
		w.raw("</li>")
	}
	w.raw(indent + "</ol>")
}

func tocTitle(b *Book) string {
	if strings.TrimSpace(b.TOCTitle) != "" {
		return b.TOCTitle
	}
	return "Contents"
}

// startChapter returns the chapter named by Start, else the first in the
// default reading order. validate guarantees there is one.
func startChapter(b *Book) Chapter {
	for _, c := range b.Chapters {
		if b.Start == "" && c.Linear || c.FileName == b.Start {
			return c
		}
	}
	panic("epub: no start chapter after validation")
}

// defaultNav lists every linear chapter when the caller gives no tree.
func defaultNav(chapters []Chapter) []NavItem {
	var nav []NavItem
	for _, c := range chapters {
		if c.Linear {
			nav = append(nav, NavItem{Title: c.Title, Href: c.FileName})
		}
	}
	return nav
}

// checkNav reports nav items that would make an invalid navigation
// document: empty titles, empty parts and hrefs that do not resolve.
func checkNav(items []NavItem, resolve func(href string) error) []error {
	var errs []error
	for _, it := range items {
		switch {
		case strings.TrimSpace(it.Title) == "":
			errs = append(errs, fmt.Errorf("contents entry %q has no title", it.Href))
		case it.Href == "" && len(it.Children) == 0:
			errs = append(errs, fmt.Errorf("contents entry %q has neither a link nor children", it.Title))
		}
		if it.Href != "" {
			if err := resolve(it.Href); err != nil {
				errs = append(errs, fmt.Errorf("contents entry %q: %w", it.Title, err))
			}
		}
		errs = append(errs, checkNav(it.Children, resolve)...)
	}
	return errs
}

// errNoLinear is reported when no chapter is in the reading order.
var errNoLinear = errors.New("no chapter is in the reading order; set Linear on the chapters readers page through")
