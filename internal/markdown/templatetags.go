package markdown

import (
	"bytes"
	"fmt"
	"sort"

	"folio/internal/foreigncode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A migrated Jekyll, Hugo or mdBook site carries template code in its
// Markdown, which folio runs none of (package foreigncode knows each kind
// and what to write instead). Each kind outside code is a warning on the
// line of its first use in the page, with how many more the page has, so
// that nothing the author meant as code reaches readers without a word.

// templateUse is one kind of template code in a page.
type templateUse struct {
	line, count int
	message     string
}

// findTemplateTags looks for template code in the text of a paragraph,
// heading or tight list item, leaving out code spans.
func (s *state) findTemplateTags(block ast.Node, src []byte) {
	lines := block.Lines()
	if !hasTemplateOpener(lines, src) {
		return
	}
	var joined []byte
	var starts []int // the source offset of each byte run of text, in pairs: joined index, source offset
	for i := range lines.Len() {
		seg := lines.At(i)
		starts = append(starts, len(joined), seg.Start)
		joined = append(joined, seg.Value(src)...)
	}
	written := bytes.Clone(joined) // as written, for messages
	maskCodeSpans(block, joined, starts)
	for _, u := range foreigncode.Find(joined, written) {
		s.templateUse(u.Kind, u.Message, sourceOffset(starts, u.Start))
	}
}

// templateUse counts one use of a kind of template code at offset.
func (s *state) templateUse(key, msg string, offset int) {
	if key == "" {
		return
	}
	if s.templates == nil {
		s.templates = map[string]*templateUse{}
	}
	if u := s.templates[key]; u != nil {
		u.count++
		return
	}
	s.templates[key] = &templateUse{line: s.lines.line(offset), count: 1, message: msg}
}

// findIncludes looks for mdBook's includes in a code block, where mdBook
// puts a file's lines in place of the directive: folio shows the
// directive instead, and the code is missing.
func (s *state) findIncludes(block ast.Node, src []byte) {
	lines := block.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if u, ok := foreigncode.Include(seg.Value(src)); ok {
			s.templateUse(u.Kind, u.Message, seg.Start)
		}
	}
}

// hasTemplateOpener reports whether a line holds {{, {% or ::: (a Pandoc
// fenced div), looking at the source in place: most paragraphs have none,
// and cost nothing more.
func hasTemplateOpener(lines *text.Segments, src []byte) bool {
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		if bytes.Contains(v, []byte("{{")) || bytes.Contains(v, []byte("{%")) || bytes.Contains(v, []byte(":::")) {
			return true
		}
	}
	return false
}

// maskCodeSpans blanks the code spans of block in joined, whose runs start
// at the source offsets starts holds: template code there is shown as code
// on purpose.
func maskCodeSpans(block ast.Node, joined []byte, starts []int) {
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindCodeSpan {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				continue
			}
			for off := t.Segment.Start; off < t.Segment.Stop; off++ {
				if i := textIndex(starts, off); i >= 0 && i < len(joined) {
					joined[i] = ' '
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// sourceOffset maps an index of the joined text to its source offset.
func sourceOffset(starts []int, i int) int {
	k := 0
	for j := 0; j < len(starts); j += 2 {
		if starts[j] <= i {
			k = j
		}
	}
	return starts[k+1] + i - starts[k]
}

// textIndex maps a source offset to its index in the joined text, or -1.
func textIndex(starts []int, off int) int {
	for j := len(starts) - 2; j >= 0; j -= 2 {
		if starts[j+1] <= off {
			return starts[j] + off - starts[j+1]
		}
	}
	return -1
}

// warnTemplateTags warns once for each kind of template code in the page.
func (s *state) warnTemplateTags() {
	uses := make([]*templateUse, 0, len(s.templates))
	for _, u := range s.templates {
		uses = append(uses, u)
	}
	sort.Slice(uses, func(i, j int) bool {
		if uses[i].line != uses[j].line {
			return uses[i].line < uses[j].line
		}
		return uses[i].message < uses[j].message
	})
	for _, u := range uses {
		msg := u.message
		if u.count > 1 {
			msg += fmt.Sprintf(" (and %d more like it in this page)", u.count-1)
		}
		s.warn(u.line, msg)
	}
}
