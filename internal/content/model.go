// Package content owns folio's model of a site (Site, Page, Book, Part,
// Chapter, Blog, Post, Series, Tag, Photo) and the two stages that build it
// without rendering anything: Load reads content/ from an fs.FS and decodes
// front matter into typed structs with package frontmatter, adding the file
// to its problems (a file without front matter is titled by
// its first heading, titles.go); Link orders books and blogs, numbers
// chapters, groups series and tags, and assigns every page its URL (a
// folder's index.md, a page bundle, is the page of its folder: Page.Place).
// A chapter is known by its path in its book, so parts may share file names.
//
// Relations are plain pointers filled in by Link; the site is read-only
// once linked. Converted HTML is not part of the model: the build keeps
// what it converts in a store of its own.
package content

import (
	"errors"
	"html/template"
	"sort"
	"time"

	"folio/internal/config"
	"folio/internal/frontmatter"
)

// Kind says what a page is, which picks its default template.
type Kind string

// The kinds of page.
const (
	KindHome    Kind = "home"
	KindPage    Kind = "page"
	KindSection Kind = "section"
	KindBook    Kind = "book"
	KindPart    Kind = "part"
	KindChapter Kind = "chapter"
	KindBlog    Kind = "blog"
	KindPost    Kind = "post"
)

// Site is everything a build knows about the input.
type Site struct {
	Config config.Config
	// Pages holds every page, section index pages included, sorted by Path.
	Pages []*Page
	// Assets are the non-Markdown files under content/, copied as they are.
	Assets []*Asset
	Books  []*Book
	Blogs  []*Blog
	Series []*Series
	Tags   []*Tag
	// Menu holds the pages at the top of content/ (about.md, ...), ordered
	// by order then title, for the site's navigation.
	Menu []*Page
	// Warnings are problems that do not stop a build unless it is strict.
	Warnings Problems
	// Scheduled lists posts left out because they are dated in the future.
	Scheduled []*Page
	// Now is the instant the build treats as the present.
	Now time.Time

	byPath  map[string]*Page
	byURL   map[string]*Page // filled by Link
	assets  map[string]*Asset
	omitted map[string]string // source path of a left-out page → why
}

// FrontMatter is the typed front matter of a page, as package frontmatter
// decodes it; Photo is a page's photo, which the build completes with its
// variants' URLs and size.
type (
	FrontMatter = frontmatter.FrontMatter
	Photo       = frontmatter.Photo
)

// Page is one Markdown source and the page it becomes.
type Page struct {
	// Path is the slash path relative to content/ ("blog/partnership.md").
	Path string
	// File is the path for messages, relative to the site folder.
	File string
	Kind Kind
	FrontMatter
	// body is the Markdown source (BodyOf, SetBody); templates cannot read
	// it (see the method Body).
	body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// NoFrontMatter is set for a source without front matter, whose title
	// comes from its first heading (titles.go).
	NoFrontMatter bool
	Words         int
	// URL is the page's site path ("/blog/partnership/"); OutPath is the
	// file it is written to ("blog/partnership/index.html").
	URL     string
	OutPath string

	Book    *Book
	Part    *Part
	Chapter *Chapter
	Blog    *Blog
	Post    *Post
	// What converting makes of the page (its HTML, summary, outline) is
	// not part of the model: the build keeps it, and templates read it
	// through the build's views of pages.
}

// BodyOf returns the Markdown source of a page, for the build; the build
// frees it once converted.
func BodyOf(p *Page) []byte { return p.body }

// SetBody replaces the Markdown source of a page, for the build.
func SetBody(p *Page, body []byte) { p.body = body }

// Body is what a template reading .Body of a page gets: an error, with the
// template's file and line. Pages are converted and rendered at the same
// time, and the build frees a page's Markdown once converted, so another
// page's source could only be read half-built or not at all, and
// differently in folio serve and folio build.
func (p *Page) Body() ([]byte, error) {
	return nil, errors.New("templates cannot read a page's Markdown source (.Body): pages are built in parallel and the source is freed once converted; use .Page.Words, .ReadingMinutes, .SummaryHTML or .Description")
}

// HTML is what a template reading .HTML of a page gets: an error, with the
// template's file and line. The page being rendered has its HTML as
// .Content; other pages' HTML is being made, and freed, while templates run.
func (p *Page) HTML() (template.HTML, error) {
	return "", errors.New("templates cannot read a page's HTML (.HTML): pages are built in parallel, so another page's HTML may not exist yet or may be freed; use .Content for the page being rendered, and .SummaryHTML or .Description of other pages")
}

// Heading is a heading of a page, for outlines.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// ReadingMinutes estimates the page's reading time.
func (p *Page) ReadingMinutes() int {
	return ReadingMinutes(p.Words)
}

// ReadingMinutes estimates reading time at 230 words a minute, never less
// than one minute.
func ReadingMinutes(words int) int {
	return max(1, (words+229)/230)
}

// Dir is the folder of the source, relative to content/ ("" at the top).
func (p *Page) Dir() string {
	return dirOf(p.Path)
}

// IsBundle reports whether the page is a page bundle: a folder's index.md
// (blog/my-post/index.md), which is the page of the folder (/blog/my-post/)
// with its images and files beside it.
func (p *Page) IsBundle() bool {
	return baseOf(p.Path) == "index.md" && p.Dir() != ""
}

// Place is where the page stands among the pages of its section: its path,
// or for a bundle the path a file named after its folder would have
// (blog/my-post/index.md stands as blog/my-post.md).
func (p *Page) Place() string {
	if p.IsBundle() {
		return p.Dir() + ".md"
	}
	return p.Path
}

// IsIndex reports whether the page is a section's _index.md.
func (p *Page) IsIndex() bool {
	return baseOf(p.Path) == "_index.md"
}

// Asset is a file under content/ that is not Markdown.
type Asset struct {
	Path string // relative to content/, also the output path
	File string
}

// Book is a section of type book.
type Book struct {
	Index *Page
	// Parts in reading order. Chapters outside any part folder are grouped
	// into parts without an Index, so a template can walk Parts alone.
	Parts []*Part
	// Chapters in reading order, all parts flattened.
	Chapters []*Chapter
	// Series are the blog series that accompany the book.
	Series []*Series
}

// FoldAfter is the number of chapters beyond which a chapter's contents
// sidebar lists only the chapters of its own part (and every part's title),
// so that the size of each chapter page stays bounded as a book grows
// instead of growing with the square of its length.
const FoldAfter = 60

// Folded reports whether chapter sidebars show only the current part.
func (b *Book) Folded() bool {
	return len(b.Chapters) > FoldAfter
}

// Part is a folder of chapters inside a book, or a run of chapters outside
// any folder (Index nil).
type Part struct {
	Index    *Page
	Book     *Book
	Chapters []*Chapter
}

// Chapter is a page of a book with its place in the reading order.
type Chapter struct {
	Page *Page
	Book *Book
	Part *Part
	// Number counts numbered chapters straight through the parts; 0 for
	// front and back matter.
	Number     int
	Prev, Next *Chapter
}

// Blog is a section of type blog.
type Blog struct {
	Index *Page
	// Posts newest first.
	Posts []*Post
}

// Post is a dated page of a blog.
type Post struct {
	Page   *Page
	Blog   *Blog
	Series *Series
	// PartNumber is the post's 1-based place in its series.
	PartNumber int
	// Prev and Next walk the series.
	Prev, Next *Post
}

// Series is the set of posts sharing a series name.
type Series struct {
	Name string
	Slug string
	URL  string
	// Page is content/series/<slug>.md when it exists.
	Page        *Page
	Description string
	Posts       []*Post
	// Book is the book the series accompanies, if any.
	Book *Book
}

// Tag groups posts and pages sharing a tag, case and punctuation aside.
type Tag struct {
	Name  string
	Slug  string
	URL   string
	Pages []*Page
}

// PageByPath returns the page loaded from a content-relative source path.
func (s *Site) PageByPath(path string) *Page {
	return s.byPath[path]
}

// PageByURL returns the page whose URL (a site path such as /blog/x/) is
// url, once the site is linked.
func (s *Site) PageByURL(url string) *Page {
	return s.byURL[url]
}

// AssetByPath returns the asset at a content-relative path.
func (s *Site) AssetByPath(path string) *Asset {
	return s.assets[path]
}

// Omitted says why a source path is not part of the build (a draft, a
// scheduled post), or "" when it is not one of those.
func (s *Site) Omitted(path string) string {
	return s.omitted[path]
}

// Params is folio.yaml's params: the site's own settings for its
// templates (.Site.Params.repository).
func (s *Site) Params() map[string]any {
	return s.Config.Params
}

// EditURL is the address for editing a page's source, from folio.yaml's
// edit_url, or "" without one.
func (s *Site) EditURL(p *Page) string {
	if p == nil {
		return ""
	}
	return s.Config.EditLink(p.File)
}

// Omission is a source left out of the build, and why.
type Omission struct {
	File, Why string
}

// OmittedPages lists the sources left out of the build (drafts, scheduled
// posts) with why, sorted by file.
func (s *Site) OmittedPages() []Omission {
	out := make([]Omission, 0, len(s.omitted))
	for p, why := range s.omitted {
		out = append(out, Omission{File: ContentDir + "/" + p, Why: why})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// BookPages lists a book's pages in reading order: its own page, then each
// part's introduction and chapters.
func BookPages(book *Book) []*Page {
	pages := []*Page{book.Index}
	for _, part := range book.Parts {
		if part.Index != nil {
			pages = append(pages, part.Index)
		}
		for _, c := range part.Chapters {
			pages = append(pages, c.Page)
		}
	}
	return pages
}
