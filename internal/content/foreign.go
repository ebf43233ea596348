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

// warnRedirects warns about a page with a title whose front matter also
// redirects it (a Zola section's redirect_to = "documentation/content/
// overview", sending readers to its first page): folio shows the page
// and redirects nothing, which the author should hear. A page that only
// redirects is an error (redirectStub).
func warnRedirects(site *Site, pages []*Page) {
	for _, p := range pages {
		if p == nil {
			continue
		}
		if to, line := redirectOf(p.FrontMatter); to != "" && strings.HasPrefix(to, "/") {
			site.Warnings.Add(p.File, line, "redirects to %s, which folio does not do for a page with a title: it shows this page; to send its readers to %s, remove this file and list its address under aliases: of the page there", to, to)
		} else if to != "" {
			site.Warnings.Add(p.File, line, "redirects to %s, which folio does not do for a page with a title: it shows this page; to send its readers there, remove this file and set up the redirect at your host", to)
		}
	}
}
