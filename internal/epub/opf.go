package epub

import (
	"fmt"
	"strings"
)

const (
	xhtmlType   = "application/xhtml+xml"
	modifiedFmt = "2006-01-02T15:04:05Z"
	coverID     = "cover-image"
)

// manifestItem is one entry of the package manifest.
type manifestItem struct {
	ID, Href, MediaType, Properties string
}

// packageDocument writes package.opf: metadata, the manifest of every file
// in the package and the spine in reading order.
func packageDocument(b *Book, items []manifestItem, a Accessibility) []byte {
	var w xmlWriter
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.start("package", []attr{
		{"xmlns", "http://www.idpf.org/2007/opf"}, {"version", "3.0"},
		{"unique-identifier", "book-id"}, {"xml:lang", b.Language},
	}, false)
	w.raw("\n  ")
	w.start("metadata", []attr{{"xmlns:dc", "http://purl.org/dc/elements/1.1/"}}, false)
	metadata(&w, b, a)
	w.raw("\n  ")
	w.end("metadata")
	w.raw("\n  <manifest>")
	for _, it := range items {
		attrs := []attr{{"id", it.ID}, {"href", it.Href}, {"media-type", it.MediaType}}
		if it.Properties != "" {
			attrs = append(attrs, attr{"properties", it.Properties})
		}
		w.raw("\n    ")
		w.start("item", attrs, true)
	}
	w.raw("\n  </manifest>\n  <spine>")
	for i, c := range b.Chapters {
		attrs := []attr{{"idref", chapterID(i)}}
		if !c.Linear {
			attrs = append(attrs, attr{"linear", "no"})
		}
		w.raw("\n    ")
		w.start("itemref", attrs, true)
	}
	w.raw("\n  </spine>\n</package>\n")
	return w.buf.Bytes()
}

// metadata writes the Dublin Core, dcterms:modified and accessibility
// metadata. Optional fields are omitted when empty: an empty dc:date is an
// epubcheck error.
func metadata(w *xmlWriter, b *Book, a Accessibility) {
	meta := func(name string, attrs []attr, text string) {
		w.raw("\n    ")
		w.element(name, attrs, text)
	}
	meta("dc:identifier", []attr{{"id", "book-id"}}, b.Identifier)
	meta("dc:title", []attr{{"id", "title"}}, b.Title)
	if b.Subtitle != "" {
		meta("meta", []attr{{"refines", "#title"}, {"property", "title-type"}}, "main")
		meta("dc:title", []attr{{"id", "subtitle"}}, b.Subtitle)
		meta("meta", []attr{{"refines", "#subtitle"}, {"property", "title-type"}}, "subtitle")
	}
	for i, c := range b.Creators {
		meta("dc:creator", []attr{{"id", fmt.Sprintf("creator-%d", i+1)}}, c)
	}
	meta("dc:language", nil, b.Language)
	for _, opt := range []struct{ name, value string }{
		{"dc:date", b.Date}, {"dc:description", b.Description},
		{"dc:publisher", b.Publisher}, {"dc:rights", b.Rights},
	} {
		if strings.TrimSpace(opt.value) != "" {
			meta(opt.name, nil, opt.value)
		}
	}
	meta("meta", []attr{{"property", "dcterms:modified"}}, b.Modified.UTC().Format(modifiedFmt))
	if a.ConformsTo != "" {
		meta("meta", []attr{{"property", "dcterms:conformsTo"}}, a.ConformsTo)
	}
	for _, p := range []struct {
		property string
		values   []string
	}{
		{"schema:accessMode", a.AccessModes}, {"schema:accessModeSufficient", a.AccessModeSufficient},
		{"schema:accessibilityFeature", a.Features}, {"schema:accessibilityHazard", a.Hazards},
		{"schema:accessibilitySummary", []string{a.Summary}},
	} {
		for _, v := range p.values {
			meta("meta", []attr{{"property", p.property}}, v)
		}
	}
	if b.Cover != nil {
		// EPUB 2 readers (older Kindles and Kobos) find the cover only this way.
		w.raw("\n    ")
		w.start("meta", []attr{{"name", "cover"}, {"content", coverID}}, true)
	}
}

// accessibility fills the zero fields of the book's accessibility metadata
// from what the book contains, so the claims stay true: "visual" only when
// there are images, "alternativeText" only when every image has an alt.
func accessibility(b *Book, images, imagesMissingAlt int) Accessibility {
	a := b.Accessibility
	hasImages := images > 0 || b.Cover != nil
	if len(a.AccessModes) == 0 {
		a.AccessModes = []string{"textual"}
		if hasImages {
			a.AccessModes = append(a.AccessModes, "visual")
		}
	}
	if len(a.AccessModeSufficient) == 0 {
		a.AccessModeSufficient = []string{"textual"}
	}
	altText := images > 0 && imagesMissingAlt == 0
	if len(a.Features) == 0 {
		a.Features = []string{"structuralNavigation", "tableOfContents", "readingOrder"}
		if altText {
			a.Features = append(a.Features, "alternativeText")
		}
	}
	if len(a.Hazards) == 0 {
		a.Hazards = []string{"none"}
	}
	if a.ConformsTo == "" && imagesMissingAlt == 0 {
		a.ConformsTo = ConformanceAA
	}
	if a.Summary == "" {
		a.Summary = "The text is organised with headings and a table of contents, and follows a single reading order."
		if altText {
			a.Summary += " Images have text alternatives."
		}
	}
	return a
}

func chapterID(i int) string { return fmt.Sprintf("chapter-%d", i+1) }
