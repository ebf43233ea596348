package content

import (
	"path"
	"sort"
	"strings"
)

// bookItem is a chapter or a part at the top level of a book, ordered
// together so that front matter can precede part one.
type bookItem struct {
	page    *Page // the chapter, or the part's _index.md
	partDir string
}

// linkBook orders a book's chapters and parts by front matter order (file
// name breaking ties and standing in when no order is given), numbers the
// chapters straight through the parts and links each to its neighbours.
func linkBook(site *Site, dir string, probs *Problems) *Book {
	b := &Book{Index: sectionIndex(site, dir, KindBook)}
	b.Index.Book = b
	top, parts := bookMembers(site, dir, probs)
	warnUnordered(site, top, parts)
	sortItems(top)
	var run *Part
	for _, it := range top {
		if it.partDir == "" {
			if run == nil {
				run = &Part{Book: b}
				b.Parts = append(b.Parts, run)
			}
			run.Chapters = append(run.Chapters, &Chapter{Page: it.page, Book: b, Part: run})
			continue
		}
		run = nil
		part := &Part{Index: it.page, Book: b}
		it.page.Part = part
		it.page.Book = b
		chapters := parts[it.partDir]
		sortItems(chapters)
		for _, c := range chapters {
			part.Chapters = append(part.Chapters, &Chapter{Page: c.page, Book: b, Part: part})
		}
		b.Parts = append(b.Parts, part)
	}
	number(b)
	return b
}

// BookPath is where the chapter stands in its book: its URL below the
// book's home, "one/intro" for /book/one/intro/. Two chapters may share a
// file name in different parts; their book paths differ as their URLs do,
// so the print edition names a chapter by its book path.
func (c *Chapter) BookPath() string {
	return strings.Trim(strings.TrimPrefix(c.Page.URL, c.Book.Index.URL), "/")
}

// bookMembers splits a book's pages into top-level chapters and parts, and
// reports folders that cannot be parts.
func bookMembers(site *Site, dir string, probs *Problems) ([]bookItem, map[string][]bookItem) {
	var top []bookItem
	parts := map[string][]bookItem{}
	missing := map[string]bool{}
	for _, p := range site.Pages {
		if p.Kind != KindChapter && p.Kind != KindPart || !strings.HasPrefix(p.Path, dir+"/") {
			continue
		}
		rel := strings.TrimPrefix(p.Place(), dir+"/")
		depth := strings.Count(rel, "/")
		switch {
		case depth == 0:
			top = append(top, bookItem{page: p})
		case depth == 1 && p.IsIndex():
			top = append(top, bookItem{page: p, partDir: p.Dir()})
		case depth == 1:
			partDir := dirOf(p.Place())
			if site.byPath[path.Join(partDir, "_index.md")] == nil && !missing[partDir] {
				missing[partDir] = true
				probs.Add(ContentDir+"/"+partDir+"/", 0, "this folder of the book has no _index.md, which a part needs; create %s/%s/_index.md with the part's title and order (title: %q, order: 10), or move its chapters up into %s/",
					ContentDir, partDir, titleFromName(partDir+"/_index.md"), dir)
			}
			parts[partDir] = append(parts[partDir], bookItem{page: p})
		default:
			probs.Add(p.File, 0, "is nested too deep: a book holds chapters and part folders of chapters; move it up into %s/", path.Dir(dirOf(p.Place())))
		}
	}
	return top, parts
}

func sortItems(items []bookItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].page, items[j].page
		if a.HasOrder != b.HasOrder {
			return a.HasOrder // unordered ones follow the ordered
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return itemName(items[i]) < itemName(items[j])
	})
}

// itemName is what ties sort by: the file name (a bundle's folder name),
// or a part's folder name.
func itemName(it bookItem) string {
	if it.partDir != "" {
		return path.Base(it.partDir)
	}
	return path.Base(it.page.Place())
}

// warnUnordered names chapters and parts without order where their
// neighbours have one: the mix is almost always a forgotten key. Chapters are
// judged across the whole book; parts and top-level chapters also against the
// other items at the top of the book, since that is where they are placed.
func warnUnordered(site *Site, top []bookItem, parts map[string][]bookItem) {
	chapterOrdered, topOrdered := false, false
	for _, it := range top {
		topOrdered = topOrdered || it.page.HasOrder
		chapterOrdered = chapterOrdered || it.partDir == "" && it.page.HasOrder
	}
	for _, cs := range parts {
		for _, it := range cs {
			chapterOrdered = chapterOrdered || it.page.HasOrder
		}
	}
	var without []*Page
	for _, it := range top {
		if !it.page.HasOrder && (topOrdered || it.partDir == "" && chapterOrdered) {
			without = append(without, it.page)
		}
	}
	for _, cs := range parts {
		for _, it := range cs {
			if !it.page.HasOrder && chapterOrdered {
				without = append(without, it.page)
			}
		}
	}
	sortPagesByPath(without)
	for _, p := range without {
		what := "chapter"
		if p.IsIndex() {
			what = "part"
		}
		site.Warnings.Add(p.File, 0, "has no order while other chapters or parts of the book do; this %s is placed after them, by file name (add order: to place it)", what)
	}
}

func number(b *Book) {
	n := 0
	var prev *Chapter
	for _, part := range b.Parts {
		for _, c := range part.Chapters {
			if c.Page.Numbered == nil || *c.Page.Numbered {
				n++
				c.Number = n
			}
			c.Page.Chapter, c.Page.Book, c.Page.Part = c, b, part
			if prev != nil {
				prev.Next, c.Prev = c, prev
			}
			prev = c
			b.Chapters = append(b.Chapters, c)
		}
	}
}

// sectionIndex returns a typed section's _index.md page, standing in one
// for a missing file so that every book and blog has a home page.
func sectionIndex(site *Site, dir string, kind Kind) *Page {
	if p := site.byPath[path.Join(dir, "_index.md")]; p != nil {
		return p
	}
	p := &Page{Path: path.Join(dir, "_index.md"), File: ContentDir + "/" + dir + "/", Kind: kind}
	p.Title = titleFromName(p.Path)
	p.URL, p.OutPath = urlOf(p)
	site.Pages = append(site.Pages, p)
	site.byPath[p.Path] = p
	if site.byURL[p.URL] == nil {
		site.byURL[p.URL] = p
	}
	sortPagesByPath(site.Pages)
	return p
}
