package content

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"folio/internal/config"
)

// linkBlog collects a blog's posts newest first; every post needs a date.
func linkBlog(site *Site, dir string, probs *Problems) *Blog {
	b := &Blog{Index: sectionIndex(site, dir, KindBlog)}
	b.Index.Blog = b
	for _, p := range site.Pages {
		if p.Kind != KindPost || !strings.HasPrefix(p.Path, dir+"/") {
			continue
		}
		if p.Date.IsZero() {
			undated(site, p, probs)
			continue
		}
		post := &Post{Page: p, Blog: b}
		p.Post, p.Blog = post, b
		b.Posts = append(b.Posts, post)
	}
	sort.SliceStable(b.Posts, func(i, j int) bool {
		a, c := b.Posts[i].Page, b.Posts[j].Page
		if !a.Date.Equal(c.Date) {
			return a.Date.After(c.Date)
		}
		return a.Path < c.Path
	})
	return b
}

// undated reports a post without a date, with both ways to give it one.
func undated(site *Site, p *Page, probs *Problems) {
	today := site.Now.Format("2006-01-02")
	named := fmt.Sprintf("start its file name with the day (%s-%s)", today, baseOf(p.Path))
	if p.IsBundle() {
		named = fmt.Sprintf("start its folder's name with the day (%s-%s/)", today, baseOf(p.Dir()))
	}
	probs.Add(p.File, 1, "a blog post needs a date; add a line such as date: %s to its front matter, or %s", today, named)
}

// linkSeries groups posts by series name. Names that differ only in case or
// spacing share a series, with a warning, since they are probably a typo.
func linkSeries(site *Site, probs *Problems) {
	bySlug := map[string]*Series{}
	for _, blog := range site.Blogs {
		for i := len(blog.Posts) - 1; i >= 0; i-- { // oldest first: the first name seen wins
			post := blog.Posts[i]
			addToSeries(site, bySlug, post, probs)
		}
	}
	for _, s := range site.Series {
		sortSeries(s)
		if p := site.byPath[path.Join(SeriesDir, s.Slug+".md")]; p != nil {
			s.Page = p
			s.Description = strings.TrimSpace(p.Description)
		}
		if s.Description == "" {
			s.Description = seriesConfig(site, s).Description
		}
	}
	sort.Slice(site.Series, func(i, j int) bool { return site.Series[i].Slug < site.Series[j].Slug })
	for _, b := range site.Books {
		for _, name := range b.Index.Series {
			s := bySlug[Slugify(name)]
			if s == nil {
				site.Warnings.Add(b.Index.File, b.Index.Line("series"), "series %q names a blog series no post has; check the spelling, or give a post series: %q", name, name)
				continue
			}
			s.Book = b
			b.Series = append(b.Series, s)
		}
	}
}

// seriesConfig finds a series' entry in folio.yaml by slug, so that its
// description is found however the key is capitalised or spaced.
func seriesConfig(site *Site, s *Series) config.SeriesConfig {
	if c, ok := site.Config.Series[s.Name]; ok {
		return c
	}
	for name, c := range site.Config.Series {
		if Slugify(name) == s.Slug {
			return c
		}
	}
	return config.SeriesConfig{}
}

func addToSeries(site *Site, bySlug map[string]*Series, post *Post, probs *Problems) {
	p := post.Page
	if len(p.Series) == 0 {
		return
	}
	if len(p.Series) > 1 {
		probs.Add(p.File, p.Line("series"), "a post belongs to one series, but series lists %d; keep one", len(p.Series))
		return
	}
	name := strings.TrimSpace(p.Series[0])
	slug := Slugify(name)
	if slug == "" {
		probs.Add(p.File, p.Line("series"), "series %q has no letters or digits to make a URL from; give it a name", name)
		return
	}
	s := bySlug[slug]
	if s == nil {
		s = &Series{Name: name, Slug: slug, URL: "/" + SeriesDir + "/" + slug + "/"}
		bySlug[slug] = s
		site.Series = append(site.Series, s)
	} else if s.Name != name {
		site.Warnings.Add(p.File, p.Line("series"), "series %q differs from %q (used by %s) only in case or spacing; probably a typo, both are treated as %q",
			name, s.Name, s.Posts[0].Page.File, s.Name)
	}
	post.Series = s
	s.Posts = append(s.Posts, post)
}

// sortSeries orders a series by order where given, else by date, and links
// the parts.
func sortSeries(s *Series) {
	sort.SliceStable(s.Posts, func(i, j int) bool {
		a, b := s.Posts[i].Page, s.Posts[j].Page
		if a.HasOrder && b.HasOrder && a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.HasOrder != b.HasOrder {
			return a.HasOrder
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Path < b.Path
	})
	for i, post := range s.Posts {
		post.PartNumber = i + 1
		post.Prev, post.Next = nil, nil
		if i > 0 {
			post.Prev = s.Posts[i-1]
			s.Posts[i-1].Next = post
		}
	}
}

// TagsDir is where tag pages are written.
const TagsDir = "tags"

// linkTags groups pages by tag slug. A tag that makes no slug is an error,
// since its page would have no URL.
func linkTags(site *Site, probs *Problems) {
	bySlug := map[string]*Tag{}
	for _, p := range site.Pages {
		seen := map[string]bool{}
		for _, name := range p.Tags {
			slug := Slugify(name)
			if slug == "" {
				probs.Add(p.File, p.Line("tags"), "tag %q has no letters or digits to make a URL from; remove it or spell it out", name)
				continue
			}
			if seen[slug] {
				continue
			}
			seen[slug] = true
			t := bySlug[slug]
			if t == nil {
				t = &Tag{Name: name, Slug: slug, URL: "/" + TagsDir + "/" + slug + "/"}
				bySlug[slug] = t
				site.Tags = append(site.Tags, t)
			}
			t.Pages = append(t.Pages, p)
		}
	}
	sort.Slice(site.Tags, func(i, j int) bool { return site.Tags[i].Slug < site.Tags[j].Slug })
	for _, t := range site.Tags {
		sort.SliceStable(t.Pages, func(i, j int) bool {
			a, b := t.Pages[i], t.Pages[j]
			if !a.Date.Equal(b.Date) {
				return a.Date.After(b.Date)
			}
			return a.Path < b.Path
		})
	}
}
