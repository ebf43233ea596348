package build

import (
	"slices"
	"sort"
	"strings"

	"folio/internal/content"
	"folio/internal/converted"
	"folio/internal/markdown"
	"folio/internal/resolve"
)

// AnchorCheck is a link to a heading (of another page, or an in-page
// link), checked once every page's headings are known: the page it is in
// and its line, the page it points at, the heading's id, and the link as
// written.
type AnchorCheck struct {
	From   *content.Page
	Line   int
	Target *content.Page
	ID     string
	Dest   string
}

// convert turns a page's Markdown into HTML and keeps what later stages need.
func (b *builder) convert(p *content.Page) {
	inFeed := b.inFeed[p] && b.cfg.BaseURL != ""
	c := b.cache.Conversion(b.h, p, inFeed)
	if c == nil {
		if err := b.sources.Restore(p); err != nil { // before editionEnvs, which looks at the source
			b.problem(content.Errorf(p.File, 0, "%v", err))
			return
		}
		env := b.env(p)
		if inFeed {
			env.Base = b.absolute(p.URL)
		}
		env.Editions = b.editionEnvs(p)
		keep := b.cache.Record(b.h, p, &env)
		doc, err := b.md.Convert(content.BodyOf(b.source(p)), env)
		if err != nil {
			b.problem(content.Errorf(p.File, 0, "convert Markdown: %v", err))
			return
		}
		b.keepEditions(p)
		c = converted.New(p, doc)
		keep(c)
	}
	b.apply(p, c)
	b.analyzeForSearch(p, c)
	b.cache.Converted(b.h, p)
}

// apply keeps a page's conversion in the build's store and reports its
// problems.
func (b *builder) apply(p *content.Page, c *converted.Page) {
	for _, pr := range c.Problems() {
		b.problem(content.Errorf(p.File, pr.Line, "%s", pr.Message))
	}
	b.warnings(p, c.Warnings())
	b.conv.Keep(p, c)
	if c.AbsHTML() != nil {
		b.feedFiles.Keep(p, c.AbsHTML())
	}
	if !b.keepSources && p.Kind != content.KindChapter && p.Kind != content.KindPart {
		content.SetBody(p, nil) // the print edition and EPUB convert chapters and part intros again; nothing else needs the source
	}
}

// warnings records the warnings of a page's conversion (what the raw-HTML
// policy removed, raw HTML a browser repairs) from any goroutine.
func (b *builder) warnings(p *content.Page, ws []markdown.Problem) {
	if len(ws) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, w := range ws {
		b.warns.Add(p.File, w.Line, "%s", w.Message)
	}
}

// sortWarnings orders the build's warnings by file and line, as problems
// are; pages are converted in no fixed order.
func (b *builder) sortWarnings() {
	slices.SortStableFunc(b.warns, func(a, b *content.Error) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// env resolves a page's links to other pages' URLs and its images to their
// site paths, recording links to headings for checkAnchors.
func (b *builder) env(p *content.Page) markdown.Env {
	return markdown.Env{
		FirstLine: b.source(p).BodyLine,
		Title:     p.Title,
		Link: func(dest string, line int) (string, error) {
			u, target, id, err := b.link(p, dest)
			if target != nil && id != "" {
				b.checkLater(AnchorCheck{From: p, Line: line, Target: target, ID: id, Dest: dest})
			}
			return u, err
		},
		Anchor: func(id string, line int) {
			b.checkLater(AnchorCheck{From: p, Line: line, Target: p, ID: id, Dest: "#" + id})
		},
		Image: func(src string, line int) (markdown.Image, error) { return b.img.Image(p, src, line) },
	}
}

// link is the URL a link of page p to dest becomes, with the page and heading
// it points at.
func (b *builder) link(p *content.Page, dest string) (string, *content.Page, string, error) {
	target, id, err := b.links.Target(p, dest)
	switch {
	case err != nil:
		return "", nil, "", err
	case target == nil:
		b.img.KeepOriginal(id)                     // a link to an image wants the file itself
		return b.urls.Path("/" + id), nil, "", nil // an asset; id holds its path
	case id != "":
		return b.urls.Path(target.URL) + "#" + id, target, id, nil
	}
	return b.urls.Path(target.URL), target, "", nil
}

func (b *builder) checkLater(a AnchorCheck) {
	b.mu.Lock()
	b.anchors = append(b.anchors, a)
	b.mu.Unlock()
}

// checkAnchors reports links to headings that the target page lacks.
func (b *builder) checkAnchors() {
	b.checkAnchorList(b.anchors)
}

func (b *builder) checkAnchorList(anchors []AnchorCheck) {
	for _, a := range anchors {
		if e := resolve.MissingHeading(a.From, a.Line, a.Target, b.conv.Outline(a.Target), a.ID, a.Dest); e != nil {
			b.problem(e)
		}
	}
}

// resolvePhotos finds the front matter photos of pages and warns about
// photos that would ship without credit or alt text.
func (b *builder) resolvePhotos(pages []*content.Page) {
	for _, p := range pages {
		ph := p.Photo
		if ph == nil {
			continue
		}
		rel, err := b.links.Asset(p, ph.Src)
		if err != nil {
			b.problem(content.Errorf(p.File, ph.Line, "photo: %v", err))
			continue
		}
		if err := b.img.Photo(p, ph, rel); err != nil {
			b.problem(content.Errorf(p.File, ph.Line, "photo: %v", err))
			continue
		}
		if strings.TrimSpace(ph.Credit) == "" {
			b.warns.Add(p.File, ph.Line, "photo %s has no credit; add credit: (and credit_url, license) so the photographer is named", ph.Src)
		}
		if strings.TrimSpace(ph.Alt) == "" {
			b.warns.Add(p.File, ph.Line, "photo %s has no alt text; add alt: describing the picture for readers who cannot see it", ph.Src)
		}
	}
	sort.SliceStable(b.warns, func(i, j int) bool { return b.warns[i].File < b.warns[j].File })
}
