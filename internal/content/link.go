package content

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"folio/internal/config"
)

// KindSeries is the kind of content/series/<slug>.md, the description page of
// a blog series.
const KindSeries Kind = "series"

// SeriesDir holds the optional description pages of blog series.
const SeriesDir = "series"

// Link gives every page its kind and URL, builds the books and blogs, and
// reports URL collisions. It does no I/O.
func Link(site *Site) error {
	var probs Problems
	types := sectionTypes(site)
	dropSectionBundles(site, types, &probs)
	site.byURL = make(map[string]*Page, len(site.Pages))
	for _, p := range site.Pages {
		p.Kind = kindOf(p, types)
		p.URL, p.OutPath = urlOf(p)
		if site.byURL[p.URL] == nil {
			site.byURL[p.URL] = p // the first of pages that collide, which checkCollisions reports
		}
	}
	for _, dir := range sortedDirs(types, "book") {
		site.Books = append(site.Books, linkBook(site, dir, &probs))
	}
	for _, dir := range sortedDirs(types, "blog") {
		site.Blogs = append(site.Blogs, linkBlog(site, dir, &probs))
	}
	linkMenu(site)
	linkSeries(site, &probs)
	linkTags(site, &probs)
	checkURLNames(site, &probs)
	checkCollisions(site, &probs)
	return WithWarnings(probs.Err(), site.Warnings)
}

// dropSectionBundles reports an index.md at the top of a book or blog
// folder (content/blog/index.md, which Go's website keeps), and leaves it
// out: it would be a post or chapter at the section's own address. The
// section's page is its _index.md.
func dropSectionBundles(site *Site, types map[string]string, probs *Problems) {
	kept := site.Pages[:0]
	for _, p := range site.Pages {
		if t := types[p.Dir()]; t != "" && p.IsBundle() {
			probs.Add(p.File, 0, "is the page of the %s folder %s/ itself, which folio reads from _index.md (with an underscore, as Hugo does): rename it to _index.md", t, ContentDir+"/"+p.Dir())
			delete(site.byPath, p.Path)
			continue
		}
		kept = append(kept, p)
	}
	site.Pages = kept
}

// sectionTypes maps each typed section folder to "book" or "blog". A folder
// named book or blog is typed by its name unless its _index.md says
// otherwise; folders inside a typed section belong to it and are not typed
// again.
func sectionTypes(site *Site) map[string]string {
	types := map[string]string{}
	dirs := map[string]bool{}
	for _, p := range site.Pages {
		for d := dirOf(p.Place()); d != ""; d = dirOf(d) {
			dirs[d] = true
		}
	}
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted) // parents before children
	for _, d := range sorted {
		if typedAncestor(d, types) {
			continue
		}
		t := ""
		if idx := site.byPath[path.Join(d, "_index.md")]; idx != nil && idx.Type != "" {
			t = idx.Type
		} else if b := path.Base(d); b == "book" || b == "blog" {
			t = b
		}
		if t != "" {
			types[d] = t
		}
	}
	return types
}

func typedAncestor(d string, types map[string]string) bool {
	for a := dirOf(d); a != ""; a = dirOf(a) {
		if types[a] != "" {
			return true
		}
	}
	return false
}

func sortedDirs(types map[string]string, want string) []string {
	var out []string
	for d, t := range types {
		if t == want {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// sectionOf returns the typed section folder a page belongs to and its type.
func sectionOf(p *Page, types map[string]string) (string, string) {
	for d := p.Dir(); d != ""; d = dirOf(d) {
		if t := types[d]; t != "" {
			return d, t
		}
	}
	return "", ""
}

func kindOf(p *Page, types map[string]string) Kind {
	dir, typ := sectionOf(p, types)
	switch {
	case p.Path == "_index.md":
		return KindHome
	case typ == "book" && p.IsIndex() && p.Dir() == dir:
		return KindBook
	case typ == "book" && p.IsIndex():
		return KindPart
	case typ == "book":
		return KindChapter
	case typ == "blog" && p.IsIndex() && p.Dir() == dir:
		return KindBlog
	case typ == "blog":
		return KindPost
	case dirOf(p.Place()) == SeriesDir && !p.IsIndex():
		return KindSeries
	case p.IsIndex():
		return KindSection
	}
	return KindPage
}

// urlOf maps content/a/b.md to /a/b/ (written to a/b/index.html), a
// bundle's a/b/index.md likewise, and a section's _index.md to the
// section's folder.
func urlOf(p *Page) (string, string) {
	dir := dirOf(p.Place())
	var segs string
	if p.IsIndex() {
		segs = dir
	} else {
		name := p.placeName()
		if p.Slug != "" {
			name = p.Slug
		}
		segs = path.Join(dir, name)
	}
	if segs == "" {
		return "/", "index.html"
	}
	return "/" + segs + "/", segs + "/index.html"
}

func linkMenu(site *Site) {
	site.Menu = nil
	for _, p := range site.Pages {
		if p.Kind == KindPage && dirOf(p.Place()) == "" {
			site.Menu = append(site.Menu, p)
		}
	}
	sort.SliceStable(site.Menu, func(i, j int) bool {
		a, b := site.Menu[i], site.Menu[j]
		if a.HasOrder != b.HasOrder {
			return a.HasOrder
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.Title < b.Title
	})
}

func checkCollisions(site *Site, probs *Problems) {
	seen := map[string]*Page{}
	for _, p := range site.Pages {
		if q := seen[p.OutPath]; q != nil {
			probs.Add(p.File, p.Line("slug"), "has the same URL %s as %s; rename one of them or give one a different slug", p.URL, q.File)
			continue
		}
		seen[p.OutPath] = p
	}
	for _, a := range site.Assets {
		if q := seen[a.Path]; q != nil {
			probs.Add(a.File, 0, "is written to the same file as %s; rename one of them", q.File)
		}
	}
	addPermalinks(site, seen)
	checkAliases(site, seen, probs)
}

// addPermalinks makes the address a page's permalink: (Jekyll, Eleventy)
// or url: (Hugo) gave it an alias of the page, so that a migrated site's
// old addresses redirect to where folio puts the page; one that is the
// page's own address, or listed under aliases: already, adds nothing.
//
// With post_aliases in folio.yaml, each post gets the address that pattern
// gave it too (a Jekyll blog's /:year/:month/:day/:title.html).
func addPermalinks(site *Site, pages map[string]*Page) {
	add := func(p *Page, alias string) {
		if pages[AliasFile(alias)] != p && !slices.Contains(p.Aliases, alias) {
			p.Aliases = append(slices.Clone(p.Aliases), alias)
		}
	}
	for _, p := range site.Pages {
		if p.Permalink != "" {
			add(p, p.Permalink)
		}
		if pattern := site.Config.PostAliases; pattern != "" && p.Kind == KindPost {
			title := p.placeName()
			if _, rest, ok := datedName(title); ok {
				title = rest
			}
			add(p, config.PostAlias(pattern, p.Date, title, p.categories()))
		}
	}
}

// categories are the Jekyll categories of a post (category: or
// categories:, a list or words), which its old address may name.
func (p *Page) categories() []string {
	for _, k := range []string{"categories", "category"} {
		switch v := p.Params[k].(type) {
		case string:
			return strings.Fields(v)
		case []any:
			var out []string
			for _, c := range v {
				out = append(out, fmt.Sprint(c))
			}
			return out
		}
	}
	return nil
}

// AliasFile is the output file of the redirect page at an alias.
func AliasFile(alias string) string {
	rel := strings.TrimPrefix(alias, "/")
	if strings.HasSuffix(rel, ".html") {
		return rel
	}
	return rel + "index.html"
}

// checkAliases reports an alias that is the address of a page or a file,
// and an alias two pages claim.
func checkAliases(site *Site, pages map[string]*Page, probs *Problems) {
	claimed := map[string]*Page{}
	assets := map[string]*Asset{}
	for _, a := range site.Assets {
		assets[a.Path] = a
	}
	for _, p := range site.Pages {
		for _, alias := range p.Aliases {
			out := AliasFile(alias)
			a := assets[out]
			if a == nil {
				a = assets[strings.Trim(alias, "/")] // the alias's folder would be a file
			}
			key := "aliases"
			if alias == p.Permalink {
				key = p.PermalinkKey
			}
			switch q, r := pages[out], claimed[out]; {
			case q != nil:
				probs.Add(p.File, p.Line(key), "%s %s is the address of %s; an alias must be an old address that no page has now", aliasWord(key), alias, q.File)
			case a != nil:
				probs.Add(p.File, p.Line(key), "%s %s is the address of the file %s; remove the alias or move the file", aliasWord(key), alias, a.File)
			case r != nil && r != p:
				probs.Add(p.File, p.Line(key), "%s %s is claimed by %s too; an old address can redirect to one page only", aliasWord(key), alias, r.File)
			default:
				claimed[out] = p
			}
		}
	}
}

// aliasWord names an alias in a message by the key it was written under.
func aliasWord(key string) string {
	if key == "aliases" {
		return "alias"
	}
	return key
}

// Slugify turns a name into a URL segment: lower-case letters and digits
// joined by single hyphens, so "Coaching Behaviors" and "coaching  behaviors"
// share one page.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
