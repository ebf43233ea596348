package content

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
