package build

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"folio/internal/buildtest"
	"folio/internal/content"
	"folio/internal/output"
	"folio/internal/views"
)

// BenchmarkLayouts executes the layouts of one chapter and one post of
// the 1,000-page corpus, as the page stage does (the page's data, its
// views, the chapter's sidebar), without converting or writing them:
// the cost of html/template and of the views alone.
func BenchmarkLayouts(b *testing.B) {
	bl := builtInMemory(b, os.DirFS(buildtest.CorpusDir(b, 1000)))
	site := bl.site
	chapter := site.Books[0].Chapters[3].Page
	post := site.Blogs[0].Posts[10].Page
	for _, p := range []*content.Page{chapter, post} {
		b.Run(string(p.Kind), func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				d := bl.pageDataFor(p)
				v := bl.newViewer()
				if c := d.SidebarOf(); c != nil {
					d.Sidebar = bl.sidebars.Sidebar(c, v)
				}
				if err := bl.tmpl.Execute(&buf, LayoutFor(p), views.NewDataView(d, v)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "page-bytes")
		})
	}
}

// builtInMemory builds the site of fsys into memory and returns the
// builder, for a benchmark of one of its stages.
func builtInMemory(b *testing.B, fsys fs.FS) *builder {
	bl := builderInMemory(b, fsys)
	if err := bl.run(); err != nil {
		b.Fatal(err)
	}
	return bl
}

// pagesInMemory runs the stages of a clean build of fsys into memory up to
// and including the page stage, as builder.run does, and stops there: the
// renderings of the books' chapters that the page stage keeps for the
// print edition and EPUB (editions.Kept), which a whole build lets go at
// its end, stay until the benchmark is done.
func pagesInMemory(b *testing.B, fsys fs.FS) *builder {
	bl := builderInMemory(b, fsys)
	bl.resolvePhotos(bl.site.Pages)
	bl.cache.Begin(bl.h)
	bl.sidebars.Render(bl.site)
	bl.prepareEditions()
	b.Cleanup(bl.editions.Close)
	b.Cleanup(bl.searchKept.Close)
	bl.renderPages()
	bl.img.Process()
	bl.checkAnchors()
	if err := bl.stageErr(); err != nil {
		b.Fatal(err)
	}
	return bl
}

// builderInMemory loads and links the site of fsys and returns a clean
// build's builder of it, writing into memory, before any stage has run.
func builderInMemory(b *testing.B, fsys fs.FS) *builder {
	cfg, err := Configure(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	site, err := content.Load(fsys, cfg, content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := content.Link(site); err != nil {
		b.Fatal(err)
	}
	w, _ := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	bl, err := newBuilder(fsys, site, w, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return bl
}
