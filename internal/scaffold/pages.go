package scaffold

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/content"
)

// Written is what a new chapter, part or post became.
type Written struct {
	File string // relative to the site folder
	// Note says where it was placed ("order 20, after The First Chapter").
	Note string
}

// site loads and links the site in root, drafts and future posts
// included, to find where a new page goes.
func site(root string) (*content.Site, error) {
	if fi, err := os.Stat(filepath.Join(root, content.ContentDir)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a site: it has no content/ folder; run this in a site folder, pass one with -s, or start one with folio new site DIR", root)
	}
	fsys := os.DirFS(root)
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	s, err := content.Load(fsys, cfg, content.Options{Drafts: true, Future: true})
	if err != nil {
		return nil, err
	}
	if err := content.Link(s); err != nil {
		return nil, err
	}
	return s, nil
}

// slugOf is the file name a title gives.
func slugOf(title string) (string, error) {
	slug := content.Slugify(title)
	if slug == "" {
		return "", fmt.Errorf("the title %q has no letters or digits to name a file by", title)
	}
	return slug, nil
}

// nextOrder is the first multiple of 10 after every order in orders.
func nextOrder(orders []int) int {
	top := 0
	for _, o := range orders {
		top = max(top, o)
	}
	return (top/10 + 1) * 10
}

// bookIn loads the site in root and picks the book named.
func bookIn(root, name string) (*content.Book, error) {
	s, err := site(root)
	if err != nil {
		return nil, err
	}
	return findBook(s, name)
}

// findBook picks the book named by name (its folder, slug or title), or
// the site's only book.
func findBook(s *content.Site, name string) (*content.Book, error) {
	if len(s.Books) == 0 {
		return nil, fmt.Errorf("the site has no book; create content/book/_index.md with a title first")
	}
	if name == "" {
		if len(s.Books) > 1 {
			return nil, fmt.Errorf("the site has %d books (%s); pick one with --book", len(s.Books), bookNames(s))
		}
		return s.Books[0], nil
	}
	for _, b := range s.Books {
		if matches(name, b.Index.Dir(), b.Index.Title) {
			return b, nil
		}
	}
	return nil, fmt.Errorf("no book %q; the site's books are %s", name, bookNames(s))
}

func bookNames(s *content.Site) string {
	var names []string
	for _, b := range s.Books {
		names = append(names, fmt.Sprintf("%s (%s)", path.Base(b.Index.Dir()), b.Index.Title))
	}
	return strings.Join(names, ", ")
}

// matches reports whether what the author typed names a folder or title.
func matches(name, dir, title string) bool {
	n := content.Slugify(name)
	return name == dir || n == path.Base(dir) || n == content.Slugify(title) || strings.EqualFold(name, title)
}

// Chapter writes a new chapter of a book: into the part named (by folder or
// title), else into the book's last part, else at the top of the book;
// with the next order of its neighbours, in gaps of 10.
func Chapter(root, title, part, book string) (*Written, error) {
	b, err := bookIn(root, book)
	if err != nil {
		return nil, err
	}
	var target *content.Part
	for _, p := range b.Parts {
		if p.Index == nil {
			continue
		}
		if part == "" || matches(part, p.Index.Dir(), p.Index.Title) {
			target = p // without --part, the last part
		}
	}
	dir, where := b.Index.Dir(), "the book "+strconv.Quote(b.Index.Title)
	var orders []int
	switch {
	case part != "" && target == nil:
		return nil, fmt.Errorf("no part %q in %q; its parts are %s (folio new part %q makes one)", part, b.Index.Title, partNames(b), part)
	case target != nil:
		dir, where = target.Index.Dir(), "the part "+strconv.Quote(target.Index.Title)
		for _, c := range target.Chapters {
			orders = append(orders, c.Page.Order)
		}
	default:
		orders = topOrders(b)
	}
	return writePage(root, dir, title, where, orders, chapterText)
}

func partNames(b *content.Book) string {
	var names []string
	for _, p := range b.Parts {
		if p.Index != nil {
			names = append(names, strconv.Quote(p.Index.Title))
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// topOrders lists the orders of what stands at the top of a book: parts
// and the chapters outside any part.
func topOrders(b *content.Book) []int {
	var orders []int
	for _, p := range b.Parts {
		if p.Index != nil {
			orders = append(orders, p.Index.Order)
			continue
		}
		for _, c := range p.Chapters {
			orders = append(orders, c.Page.Order)
		}
	}
	return orders
}

// Part writes a new part of a book after its last part: a folder with an
// _index.md.
func Part(root, title, book string) (*Written, error) {
	b, err := bookIn(root, book)
	if err != nil {
		return nil, err
	}
	slug, err := slugOf(title)
	if err != nil {
		return nil, err
	}
	order := nextOrder(topOrders(b))
	rel := path.Join(content.ContentDir, b.Index.Dir(), slug, "_index.md")
	text := fmt.Sprintf(partText, quote(title), order)
	if _, err := writeNew(root, map[string][]byte{rel: []byte(text)}); err != nil {
		return nil, err
	}
	return &Written{File: rel, Note: fmt.Sprintf("order %d in the book %q; add chapters with folio new chapter TITLE --part %s", order, b.Index.Title, slug)}, nil
}

// writePage writes a page named after its title into dir (relative to
// content/) with the next order.
func writePage(root, dir, title, where string, orders []int, text string) (*Written, error) {
	slug, err := slugOf(title)
	if err != nil {
		return nil, err
	}
	order := nextOrder(orders)
	rel := path.Join(content.ContentDir, dir, slug+".md")
	if _, err := writeNew(root, map[string][]byte{rel: fmt.Appendf(nil, text, quote(title), order)}); err != nil {
		return nil, err
	}
	return &Written{File: rel, Note: fmt.Sprintf("order %d in %s", order, where)}, nil
}

// Post writes a new draft post dated today into the blog (the only one, or
// the one named), in the series named when there is one.
func Post(root, title, series, blog string, today time.Time) (*Written, error) {
	s, err := site(root)
	if err != nil {
		return nil, err
	}
	if len(s.Blogs) == 0 {
		return nil, fmt.Errorf("the site has no blog; create content/blog/_index.md with a title first")
	}
	bl := s.Blogs[0]
	if blog != "" || len(s.Blogs) > 1 {
		bl = nil
		for _, b := range s.Blogs {
			if blog != "" && matches(blog, b.Index.Dir(), b.Index.Title) {
				bl = b
			}
		}
		if bl == nil {
			return nil, fmt.Errorf("name the blog with --blog: the site's blogs are in %s", blogDirs(s))
		}
	}
	slug, err := slugOf(title)
	if err != nil {
		return nil, err
	}
	fm := fmt.Sprintf("title: %s\ndate: %s\n", quote(title), today.Format("2006-01-02"))
	note := "a draft dated " + today.Format("2006-01-02")
	if series != "" {
		sr := findSeries(s, series)
		if sr != nil {
			series = sr.Name // as its other parts spell it
		}
		fm += "series: " + quote(series) + "\n"
		switch {
		case sr == nil:
			note += ", the first part of a new series " + strconv.Quote(series)
		case ordered(sr):
			fm += fmt.Sprintf("order: %d\n", len(sr.Posts)+1)
			note += fmt.Sprintf(", part %d of %q", len(sr.Posts)+1, sr.Name)
		default:
			note += fmt.Sprintf(", the latest part of %q", sr.Name)
		}
	}
	rel := path.Join(content.ContentDir, bl.Index.Dir(), slug+".md")
	text := "---\n" + fm + "draft: true\n---\n\n" + postText
	if _, err := writeNew(root, map[string][]byte{rel: []byte(text)}); err != nil {
		return nil, err
	}
	return &Written{File: rel, Note: note}, nil
}

func blogDirs(s *content.Site) string {
	var dirs []string
	for _, b := range s.Blogs {
		dirs = append(dirs, "content/"+b.Index.Dir()+"/")
	}
	return strings.Join(dirs, ", ")
}

func findSeries(s *content.Site, name string) *content.Series {
	for _, sr := range s.Series {
		if content.Slugify(sr.Name) == content.Slugify(name) {
			return sr
		}
	}
	return nil
}

// ordered reports whether a series' posts say their order, which a new
// part then continues.
func ordered(sr *content.Series) bool {
	for _, p := range sr.Posts {
		if !p.Page.HasOrder {
			return false
		}
	}
	return len(sr.Posts) > 0
}

const chapterText = `---
title: %s
order: %d
---

Start writing here.
`

const partText = `---
title: %s
order: %d
---

A few lines that open the part, shown on its page and in the print edition.
`

const postText = `Start writing here. The text above a <!--more--> line is the post's
summary; without one, its first paragraph is.

Remove draft: true when the post is ready: folio build leaves drafts out.
`
