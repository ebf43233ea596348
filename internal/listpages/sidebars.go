package listpages

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/templates"
	"folio/internal/views"
)

// Sidebars renders the chapter sidebars of one build: the contents of the
// chapter's book beside it, each part's block rendered once per build.
type Sidebars struct {
	Templates *templates.Set
	// NewViewer makes the views of one output; NoteReads keeps what an
	// output read (build.Cache.NoteReads); Problem reports a content error.
	NewViewer func() *views.Viewer
	NoteReads func(out string, reads []views.Read)
	Problem   func(*content.Error)
	// Blocks are each part's block of the sidebars (Render), which only
	// linking changes: a preview's patch build takes over an earlier
	// build's.
	Blocks      map[*content.Part]template.HTML
	itemsByPart sync.Map // *content.Part → *partItems, rendered on first use
	// frames are each part's block as its own chapters' sidebars show
	// it, cut where its items go (frame), when the layouts allow it.
	frames map[*content.Part][]string
}

// contentsPart is what the "contents-part" template receives: one part of a
// book's contents, its chapters listed when Expanded, Current marked. Items
// are the part's chapters rendered by "contents-item", Current's marked.
type contentsPart struct {
	Part     *content.Part
	Current  *content.Chapter
	Expanded bool
	Items    []template.HTML
}

// partItems are a part's chapters rendered as contents items, each plain
// and marked current, once per build: a chapter's sidebar then assembles
// its own part's list from them, where rendering the list again for each
// of its chapters made the sidebar 5% of a build.
type partItems struct {
	once           sync.Once
	plain, current []template.HTML
}

// Render renders each part's block of the chapter sidebar once per book.
// A chapter's sidebar is then those blocks with its own part rendered again
// to mark it, so the template work per chapter is bounded by the size of a
// part rather than of the book.
func (b *Sidebars) Render(site *content.Site) {
	b.Blocks = map[*content.Part]template.HTML{}
	framed := !b.NewViewer().Records() && b.Templates.WritesItemsAsIs("contents-part", []string{"Part", "Expanded"}, "Items")
	b.frames = map[*content.Part][]string{}
	for _, book := range site.Books {
		for _, part := range book.Parts {
			d := contentsPart{Part: part, Expanded: expanded(book, part)}
			if d.Expanded {
				d.Items = b.items(part).plain
			}
			b.Blocks[part] = b.contentsPart(d)
			if framed {
				b.frames[part] = b.frame(part)
			}
		}
	}
}

// frame renders part's block as its own chapters show it (expanded), its
// items placeholders, and cuts it where they are: a chapter's sidebar
// then joins the pieces with the part's items, its own marked, instead
// of rendering the block again. It is used only when "contents-part"
// reads nothing of its data but the part, whether it is expanded and the
// items, each written as it is (templates.Set.WritesItemsAsIs), so that
// the block is the same for every chapter but for the items; nil, for
// rendering the block per chapter, when a placeholder does not come out
// once, in order.
func (b *Sidebars) frame(part *content.Part) []string {
	var marks []template.HTML
	if b.items(part).plain != nil {
		marks = make([]template.HTML, len(part.Chapters))
		for i := range marks {
			marks[i] = template.HTML(fmt.Sprintf("\x00folio-item-%d\x00", i))
		}
	}
	rest := string(b.contentsPart(contentsPart{Part: part, Expanded: true, Items: marks}))
	cut := make([]string, 0, len(marks)+1)
	for _, m := range marks {
		before, after, ok := strings.Cut(rest, string(m))
		if !ok || strings.Contains(after, string(m)) {
			return nil
		}
		cut, rest = append(cut, before), after
	}
	return append(cut, rest)
}

// items renders part's contents items the first time they are asked for.
// A layout that does not define "contents-item" (an override of
// partials/contents.html written before it existed) gets none and lists
// .Part.Chapters itself.
func (b *Sidebars) items(part *content.Part) *partItems {
	v, _ := b.itemsByPart.LoadOrStore(part, &partItems{})
	pi := v.(*partItems)
	pi.once.Do(func() {
		if !b.Templates.HasPartial("contents-item") {
			return
		}
		pi.plain = make([]template.HTML, len(part.Chapters))
		pi.current = make([]template.HTML, len(part.Chapters))
		for i, c := range part.Chapters {
			pi.plain[i] = b.contentsItem(c, false)
			pi.current[i] = b.contentsItem(c, true)
		}
	})
	return pi
}

// expanded reports whether a part's chapters are listed in sidebars of
// chapters outside it: always in short books, never in long ones (where a
// part shows its title only), except for the chapters outside any part.
func expanded(book *content.Book, part *content.Part) bool {
	return !book.Folded() || part.Index == nil
}

// contentsPart renders a part's block of the sidebars. What the blocks
// and items shared by the chapters of a book read is recorded as read by
// every sidebar (SidebarsOut); the block of a chapter's own part is
// rendered with the chapter's page (sidebar), its reads the page's.
func (b *Sidebars) contentsPart(d contentsPart) template.HTML {
	v := b.NewViewer()
	defer func() { b.NoteReads(SidebarsOut, v.Reads()) }()
	return b.contentsPartWith(v, d)
}

func (b *Sidebars) contentsPartWith(v *views.Viewer, d contentsPart) template.HTML {
	return b.renderPartial("contents-part", views.ContentsPart{Part: v.Part(d.Part), Current: v.Chapter(d.Current), Expanded: d.Expanded, Items: d.Items})
}

func (b *Sidebars) contentsItem(c *content.Chapter, current bool) template.HTML {
	v := b.NewViewer()
	defer func() { b.NoteReads(SidebarsOut, v.Reads()) }()
	return b.renderPartial("contents-item", views.ContentsItem{Chapter: v.Chapter(c), Current: current})
}

// renderPartial renders a piece of the chapter sidebars.
func (b *Sidebars) renderPartial(name string, data any) template.HTML {
	var buf bytes.Buffer
	err := b.Templates.ExecutePartial(&buf, name, data)
	if err != nil {
		b.Problem(content.Errorf("layouts", 0, "render the book contents: %v", err))
		return ""
	}
	return template.HTML(buf.String())
}

// Sidebar is the contents beside chapter c, for its page's output, whose
// viewer v reads its own part's block.
func (b *Sidebars) Sidebar(c *content.Chapter, v *views.Viewer) template.HTML {
	var s strings.Builder
	for _, part := range c.Book.Parts {
		if frame := b.frames[part]; part == c.Part && frame != nil && !v.Records() {
			b.joinFrame(&s, frame, c)
			continue
		}
		if part == c.Part {
			d := contentsPart{Part: part, Current: c, Expanded: true}
			if pi := b.items(part); pi.plain != nil {
				d.Items = make([]template.HTML, len(pi.plain))
				for i, pc := range part.Chapters {
					d.Items[i] = pi.plain[i]
					if pc == c {
						d.Items[i] = pi.current[i]
					}
				}
			}
			s.WriteString(string(b.contentsPartWith(v, d)))
			continue
		}
		s.WriteString(string(b.Blocks[part]))
	}
	return template.HTML(s.String())
}

// joinFrame writes the block of c's part, frame joined with the part's
// items, c's marked current.
func (b *Sidebars) joinFrame(s *strings.Builder, frame []string, c *content.Chapter) {
	pi := b.items(c.Part)
	s.WriteString(frame[0])
	for i, pc := range c.Part.Chapters {
		if i+1 >= len(frame) {
			break
		}
		item := pi.plain[i]
		if pc == c {
			item = pi.current[i]
		}
		s.WriteString(string(item))
		s.WriteString(frame[i+1])
	}
}

// SidebarsOut stands for the chapter sidebars' blocks, which a build
// renders once and every chapter of the book shows: what rendering them
// reads is noted as read by it (build.Cache.NoteReads).
const SidebarsOut = "(sidebars)"

// Digest stands for the sidebar of chapter c in its page's data, where
// the sidebar is made only when the page is rendered: the blocks of the
// book's other parts and the items of its own, as this build rendered
// them (build.Builder.SidebarDigest).
func (b *Sidebars) Digest(c *content.Chapter) uint64 {
	f := views.Seeded()
	f.U64(b.Templates.PartialDigest("contents-part"))
	f.U64(b.Templates.PartialDigest("contents-item"))
	for _, part := range c.Book.Parts {
		if part == c.Part {
			pi := b.items(part)
			f.U64(views.Digest([][]template.HTML{pi.plain, pi.current}))
			continue
		}
		f.Str(string(b.Blocks[part]))
	}
	return f.Sum()
}
