package build

import (
	"sort"
	"strings"

	"folio/internal/content"
)

// RedirectsFile lists every alias for the hosts that read one (Netlify,
// Cloudflare Pages): "old new 301" a line.
const RedirectsFile = "_redirects"

// renderAliases writes a redirect page at each old address a page lists
// under aliases: (layout alias: a meta refresh, a canonical link and a
// visible link, for any host), and _redirects with them all, for the
// hosts that answer with a real 301. content.Link has refused aliases
// that are a page's address or that two pages claim.
func (b *builder) renderAliases() {
	type redirect struct{ from, to string }
	var all []redirect
	for _, p := range b.site.Pages {
		for _, alias := range p.Aliases {
			d := b.newData("alias", p.Title, p.URL)
			d.Page, d.NoIndex = p, true
			b.renderData("alias", content.AliasFile(alias), p.File, d)
			b.generated.Add(1)
			all = append(all, redirect{b.urls.Path(alias), b.urls.Path(p.URL)})
		}
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].from < all[j].from })
	var sb strings.Builder
	sb.WriteString("# Written by folio from the aliases of pages: old address, new address, status.\n")
	for _, r := range all {
		sb.WriteString(r.from + " " + r.to + " 301\n")
	}
	b.write(RedirectsFile, "aliases", []byte(sb.String()))
	b.generated.Add(1)
}
