// Package resolve owns what a link or an image an author wrote in Markdown
// points at: a relative link to another page's source (../book/intro.md,
// with an optional #heading), to a file of content/, or an image path
// relative to the page or, with a leading slash, in static/. It answers
// from the linked site (package content) and the site folder, and says
// what is wrong and how to fix it when nothing is there. It also checks a
// link to a heading once every page's headings are known, and resolves
// each image to the variants a build publishes of it (Images, over package
// images), recording what the build asked for. Package build
// turns its answers into the URLs of each edition (the web page, the
// print edition, the EPUB); resolve does not import build.
package resolve

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/siteurl"
)

// Links resolves the links and images of the pages of a linked site,
// whose folder is FS.
type Links struct {
	Site *content.Site
	FS   fs.FS
}

// Target finds what a relative link of page p points at: a page (with an
// optional heading id) or, with a nil page, an asset path.
func (l Links) Target(p *content.Page, dest string) (*content.Page, string, error) {
	ref, frag, _ := strings.Cut(dest, "#")
	if i := strings.IndexByte(ref, '?'); i >= 0 {
		ref = ref[:i]
	}
	if strings.HasPrefix(ref, "/") {
		return l.siteAbsolute(p, dest, ref, frag)
	}
	target, relativeTo := path.Clean(path.Join(p.Dir(), ref)), "this file"
	if rest, ok := strings.CutPrefix(ref, "@/"); ok {
		target, relativeTo = path.Clean(rest), "content/, as Zola's @/ links are" // Zola: [x](@/blog/post.md)
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		return nil, "", fmt.Errorf("link %q points outside content/", dest)
	}
	if !strings.HasSuffix(target, ".md") {
		if tp := l.Site.PageByPath(path.Join(target, "_index.md")); tp != nil {
			return tp, frag, nil
		}
		if l.Site.AssetByPath(target) != nil {
			return nil, target, nil
		}
		if tp := l.Site.PageByURL("/" + target + "/"); tp != nil {
			return tp, frag, nil // a page's address, relative to this file (Go's blog: [toolchain](toolchain))
		}
		return nil, "", fmt.Errorf("link %q: no page or file content/%s; link to a .md file relative to this one", dest, target)
	}
	if tp := l.Site.PageByPath(target); tp != nil {
		return tp, frag, nil
	}
	if why := l.Site.Omitted(target); why != "" {
		return nil, "", fmt.Errorf("link %q: content/%s is left out of this build: it is %s", dest, target, why)
	}
	return nil, "", fmt.Errorf("link %q: no such page content/%s; check the path (it is relative to %s)", dest, target, relativeTo)
}

// siteAbsolute resolves a link written from the site's root, as Hugo and
// Jekyll sites link: a file of static/ is found there, as an image's path
// is, and a page by its address (/blog/partnership/, with or without the
// last slash) or its file's path from content/ (/blog/partnership.md), so
// folio checks it as it checks a link to the Markdown file. An address the
// page no longer has (an alias, or the address Jekyll gave a post named
// after its day: /2015/02/13/final.html for 2015-02-13-final.md) is an
// error that names the file to link instead.
func (l Links) siteAbsolute(p *content.Page, dest, ref, frag string) (*content.Page, string, error) {
	rel := strings.TrimPrefix(path.Clean(ref), "/")
	if fi, err := fs.Stat(l.FS, path.Join("static", rel)); err == nil && !fi.IsDir() {
		return nil, rel, nil
	}
	if tp := l.pageAt(ref); tp != nil {
		return tp, frag, nil
	}
	if rel == "" {
		return nil, "", nil // the home page, made without a content/_index.md
	}
	if tp := l.formerPageAt(ref); tp != nil {
		return nil, "", fmt.Errorf("link %q is an old address of the page %s: link to its Markdown file, %s, so folio can check it", dest, tp.File, relativePath(p.Dir(), tp.Path))
	}
	return nil, "", fmt.Errorf("link %q is site-absolute, and no page or file of static/ has that address; link to the Markdown file instead (a path relative to this file, such as ../book/intro.md) so folio can check it, or write the full URL (https://...) of a page of another site", dest)
}

// pageAt is the page whose address (with or without its last slash, or
// with .html or /index.html), or whose file's path from content/, ref is;
// nil if none.
func (l Links) pageAt(ref string) *content.Page {
	if tp := l.Site.PageByPath(strings.TrimPrefix(ref, "/")); tp != nil {
		return tp
	}
	// /blog/x/index.html and /blog/x.html name the page at /blog/x/ too:
	// the written file, and the address older generators gave it.
	ref = strings.TrimSuffix(strings.TrimSuffix(ref, "/index.html"), ".html")
	return l.Site.PageByURL(strings.TrimSuffix(ref, "/") + "/")
}

// jekyllPostURL matches the address Jekyll gives a post by default,
// /[categories/]YYYY/MM/DD/name.html.
var jekyllPostURL = regexp.MustCompile(`/(\d{4})/(\d{2})/(\d{2})/([^/]+?)(?:\.html)?/?$`)

// formerPageAt is the page that had the address ref: an alias of it, or
// the Jekyll address of a post named after its day; nil if none.
func (l Links) formerPageAt(ref string) *content.Page {
	dir := strings.TrimSuffix(ref, "/") + "/"
	named := ""
	if m := jekyllPostURL.FindStringSubmatch(ref); m != nil {
		named = m[1] + "-" + m[2] + "-" + m[3] + "-" + m[4]
	}
	for _, pg := range l.Site.Pages {
		if slices.Contains(pg.Aliases, ref) || slices.Contains(pg.Aliases, dir) {
			return pg
		}
		if named != "" && pg.Kind == content.KindPost && strings.TrimSuffix(path.Base(pg.Place()), ".md") == named {
			return pg
		}
	}
	return nil
}

// relativePath is the link from a page in folder dir to the content file
// to: blog/a.md from blog is a.md, book/intro.md from blog ../book/intro.md.
func relativePath(dir, to string) string {
	up := ""
	for dir != "" && !strings.HasPrefix(to, dir+"/") {
		up += "../"
		dir = path.Dir(dir)
		if dir == "." {
			dir = ""
		}
	}
	if dir != "" {
		to = strings.TrimPrefix(to, dir+"/")
	}
	return up + to
}

// Asset resolves an image path written in page p to a content asset, or
// a path from static/ when it starts with "/": the image's site path,
// without the leading slash.
func (l Links) Asset(p *content.Page, src string) (string, error) {
	if strings.HasPrefix(src, "/") {
		rel := strings.TrimPrefix(src, "/")
		if _, err := fs.Stat(l.FS, path.Join("static", rel)); err != nil {
			return "", fmt.Errorf("image %q not found: there is no static/%s (a path starting with / is looked up in static/)", src, rel)
		}
		return rel, nil
	}
	rel := path.Clean(path.Join(p.Dir(), src))
	if l.Site.AssetByPath(rel) == nil {
		return "", fmt.Errorf("image %q not found: there is no content/%s (paths are relative to this file)", src, rel)
	}
	return rel, nil
}

// File is the file of an image's site path: a content asset, else a file
// of static/.
func (l Links) File(rel string) string {
	if l.Site.AssetByPath(rel) == nil {
		return path.Join("static", rel)
	}
	return path.Join("content", rel)
}

// Outline is what links to a page's headings are checked against: its
// headings and the ids of its raw HTML, as converting found them.
type Outline struct {
	Headings []content.Heading
	IDs      []string
}

// MissingHeading is the problem of a link on line of page from, written
// dest, to the heading id of page target (whose outline is out), or nil
// when target has it.
func MissingHeading(from *content.Page, line int, target *content.Page, out Outline, id, dest string) *content.Error {
	if out.Has(id) {
		return nil
	}
	var ids []string
	for _, h := range out.Headings {
		ids = append(ids, h.ID)
	}
	hint := "it has no headings"
	if len(ids) > 0 {
		hint = "its heading ids are " + strings.Join(ids, ", ")
	}
	name := target.File
	if target == from {
		name = "this page"
	}
	return content.Errorf(from.File, line, "link %q: %s has no heading with id %q; %s", dest, name, id, hint)
}

// Has reports whether the outline has a heading (or an element of raw
// HTML) with id, also accepted percent-encoded, as authors copy it from a
// browser's address bar.
func (out Outline) Has(id string) bool {
	if u, err := url.PathUnescape(id); err == nil {
		id = u
	}
	for _, h := range out.Headings {
		if h.ID == id {
			return true
		}
	}
	return slices.Contains(out.IDs, id)
}

// Fallback is the src of an image with variants vs: the largest up to
// 1200 px, what share cards want. Its size is the img element's width and
// height, which reserve the image's place before it loads; the theme's
// CSS scales it to the column.
func Fallback(vs []images.Variant) images.Variant {
	fallback := vs[0]
	for _, v := range vs {
		if v.Width <= 1200 {
			fallback = v
		}
	}
	return fallback
}

// SrcSet is the srcset attribute of variants: the URL (with the site's
// base path) and width of each.
func SrcSet(urls siteurl.Base, vs []images.Variant) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		u := (&url.URL{Path: urls.Path("/" + v.Path)}).EscapedPath()
		parts[i] = strings.ReplaceAll(u, ",", "%2C") + fmt.Sprintf(" %dw", v.Width)
	}
	return strings.Join(parts, ", ")
}

// IsRaster reports whether a file's name says it is an image folio
// processes into variants.
func IsRaster(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}
