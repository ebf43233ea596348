package build

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"folio/internal/content"
)

// Stats counts the words of every book of the site in fsys, drafts
// included, without rendering anything. Warnings of loading and linking come
// back beside the counts, or with the error (content.WarningsOf) that
// fails it as it fails a build.
func Stats(fsys fs.FS, opts Options) ([]content.BookStats, []*content.Error, error) {
	opts.Drafts = true
	cfg, err := Configure(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	site, err := content.Load(fsys, cfg, content.Options{Drafts: true, Future: true, Now: opts.Present()})
	if err != nil {
		return nil, nil, err
	}
	if err := content.Link(site); err != nil {
		return nil, nil, err // carrying the warnings
	}
	out := make([]content.BookStats, 0, len(site.Books))
	for _, b := range site.Books {
		out = append(out, content.StatsOf(b))
	}
	return out, site.Warnings, nil
}

// WriteStats prints the counts as a table: a row per chapter under a row
// per part (which carries the part's total), then the book's total.
func WriteStats(w io.Writer, books []content.BookStats) error {
	if len(books) == 0 {
		_, err := fmt.Fprintln(w, "no book in content/ (a folder named book/, or a section with type: book)")
		return err
	}
	var b strings.Builder
	for i, bk := range books {
		if i > 0 {
			b.WriteByte('\n')
		}
		total := fmt.Sprintf("Book: %d %s", bk.Chapters, plural(bk.Chapters, "chapter", "chapters"))
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
			note = fmt.Sprintf("%s words in %d %s", thousands(bk.DraftWords), bk.Drafts, plural(bk.Drafts, "draft", "drafts"))
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
