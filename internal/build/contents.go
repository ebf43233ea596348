package build

import (
	"bytes"
	"html/template"
	"strings"

	"folio/internal/content"
)

// contentsPart is what the "contents-part" template receives: one part of a
// book's contents, its chapters listed when Expanded, Current marked.
type contentsPart struct {
	Part     *content.Part
	Current  *content.Chapter
	Expanded bool
}

// sidebars renders each part's block of the chapter sidebar once per book.
// A chapter's sidebar is then those blocks with its own part rendered again
// to mark it, so the template work per chapter is bounded by the size of a
// part rather than of the book.
func (b *builder) sidebars() {
	b.partBlocks = map[*content.Part]template.HTML{}
	for _, book := range b.site.Books {
		for _, part := range book.Parts {
			b.partBlocks[part] = b.contentsPart(contentsPart{Part: part, Expanded: expanded(book, part)})
		}
	}
}

// expanded reports whether a part's chapters are listed in sidebars of
// chapters outside it: always in short books, never in long ones (where a
// part shows its title only), except for the chapters outside any part.
func expanded(book *content.Book, part *content.Part) bool {
	return !book.Folded() || part.Index == nil
}

func (b *builder) contentsPart(d contentsPart) template.HTML {
	var buf bytes.Buffer
	if err := b.tmpl.ExecutePartial(&buf, "contents-part", d); err != nil {
		b.problem(content.Errorf("layouts", 0, "render the book contents: %v", err))
		return ""
	}
	return template.HTML(buf.String())
}

// sidebar is the contents beside chapter c.
func (b *builder) sidebar(c *content.Chapter) template.HTML {
	var s strings.Builder
	for _, part := range c.Book.Parts {
		if part == c.Part {
			s.WriteString(string(b.contentsPart(contentsPart{Part: part, Current: c, Expanded: true})))
			continue
		}
		s.WriteString(string(b.partBlocks[part]))
	}
	return template.HTML(s.String())
}
