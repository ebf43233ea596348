package preview

import (
	"strings"

	"folio/internal/build"
	"folio/internal/converted"
	"folio/internal/i18n"

	"folio/internal/content"
	"folio/internal/markdown"
	"folio/internal/views"
)

// This file is the memo's half that reuses conversions: a page's Markdown
// is converted again only when its source, its feed URL or the answers to
// its links and images changed.

// conversion is a page's converted Markdown and what it was converted from.
type conversion struct {
	sum  string // source digest
	base string // feed URL (Env.Base), from the two below
	// baseURL and pageURL are the site's and the page's URL base is made of.
	baseURL, pageURL string
	unsafe           bool
	words            *i18n.Words // callout labels
	world            uint64      // the world in which the answers in calls were given
	calls            []envCall
	c                *converted.Page
	own              uint64
}

// envCall is one question the converter asked about a link or an image,
// and the answer.
type envCall struct {
	image      bool
	anchor     bool // an in-page link to id
	dest       string
	line       int
	url        string
	target, id string // a link to a heading: the page's path and the id
	w, h       int
	srcset     string // an image's srcset and sizes
	err        string
}

// worldPrint fingerprints what the answers to links and images depend on:
// pages and their URLs, assets, sources left out of the build, static files.
func (m *memo) worldPrint(b *build.Builder) uint64 {
	f := views.NewFingerprint()
	for _, p := range b.Site().Pages {
		f.Str(p.Path)
		f.Str(p.URL)
	}
	for _, a := range b.Site().Assets {
		f.Str(a.Path)
		sum, _ := m.tree.Sum(a.File)
		f.Str(sum)
	}
	// Left-out sources and static files, in no particular order: a sum of
	// per-file prints does not depend on it.
	var files uint64
	m.tree.Sums(func(rel, sum string) {
		switch {
		case strings.HasPrefix(rel, "static/"):
		case strings.HasPrefix(rel, content.ContentDir+"/") && strings.HasSuffix(rel, ".md") &&
			b.Site().PageByPath(strings.TrimPrefix(rel, content.ContentDir+"/")) == nil:
		default:
			return
		}
		g := views.NewFingerprint()
		g.Str(rel)
		g.Str(sum)
		files += g.Sum()
	})
	f.U64(files)
	f.Bool(b.Site().Config.Drafts)
	f.Bool(b.Site().Config.Future)
	f.Str(b.URLs().Prefix()) // links and images carry it
	return f.Sum()
}

// Conversion returns the page's conversion from an earlier build when it
// still holds, and queues its heading links for checking as converting
// would.
func (m *memo) Conversion(b *build.Builder, p *content.Page, inFeed bool) *converted.Page {
	sum, ok := m.tree.Sum(p.File)
	e := m.st.conv[p.Path]
	if !ok || e == nil || e.sum != sum || e.unsafe != b.Site().Config.UnsafeHTML || e.words != b.Words() || !e.sameBase(inFeed, b.Site().Config.BaseURL, p.URL) {
		return nil
	}
	if !m.imagesHold(b, p, e) {
		return nil
	}
	if e.world != m.world {
		if !m.answersHold(b, p, e) {
			return nil
		}
		again := *e
		again.world = m.world
		m.mu.Lock()
		m.fresh[p.Path] = &again
		m.mu.Unlock()
	}
	for _, c := range e.calls {
		switch {
		case c.anchor:
			b.CheckLater(build.AnchorCheck{From: p, Line: c.line, Target: p, ID: c.id, Dest: "#" + c.id})
		case c.target != "":
			if t := b.Site().PageByPath(c.target); t != nil {
				b.CheckLater(build.AnchorCheck{From: p, Line: c.line, Target: t, ID: c.id, Dest: c.dest})
			}
		}
	}
	m.marks[p].own = e.own
	return e.c
}

// sameBase reports whether the conversion was made with the feed URL the
// page has now, without working that URL out.
func (e *conversion) sameBase(inFeed bool, baseURL, pageURL string) bool {
	if !inFeed {
		return e.base == ""
	}
	return e.base != "" && e.baseURL == baseURL && e.pageURL == pageURL
}

// imagesHold asks the recorded questions about images again, whatever
// the world: the answer also depends on which variants are ready, and
// asking is what makes this build publish them.
func (m *memo) imagesHold(b *build.Builder, p *content.Page, e *conversion) bool {
	for _, c := range e.calls {
		if !c.image {
			continue
		}
		img, err := b.Images().Image(p, c.dest, c.line)
		if img.URL != c.url || img.Width != c.w || img.Height != c.h || img.SrcSet+img.Sizes != c.srcset || errText(err) != c.err {
			return false
		}
	}
	return true
}

// answersHold asks the recorded questions again.
func (m *memo) answersHold(b *build.Builder, p *content.Page, e *conversion) bool {
	for _, c := range e.calls {
		if c.anchor {
			continue // in-page: the page itself, which has not changed
		}
		if c.image {
			continue // imagesHold asked
		}
		u, target, id, err := b.Link(p, c.dest)
		tp := pathOf(target, id)
		if u != c.url || errText(err) != c.err || tp != c.target || tp != "" && id != c.id {
			return false
		}
	}
	return true
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// pathOf is the path recorded for a link to a heading of target.
func pathOf(target *content.Page, id string) string {
	if target == nil || id == "" {
		return ""
	}
	return target.Path
}

// recorder notes the questions a conversion asks through env.
type recorder struct{ calls []envCall }

// Record wraps env's functions so that their answers are recorded, and
// returns what keeps the conversion with them for the next build.
func (m *memo) Record(b *build.Builder, p *content.Page, env *markdown.Env) func(*converted.Page) {
	r := &recorder{}
	base := env.Base
	link, image, anchor := env.Link, env.Image, env.Anchor
	env.Anchor = func(id string, line int) {
		anchor(id, line)
		r.calls = append(r.calls, envCall{anchor: true, id: id, line: line})
	}
	env.Link = func(dest string, line int) (string, error) {
		u, err := link(dest, line)
		_, target, id, _ := b.Link(p, dest)
		c := envCall{dest: dest, line: line, url: u, err: errText(err), target: pathOf(target, id)}
		if c.target != "" {
			c.id = id
		}
		r.calls = append(r.calls, c)
		return u, err
	}
	env.Image = func(src string, line int) (markdown.Image, error) {
		img, err := image(src, line)
		r.calls = append(r.calls, envCall{image: true, dest: src, line: line, url: img.URL,
			w: img.Width, h: img.Height, srcset: img.SrcSet + img.Sizes, err: errText(err)})
		return img, err
	}
	return func(c *converted.Page) { m.keep(b, p, base, c, r) }
}

// keep stores a fresh conversion for the next build.
func (m *memo) keep(b *build.Builder, p *content.Page, base string, c *converted.Page, r *recorder) {
	own := ownPrint(c)
	m.marks[p].own = own
	sum, ok := m.tree.Sum(p.File)
	if !ok {
		return // a section without _index.md: nothing to key it by
	}
	e := &conversion{sum: sum, base: base, baseURL: b.Site().Config.BaseURL, pageURL: p.URL, unsafe: b.Site().Config.UnsafeHTML,
		words: b.Words(), world: m.world, calls: r.calls, c: c, own: own}
	m.mu.Lock()
	m.fresh[p.Path] = e
	m.mu.Unlock()
}

// Converted fingerprints what lists show of a page's conversion.
func (m *memo) Converted(b *build.Builder, p *content.Page) {
	cs := b.Store()
	m.marks[p].conv, m.marks[p].heads = convPrint(cs, p), headsPrint(cs.Headings(p))
}

// convPrint fingerprints what conversion derives for a page that lists show.
func convPrint(cs *converted.Store, p *content.Page) uint64 {
	f := views.NewFingerprint()
	f.Str(string(cs.Summary(p)))
	f.Str(cs.Description(p))
	return f.Sum()
}

// headsPrint fingerprints a page's outline.
func headsPrint(hs []content.Heading) uint64 {
	f := views.NewFingerprint()
	for _, h := range hs {
		f.Int(h.Level)
		f.Str(h.ID)
		f.Str(h.Text)
	}
	return f.Sum()
}

// ownPrint fingerprints what only the page itself (and feeds) show of its
// conversion.
func ownPrint(c *converted.Page) uint64 {
	f := views.NewFingerprint()
	f.Str(string(c.HTML()))
	f.Int(len(c.Headings()))
	for _, h := range c.Headings() {
		f.Int(h.Level)
		f.Str(h.ID)
		f.Str(h.Text)
	}
	f.Bytes(c.AbsHTML())
	return f.Sum()
}
