package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"

	"folio/internal/workpool"
)

const (
	baseURL   = "https://corpus.example.org/"
	author    = "Corpus Author"
	credit    = "folio corpus generator"
	creditURL = baseURL + "about/"
	license   = "CC0 1.0"
)

// write renders the plan into dir: the site files in order, then the pages
// on every core, each from its own seed so scheduling cannot change bytes.
func (p *plan) write(dir string) error {
	if err := p.makeDirs(dir); err != nil {
		return err
	}
	files, err := p.siteFiles()
	if err != nil {
		return err
	}
	if p.hugo {
		if files, err = p.hugoFiles(files); err != nil {
			return err
		}
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("corpus: create folder: %w", err)
		}
		if err := os.WriteFile(name, f.data, 0o644); err != nil {
			return fmt.Errorf("corpus: write: %w", err)
		}
	}
	errs := make([]error, len(p.pages))
	workpool.Indexes(workpool.Cores(), len(p.pages), func(i int) {
		pg := p.pages[i]
		name := filepath.Join(dir, "content", filepath.FromSlash(pg.path))
		if err := os.WriteFile(name, p.renderPage(pg), 0o644); err != nil {
			errs[i] = fmt.Errorf("corpus: write page: %w", err)
		}
	})
	return errors.Join(errs...)
}

func (p *plan) makeDirs(dir string) error {
	dirs := []string{"content", "content/series"}
	if p.imgDir != "" && !p.hugo { // the Hugo variant keeps them in static/
		dirs = append(dirs, "content/"+p.imgDir)
	}
	if p.counts.Posts > 0 {
		dirs = append(dirs, "content/blog")
	}
	for _, part := range p.parts {
		dirs = append(dirs, "content/"+part.dir)
	}
	for _, pg := range p.pages {
		if path.Base(pg.path) == "index.md" { // a page bundle's folder
			dirs = append(dirs, "content/"+path.Dir(pg.path))
		}
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("corpus: create folder: %w", err)
		}
	}
	return nil
}

type siteFile struct {
	path string // slash path relative to the site folder
	data []byte
}

// siteFiles are everything but the counted pages: folio.yaml, the home page,
// section indexes, series pages and photos.
func (p *plan) siteFiles() ([]siteFile, error) {
	w := &prose{r: rand.New(rand.NewPCG(p.seed, 0)), buf: new(bytes.Buffer)}
	var files []siteFile
	add := func(name string) {
		files = append(files, siteFile{path: name, data: bytes.Clone(w.buf.Bytes())})
		w.buf.Reset()
	}
	fmt.Fprintf(w.buf, "title: %q\nbase_url: %q\nlanguage: en\nauthor: %q\n", p.siteTitle(), baseURL, author)
	fmt.Fprintf(w.buf, "description: %q\ncopyright: %q\n", "A synthetic site generated for folio benchmarks.", "Generated text and art, CC0 1.0.")
	add("folio.yaml")
	p.writeHome(w)
	add("content/_index.md")
	if p.counts.Chapters > 0 {
		p.writeBookIndex(w)
		add("content/book/_index.md")
	}
	for _, part := range p.parts {
		p.writeFields(w.buf, 'y', []field{{"title", part.title}, {"order", part.order}})
		w.paragraph(3)
		w.buf.WriteString("\n")
		add("content/" + part.dir + "/_index.md")
	}
	if p.counts.Posts > 0 {
		p.writeFields(w.buf, 'y', []field{{"title", "Blog"}, {"description", "Posts from the generated corpus."}})
		add("content/blog/_index.md")
	}
	for _, s := range p.series {
		p.writeFields(w.buf, 'y', []field{{"title", s.name}})
		w.paragraph(2 + w.r.IntN(3))
		w.buf.WriteString("\n")
		add("content/series/" + s.slug + ".md")
	}
	// Photos are drawn on every core: a real-sized one takes seconds.
	photos := make([]siteFile, len(p.photos))
	errs := make([]error, len(p.photos))
	workpool.Indexes(workpool.Cores(), len(p.photos), func(i int) {
		ph := p.photos[i]
		data, err := ph.encode()
		if err != nil {
			errs[i] = fmt.Errorf("corpus: encode %s: %w", ph.file, err)
		}
		photos[i] = siteFile{path: "content/" + p.imgDir + "/" + ph.file, data: data}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return append(files, photos...), nil
}

func (p *plan) siteTitle() string {
	return fmt.Sprintf("Corpus of %d pages (seed %d)", len(p.pages), p.seed)
}

func (p *plan) writeHome(w *prose) {
	p.writeFields(w.buf, 'y', []field{{"title", p.siteTitle()}})
	w.paragraph(3)
	if p.counts.Chapters > 0 {
		fmt.Fprintf(w.buf, " Read [the book](%s).", p.sectionLink("book"))
	}
	if p.counts.Posts > 0 {
		fmt.Fprintf(w.buf, " Browse [the blog](%s).", p.sectionLink("blog"))
	}
	w.buf.WriteString("\n")
}

func (p *plan) writeBookIndex(w *prose) {
	fields := []field{
		{"title", p.bookTitle},
		{"subtitle", w.title()},
		{"author", author},
		{"description", "A generated book of " + fmt.Sprint(p.counts.Chapters) + " chapters."},
		{"status", "forthcoming"},
	}
	var names []string
	for _, s := range p.series[:min(2, len(p.series))] {
		names = append(names, s.name)
	}
	if len(names) > 0 {
		fields = append(fields, field{"series", names})
	}
	if len(p.photos) > 0 {
		fields = append(fields, field{"photo", p.photoFields("book/_index.md", 0)})
	}
	p.writeFields(w.buf, 'y', fields)
	w.paragraph(4)
	w.buf.WriteString("\n")
}

func (p *plan) photoFields(from string, i int) photoFields {
	ph := p.photos[i]
	return photoFields{src: p.photoSrc(from, ph), alt: ph.alt, credit: credit, creditURL: creditURL, license: license}
}

// renderPage returns a chapter's or post's whole source file.
func (p *plan) renderPage(pg *pagePlan) []byte {
	r := rand.New(rand.NewPCG(p.seed, uint64(pg.index)+1))
	w := &prose{r: r, buf: bytes.NewBuffer(make([]byte, 0, p.counts.Words*8))}
	fields, summary := p.pageFields(r, pg)
	p.writeFields(w.buf, pg.format, fields)
	more := pg.kind == kindPost && !summary && r.IntN(2) == 0
	p.renderBody(w, pg, more)
	return w.buf.Bytes()
}

// pageFields is a page's front matter; summary reports whether it has one.
func (p *plan) pageFields(r *rand.Rand, pg *pagePlan) ([]field, bool) {
	f := []field{{"title", pg.title}}
	if pg.kind == kindChapter {
		f = append(f, field{"order", pg.order})
		if pg.frontBak {
			f = append(f, field{"numbered", false})
		}
	} else {
		f = append(f, field{"date", pg.date})
		if r.IntN(10) == 0 {
			f = append(f, field{"updated", pg.date.AddDate(0, 0, 1+r.IntN(60))})
		}
		if len(pg.tags) > 0 {
			f = append(f, field{"tags", pg.tags})
		}
		if pg.series >= 0 {
			f = append(f, field{"series", p.series[pg.series].name}, field{"order", pg.order})
		}
		if r.IntN(30) == 0 {
			name := path.Base(strings.TrimSuffix(strings.TrimSuffix(pg.path, ".md"), "/index"))
			f = append(f, field{"slug", fmt.Sprintf("%s-%d", name, pg.index)})
		}
	}
	summary := pg.kind == kindPost && r.IntN(10) < 4
	if summary {
		f = append(f, field{"summary", plainSentences(r, 2)})
	}
	if r.IntN(5) == 0 {
		f = append(f, field{"description", plainSentences(r, 1)})
	}
	if pg.photo >= 0 {
		f = append(f, field{"photo", p.photoFields(pg.path, pg.photo)})
	}
	return f, summary
}

func plainSentences(r *rand.Rand, n int) string {
	w := &prose{r: r, buf: new(bytes.Buffer), plain: true}
	w.paragraph(n)
	return w.buf.String()
}
