package feeds

import (
	"sort"
	"strings"
)

// RedirectsFile lists every alias for the hosts that read one (Netlify,
// Cloudflare Pages): "old new 301" a line.
const RedirectsFile = "_redirects"

// Redirect is one alias: from an old address to a page's, both as the
// output carries them (siteurl.Base.Path).
type Redirect struct{ From, To string }

// Redirects is the _redirects file of the aliases, sorted by old address.
func Redirects(all []Redirect) []byte {
	all = append([]Redirect(nil), all...)
	sort.Slice(all, func(i, j int) bool { return all[i].From < all[j].From })
	var sb strings.Builder
	sb.WriteString("# Written by folio from the aliases of pages: old address, new address, status.\n")
	for _, r := range all {
		sb.WriteString(r.From + " " + r.To + " 301\n")
	}
	return []byte(sb.String())
}
