package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"time"
)

// plan is the whole site decided up front, so that any page can link to any
// other page's headings before either is written, and so that pages can then
// be rendered independently (and in parallel) from their own seeds.
type plan struct {
	counts     Counts
	seed       uint64
	realPhotos bool
	hugo       bool        // the Hugo variant (see hugo.go)
	pages      []*pagePlan // chapters first, then posts in date order
	parts      []partPlan
	series     []seriesPlan
	tags       []string
	photos     []photoPlan
	imgDir     string // content-relative folder holding the photos
	bookTitle  string
	// chapterPaths are the chapter files taken so far.
	chapterPaths map[string]bool
}

type pageKind int

const (
	kindChapter pageKind = iota
	kindPost
)

type pagePlan struct {
	index    int
	kind     pageKind
	path     string // slash path relative to content/
	title    string
	order    int
	frontBak bool // preface or acknowledgements: numbered: false
	date     time.Time
	tags     []string
	series   int // index into plan.series, or -1
	photo    int // index into plan.photos, or -1
	headings []heading
	links    []link
	format   byte // 'y' YAML, 't' TOML, 'j' JSON front matter
}

type heading struct{ text, id string }

// link points at another page and, unless heading is -1, one of its headings.
type link struct{ target, heading int }

type partPlan struct {
	dir, title string
	order      int
}

type seriesPlan struct {
	name, slug string
	posts      []int
}

// The blog's dates run over ten years that are safely in the past, so no
// post is held back as scheduled.
var (
	firstDay = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays = 3653
)

func newPlan(c Counts, seed uint64, realPhotos bool) *plan {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	p := &plan{counts: c, seed: seed, realPhotos: realPhotos}
	w := &prose{r: r, buf: new(bytes.Buffer)}
	p.bookTitle = "The " + capitalize(pick(r, adjectives)) + " Book of " + capitalize(pick(r, nouns))
	p.planTags(r)
	p.planPhotos(r)
	p.planChapters(w)
	p.planPosts(w)
	p.planSeries(w)
	for _, pg := range p.pages {
		p.planPage(w, pg)
	}
	for _, pg := range p.pages {
		p.planLinks(r, pg)
	}
	return p
}

func (p *plan) planTags(r *rand.Rand) {
	seen := map[string]bool{}
	for len(p.tags) < p.counts.Tags {
		t := pick(r, nouns)
		if r.IntN(6) == 0 {
			t = pick(r, adjectives) + " " + t
		}
		if seen[t] {
			t = fmt.Sprintf("%s %d", t, len(p.tags))
		}
		seen[t] = true
		p.tags = append(p.tags, t)
	}
}

func (p *plan) planChapters(w *prose) {
	n := p.counts.Chapters
	if n == 0 {
		return
	}
	p.imgDir = "book/img"
	body := n
	if n >= 3 {
		body = n - 2
		p.addChapter(w, "book", "Preface", 5, true)
	}
	parts := p.counts.Parts
	for i := range parts {
		title := w.title()
		part := partPlan{dir: fmt.Sprintf("book/part-%02d-%s", i+1, slugify(title)), title: title, order: 10 * (i + 1)}
		p.parts = append(p.parts, part)
		// Spread chapters evenly; earlier parts take the remainder.
		count := body / parts
		if i < body%parts {
			count++
		}
		for j := range count {
			p.addChapter(w, part.dir, w.title(), 10*(j+1), false)
		}
	}
	if n >= 3 {
		p.addChapter(w, "book", "Acknowledgements", 10*(parts+1), true)
	}
}

func (p *plan) addChapter(w *prose, dir, title string, order int, frontBack bool) {
	i := len(p.pages)
	pg := &pagePlan{index: i, kind: kindChapter, title: title, order: order, frontBak: frontBack, series: -1, photo: -1}
	// Chapters are named by their titles, as an author names files, so
	// parts share names (intro.md in two parts) and only the order keys
	// place them; within a folder a name is taken once.
	name := slugify(title)
	for k := 2; p.chapterPaths[dir+"/"+name+".md"]; k++ {
		name = fmt.Sprintf("%s-%d", slugify(title), k)
	}
	pg.path = dir + "/" + name + ".md"
	if p.chapterPaths == nil {
		p.chapterPaths = map[string]bool{}
	}
	p.chapterPaths[pg.path] = true
	if w.r.IntN(10) < 3 {
		pg.photo = p.randomPhoto(w.r)
	}
	p.pages = append(p.pages, pg)
}

func (p *plan) planPosts(w *prose) {
	n := p.counts.Posts
	if n == 0 {
		return
	}
	if p.imgDir == "" {
		p.imgDir = "blog/img"
	}
	days := make([]int, n)
	for i := range days {
		days[i] = w.r.IntN(spanDays)
	}
	slices.Sort(days)
	for _, d := range days {
		i := len(p.pages)
		pg := &pagePlan{index: i, kind: kindPost, title: w.title(), series: -1, photo: -1}
		pg.date = firstDay.AddDate(0, 0, d)
		if w.r.IntN(20) == 0 {
			pg.date = pg.date.Add(time.Duration(w.r.IntN(24*60)) * time.Minute)
		}
		pg.path = fmt.Sprintf("blog/%s-%05d.md", slugify(pg.title), i)
		if i%10 == 3 {
			// One post in ten is a page bundle, as Hugo authors keep them.
			pg.path = fmt.Sprintf("blog/%s-%05d/index.md", slugify(pg.title), i)
		}
		if len(p.tags) > 0 {
			for range 1 + w.r.IntN(4) {
				if t := pick(w.r, p.tags); !slices.Contains(pg.tags, t) {
					pg.tags = append(pg.tags, t)
				}
			}
		}
		if w.r.IntN(10) < 6 {
			pg.photo = p.randomPhoto(w.r)
		}
		p.pages = append(p.pages, pg)
	}
}

// planSeries draws 5 to 10 posts for each series from a shuffled pool;
// inside a series posts keep date order, so order and date agree.
func (p *plan) planSeries(w *prose) {
	first := p.counts.Chapters
	pool := make([]int, p.counts.Posts)
	for i := range pool {
		pool[i] = first + i
	}
	w.r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	seen := map[string]bool{}
	for s := 0; s < p.counts.Series && len(pool) > 0; s++ {
		name := seriesName(w)
		for k := 2; seen[name]; k++ {
			name = fmt.Sprintf("%s %d", seriesName(w), k)
		}
		seen[name] = true
		size := min(5+w.r.IntN(6), len(pool))
		members := slices.Clone(pool[:size])
		pool = pool[size:]
		slices.Sort(members)
		for k, idx := range members {
			pg := p.pages[idx]
			pg.series, pg.order = len(p.series), k+1
			pg.title = name + ": " + capitalize(pick(w.r, nouns))
		}
		p.series = append(p.series, seriesPlan{name: name, slug: slugify(name), posts: members})
	}
}

func seriesName(w *prose) string {
	n := capitalize(pick(w.r, nouns))
	switch w.r.IntN(3) {
	case 0:
		return "Notes on " + n
	case 1:
		return capitalize(pick(w.r, adjectives)) + " " + n
	}
	return n + " Behaviors"
}

// planPage decides a page's headings (all with explicit ids, the link
// targets) and its front matter format.
func (p *plan) planPage(w *prose, pg *pagePlan) {
	n := max(1, min(12, p.counts.Words/200))
	ids := map[string]bool{}
	for range n {
		text := w.title()
		id := slugify(text)
		for k := 2; ids[id]; k++ {
			id = fmt.Sprintf("%s-%d", slugify(text), k)
		}
		ids[id] = true
		pg.headings = append(pg.headings, heading{text: text, id: id})
	}
	switch v := w.r.IntN(20); {
	case v == 0:
		pg.format = 'j'
	case v < 3:
		pg.format = 't'
	default:
		pg.format = 'y'
	}
}

func (p *plan) planLinks(r *rand.Rand, pg *pagePlan) {
	if len(p.pages) < 2 {
		return
	}
	for range 1 + r.IntN(3) {
		t := r.IntN(len(p.pages) - 1)
		if t >= pg.index {
			t++
		}
		h := -1
		if r.IntN(7) > 0 {
			h = r.IntN(len(p.pages[t].headings))
		}
		pg.links = append(pg.links, link{target: t, heading: h})
	}
}

func (p *plan) randomPhoto(r *rand.Rand) int {
	if len(p.photos) == 0 {
		return -1
	}
	return r.IntN(len(p.photos))
}

// slugify lowercases ASCII words and joins them with hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// relPath is the relative slash path from the folder holding from to to.
func relPath(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	toParts := strings.Split(to, "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}
