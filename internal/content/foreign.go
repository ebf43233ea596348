package content

import (
	"fmt"
	"strings"

	"folio/internal/frontmatter"
)

// warnForeignKeys warns about each key of another generator in the pages'
// front matter, naming the folio key, the file and the line. A migrated
// site has the same key in many pages: each key is one warning, at its
// first page, counting and naming the others, rather than a line a page.
func warnForeignKeys(site *Site, pages []*Page) {
	type use struct {
		file string
		line int
	}
	var order []string
	uses := map[string][]use{} // by message
	for _, p := range pages {
		if p == nil {
			continue
		}
		for _, k := range frontmatter.ForeignKeys(&p.FrontMatter) {
			msg := frontmatter.ForeignKeyMessage(&p.FrontMatter, k)
			if _, seen := uses[msg]; !seen {
				order = append(order, msg)
			}
			uses[msg] = append(uses[msg], use{p.File, p.Line(k)})
		}
	}
	for _, msg := range order {
		at := uses[msg]
		var others []string
		for _, u := range at[1:min(len(at), 3)] {
			others = append(others, fmt.Sprintf("%s:%d", u.file, u.line))
		}
		switch n := len(at) - 1; {
		case n == 1:
			msg += " (the same in " + others[0] + ")"
		case n > 1:
			msg += fmt.Sprintf(" (the same in %d other pages: %s, ...)", n, strings.Join(others, ", "))
		}
		site.Warnings.Add(at[0].file, at[0].line, "%s", msg)
	}
}
