package corpus

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"strings"
)

// The Hugo variant of a generated site, for measuring folio against Hugo
// on the same work: the same pages with the same bodies, laid out as Hugo
// reads them.
//
//   - hugo.toml instead of folio.yaml, minify on, tags and series as
//     taxonomies, ten posts a list page (folio's page_size);
//   - front matter: weight for order, lastmod for updated, a post's series
//     as a list (a taxonomy), the book's companion series under another key
//     so that the book does not join them;
//   - links between pages by URL instead of by .md path (Hugo links what
//     it is given), images by URL from static/ (folio finds them beside the
//     pages);
//   - series pages as the taxonomy's term pages (content/series/NAME/_index.md);
//   - a minimal theme (hugotheme/) of about the weight of folio's built-in
//     one: a list page with summaries and a pager, a page with its photo,
//     series box and tags, and on every page of the book the book's
//     contents in a sidebar, folded as folio's built-in theme folds it in
//     a book of more than 60 chapters (the parts' titles, the chapters in
//     no part and those of the page's own part). Its cost grows with the
//     square of the book; the theme renders each part's block of it once
//     (partialCached, keyed by the part and whether the book folds) and
//     only the chapter's own part again, to mark the chapter current, as a
//     Hugo user with a long book would, without rendering a 3,000-chapter
//     book's contents 3,000 times.

//go:embed all:hugotheme
var hugoTheme embed.FS

// writeFields writes a page's front matter, in Hugo's words in the Hugo
// variant.
func (p *plan) writeFields(b *bytes.Buffer, format byte, fields []field) {
	if p.hugo {
		fields = hugoFields(fields)
	}
	writeFrontMatter(b, format, fields)
}

// hugoFields renames folio's keys to Hugo's.
func hugoFields(fields []field) []field {
	out := make([]field, 0, len(fields))
	for _, f := range fields {
		switch f.key {
		case "order":
			f.key = "weight"
		case "updated":
			f.key = "lastmod"
		case "series":
			if name, ok := f.val.(string); ok {
				f.val = []string{name} // a post's series: a taxonomy term
			} else {
				f.key = "companions" // the book's companion series
			}
		}
		out = append(out, f)
	}
	return out
}

// linkTo is how the page at from links to the page t: by relative .md path
// for folio, by URL for Hugo.
func (p *plan) linkTo(from string, t *pagePlan) string {
	if p.hugo {
		return p.hugoURL(t)
	}
	return relPath(from, t.path)
}

// sectionLink links the home page to a section.
func (p *plan) sectionLink(name string) string {
	if p.hugo {
		return "/" + name + "/"
	}
	return name + "/_index.md"
}

// hugoURL is the URL Hugo gives a page: its path without .md (a bundle's
// folder), with the last segment replaced by its slug when it has one.
func (p *plan) hugoURL(pg *pagePlan) string {
	u := strings.TrimSuffix(strings.TrimSuffix(pg.path, ".md"), "/index")
	if slug := p.slugOf(pg); slug != "" {
		u = path.Join(path.Dir(u), slug)
	}
	return "/" + u + "/"
}

// slugOf is the slug in a page's front matter, if any: renderPage draws
// it from the page's own seed, so it is drawn again the same way.
func (p *plan) slugOf(pg *pagePlan) string {
	if pg.kind != kindPost {
		return ""
	}
	fields, _ := p.pageFields(rand.New(rand.NewPCG(p.seed, uint64(pg.index)+1)), pg)
	for _, f := range fields {
		if f.key == "slug" {
			return f.val.(string)
		}
	}
	return ""
}

// hugoFiles lays the site files out for Hugo: its configuration, series
// pages as term pages, the photos in static/, and the theme.
func (p *plan) hugoFiles(files []siteFile) ([]siteFile, error) {
	out := make([]siteFile, 0, len(files)+16)
	for _, f := range files {
		switch {
		case f.path == "folio.yaml":
			f = siteFile{path: "hugo.toml", data: p.hugoConfig()}
		case strings.HasPrefix(f.path, "content/series/"):
			f.path = strings.TrimSuffix(f.path, ".md") + "/_index.md"
		case p.imgDir != "" && strings.HasPrefix(f.path, "content/"+p.imgDir+"/"):
			f.path = "static/" + strings.TrimPrefix(f.path, "content/")
		}
		out = append(out, f)
	}
	err := fs.WalkDir(hugoTheme, "hugotheme", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(hugoTheme, name)
		out = append(out, siteFile{path: strings.TrimPrefix(name, "hugotheme/"), data: data})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: Hugo theme: %w", err)
	}
	return out, nil
}

// hugoConfig is hugo.toml: folio.yaml's settings in Hugo's words.
func (p *plan) hugoConfig() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "baseURL = %q\ntitle = %q\nlocale = \"en\"\n", baseURL, p.siteTitle())
	b.WriteString("enableRobotsTXT = true\n\n")
	b.WriteString("[params]\n  author = " + scalar(author, false) + "\n  description = \"A synthetic site generated for folio benchmarks.\"\n")
	b.WriteString("  copyright = \"Generated text and art, CC0 1.0.\"\n\n")
	b.WriteString("[taxonomies]\n  tag = \"tags\"\n  series = \"series\"\n\n")
	b.WriteString("[pagination]\n  pagerSize = 10\n\n")
	b.WriteString("[minify]\n  minifyOutput = true\n")
	return b.Bytes()
}
