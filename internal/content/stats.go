package content

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// BookStats is the manuscript count of a book: words and reading time per
// chapter, per part and in all, with drafts counted and marked, since an
// author tracks the words written, not only those published.
type BookStats struct {
	Title string
	File  string
	Parts []PartStats
	// Chapters and Words count everything, drafts included; Drafts and
	// DraftWords say how much of that is draft.
	Chapters, Drafts  int
	Words, DraftWords int
	Minutes           int
}

// PartStats is one part of a book, or a run of chapters outside any part
// (Title and File empty).
type PartStats struct {
	Title    string
	File     string
	Chapters []ChapterStats
	Words    int
	Minutes  int
}

// ChapterStats is one chapter's line.
type ChapterStats struct {
	// Number is the chapter's number in a build without drafts: 0 for front
	// and back matter and for drafts, which that build leaves out.
	Number  int
	Title   string
	File    string
	Words   int
	Minutes int
	Draft   bool
}

// StatsOf counts a linked book. Load it with drafts so that they are counted.
func StatsOf(b *Book) BookStats {
	s := BookStats{Title: b.Index.Title, File: b.Index.File}
	n := 0
	for _, part := range b.Parts {
		ps := PartStats{}
		if part.Index != nil {
			ps.Title, ps.File = part.Index.Title, part.Index.File
		}
		for _, c := range part.Chapters {
			p := c.Page
			cs := ChapterStats{Title: p.Title, File: p.File, Words: p.Words, Minutes: p.ReadingMinutes(), Draft: p.Draft}
			if c.Number > 0 && !p.Draft {
				n++
				cs.Number = n
			}
			ps.Chapters = append(ps.Chapters, cs)
			ps.Words += p.Words
			s.Chapters++
			if p.Draft {
				s.Drafts++
				s.DraftWords += p.Words
			}
		}
		ps.Minutes = ReadingMinutes(ps.Words)
		s.Words += ps.Words
		s.Parts = append(s.Parts, ps)
	}
	s.Minutes = ReadingMinutes(s.Words)
	return s
}

// WriteStats prints the counts as a table: a row per chapter under a row
// per part (which carries the part's total), then the book's total.
func WriteStats(w io.Writer, books []BookStats) error {
	if len(books) == 0 {
		_, err := fmt.Fprintln(w, "no book in content/ (a folder named book/, or a section with type: book)")
		return err
	}
	var b strings.Builder
	for i, bk := range books {
		if i > 0 {
			b.WriteByte('\n')
		}
		total := fmt.Sprintf("Book: %d %s", bk.Chapters, pick(bk.Chapters, "chapter", "chapters"))
		width := len(total)
		for _, p := range bk.Parts {
			width = max(width, utf8.RuneCountInString(p.Title))
			for _, c := range p.Chapters {
				width = max(width, 2+utf8.RuneCountInString(c.Title))
			}
		}
		row := func(num, title, words, minutes, note string) {
			line := fmt.Sprintf("%4s  %s%s  %7s  %7s  %s", num, title, strings.Repeat(" ", width-utf8.RuneCountInString(title)), words, minutes, note)
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
		fmt.Fprintf(&b, "%s (%s)\n", bk.Title, strings.TrimSuffix(bk.File, "_index.md"))
		row("#", "Chapter", "Words", "Minutes", "")
		for _, p := range bk.Parts {
			indent := ""
			if p.Title != "" {
				row("", p.Title, thousands(p.Words), fmt.Sprint(p.Minutes), "")
				indent = "  "
			}
			for _, c := range p.Chapters {
				num, note := "", ""
				if c.Number > 0 {
					num = fmt.Sprint(c.Number)
				}
				if c.Draft {
					note = "draft"
				}
				row(num, indent+c.Title, thousands(c.Words), fmt.Sprint(c.Minutes), note)
			}
		}
		note := ""
		if bk.Drafts > 0 {
			note = fmt.Sprintf("%s words in %d %s", thousands(bk.DraftWords), bk.Drafts, pick(bk.Drafts, "draft", "drafts"))
		}
		row("", total, thousands(bk.Words), fmt.Sprint(bk.Minutes), note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// thousands writes 12345 as 12,345, the way word counts are read.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// pick is one or many by n.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
