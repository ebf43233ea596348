package preview

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// siteEditor makes random edits to a site folder the way an author does,
// each returning the paths it touched (as a watcher reports them) and a way
// to undo it.
type siteEditor struct {
	t   *testing.T
	dir string
	rng *rand.Rand
	n   int // counts edits, for unique text
}

// edit is one applied change.
type edit struct {
	name    string
	touched []string // relative to the site folder
	undo    func() []string
}

func (e *siteEditor) path(rel string) string { return filepath.Join(e.dir, filepath.FromSlash(rel)) }

func (e *siteEditor) read(rel string) []byte {
	data, err := os.ReadFile(e.path(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return data
}

func (e *siteEditor) write(rel string, data []byte) {
	p := e.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// snapshot remembers files so that an undo can put them back (nil: absent).
func (e *siteEditor) snapshot(rels ...string) func() []string {
	saved := map[string][]byte{}
	for _, rel := range rels {
		if data, err := os.ReadFile(e.path(rel)); err == nil {
			saved[rel] = data
		} else {
			saved[rel] = nil
		}
	}
	return func() []string {
		for _, rel := range rels {
			if saved[rel] == nil {
				_ = os.Remove(e.path(rel))
			} else {
				e.write(rel, saved[rel])
			}
		}
		return rels
	}
}

// pages lists the Markdown files under content/, sorted; indexes tells
// whether _index.md files are included.
func (e *siteEditor) pages(indexes bool) []string {
	var out []string
	_ = filepath.WalkDir(e.path("content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		if !indexes && d.Name() == "_index.md" {
			return nil
		}
		rel, _ := filepath.Rel(e.dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(out)
	return out
}

func (e *siteEditor) pick(rels []string) string {
	if len(rels) == 0 {
		e.t.Fatal("nothing to pick from")
	}
	return rels[e.rng.IntN(len(rels))]
}

// posts and chapters tell pages by folder.
func (e *siteEditor) posts() []string {
	return slices.DeleteFunc(e.pages(false), func(r string) bool { return !strings.HasPrefix(r, "content/blog/") })
}

func (e *siteEditor) chapters() []string {
	return slices.DeleteFunc(e.pages(false), func(r string) bool { return !strings.HasPrefix(r, "content/book/") })
}

// splitSource cuts a page into front matter (with delimiters) and body.
func splitSource(src []byte) (format string, fm, body []byte) {
	s := string(src)
	for _, d := range []struct{ open, close, format string }{{"---\n", "\n---\n", "yaml"}, {"+++\n", "\n+++\n", "toml"}, {"{\n", "\n}\n", "json"}} {
		if strings.HasPrefix(s, d.open) {
			if i := strings.Index(s[len(d.open)-1:], d.close); i >= 0 {
				end := len(d.open) - 1 + i + len(d.close)
				return d.format, src[:end], src[end:]
			}
		}
	}
	return "", nil, src
}

// setKey sets (or with value "" removes) a top-level front matter key.
// value is written as given, so strings must carry their quotes.
func setKey(src []byte, key, value string) []byte {
	format, fm, body := splitSource(src)
	if fm == nil {
		return src
	}
	var line *regexp.Regexp
	var entry string
	switch format {
	case "yaml":
		line, entry = regexp.MustCompile(`(?m)^`+key+`:.*\n(  .*\n)*`), key+": "+value+"\n"
	case "toml":
		line, entry = regexp.MustCompile(`(?m)^`+key+` = .*\n`), key+" = "+value+"\n"
	default:
		line, entry = regexp.MustCompile(`(?m)^  "`+key+`": .*\n`), `  "`+key+`": `+value+",\n"
	}
	if value == "" {
		entry = ""
	}
	out := fm
	if line.Match(fm) {
		out = line.ReplaceAll(fm, []byte(entry))
	} else if entry != "" {
		at := bytes.IndexByte(fm, '\n') + 1
		out = slices.Concat(fm[:at], []byte(entry), fm[at:])
	}
	if format == "json" {
		out = regexp.MustCompile(`,\n}`).ReplaceAll(out, []byte("\n}"))
		out = regexp.MustCompile(`("[^\n]*[^,{\n])\n  "`).ReplaceAll(out, []byte("$1,\n  \""))
	}
	return slices.Concat(out, body)
}

var words = strings.Fields("coach client agenda listening question silence candor trust habit review promise partner " +
	"session notebook kettle window morning patience doubt courage")

func (e *siteEditor) sentence(n int) string {
	e.n++
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[e.rng.IntN(len(words))]
	}
	return fmt.Sprintf("Edit %d: %s.", e.n, strings.Join(ws, " "))
}

// pngOf draws a w×h image, so that image sizes in the pages change.
func pngOf(w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = []byte{c.R, c.G, c.B, c.A}[i%4]
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// editBody changes the text of a page the way drafting does: a word, a
// paragraph, a heading, the opening paragraph, a long passage, or raw HTML
// that the build warns about.
func (e *siteEditor) editBody() edit {
	rel := e.pick(e.pages(true))
	undo := e.snapshot(rel)
	_, fm, body := splitSource(e.read(rel))
	paras := strings.Split(string(body), "\n\n")
	i := e.rng.IntN(len(paras))
	switch e.rng.IntN(7) {
	case 6: // raw HTML the policy removes or cannot balance: warnings
		paras = slices.Insert(paras, i, e.pick([]string{fmt.Sprintf("<script>track(%d)</script>", e.n), "<div class=\"aside\">\n\n" + e.sentence(4), "</span>"}))
	case 5: // a renamed heading breaks the links to it from other pages
		if h := slices.IndexFunc(paras, func(s string) bool { return strings.HasPrefix(s, "## ") }); h >= 0 {
			paras[h] = fmt.Sprintf("## Renamed %d", e.n)
			break
		}
		fallthrough
	case 0:
		paras[i] += " " + e.sentence(3)
	case 1:
		paras = slices.Insert(paras, i, e.sentence(12))
	case 2:
		paras = slices.Insert(paras, i, fmt.Sprintf("## Section %d", e.n+1), e.sentence(6))
	case 3:
		paras = slices.Insert(paras, min(1, len(paras)), e.sentence(8)) // the lead, so summaries change
	default:
		paras = append(paras, e.sentence(400))
	}
	e.write(rel, slices.Concat(fm, []byte(strings.Join(paras, "\n\n"))))
	if e.rng.IntN(4) == 0 {
		e.saveOn(rel) // the sitemap dates undated pages by their last save
	}
	return edit{name: "edit body of " + rel, touched: []string{rel}, undo: undo}
}

// reworkChapter rewrites a chapter's opening and adds a section and a long
// passage: its summary, outline and reading time all change.
func (e *siteEditor) reworkChapter() edit {
	rel := e.pick(e.chapters())
	undo := e.snapshot(rel)
	_, fm, body := splitSource(e.read(rel))
	text := fmt.Sprintf("%s\n\n## Reworked %d\n\n%s\n\n%s", e.sentence(8), e.n, body, e.sentence(500))
	e.write(rel, slices.Concat(fm, []byte(text)))
	return edit{name: "rework " + rel, touched: []string{rel}, undo: undo}
}

// saveOn gives a file the modification time of a save on another day.
func (e *siteEditor) saveOn(rel string) {
	t := time.Date(2025, time.Month(1+e.rng.IntN(12)), 1+e.rng.IntN(28), 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(e.path(rel), t, t); err != nil {
		e.t.Fatal(err)
	}
}

// touch saves a page again unchanged, on another day.
func (e *siteEditor) touch() edit {
	rel := e.pick(e.pages(true))
	e.saveOn(rel)
	return edit{name: "touch " + rel, touched: []string{rel}}
}

// editFrontMatter changes one key: title, order, date, series, tags,
// draft, slug, summary, description or a key of the page's own (.Params).
func (e *siteEditor) editFrontMatter() edit {
	var rel, key, value string
	switch e.rng.IntN(10) {
	case 0:
		rel, key, value = e.pick(e.pages(true)), "title", fmt.Sprintf("%q", e.sentence(2))
	case 1:
		rel, key, value = e.pick(e.chapters()), "order", fmt.Sprint(e.rng.IntN(400))
	case 2:
		rel, key, value = e.pick(e.posts()), "date", fmt.Sprintf("2026-%02d-%02d", 1+e.rng.IntN(12), 1+e.rng.IntN(28))
	case 3:
		rel, key, value = e.pick(e.posts()), "series", e.pick([]string{`"Coaching Behaviors"`, `"Field Notes"`, ""})
	case 4:
		rel, key, value = e.pick(e.pages(false)), "tags", e.pick([]string{`["coaching", "habits"]`, `["news"]`, `["Field Notes", "coaching"]`, ""})
	case 5:
		rel, key, value = e.pick(e.pages(false)), "draft", e.pick([]string{"true", "false"})
	case 6:
		rel, key, value = e.pick(e.pages(false)), "slug", e.pick([]string{fmt.Sprintf("%q", fmt.Sprintf("moved-%d", e.n)), ""})
	case 7:
		rel, key, value = e.pick(e.pages(true)), "description", e.pick([]string{fmt.Sprintf("%q", e.sentence(4)), ""})
	case 8:
		rel, key, value = e.pick(e.pages(true)), "mood", e.pick([]string{`"calm"`, `"restless"`, fmt.Sprintf(`"mood %d"`, e.n), ""})
	default:
		rel, key, value = e.pick(e.pages(false)), "summary", e.pick([]string{fmt.Sprintf("%q", e.sentence(5)), ""})
	}
	e.n++
	undo := e.snapshot(rel)
	e.write(rel, setKey(e.read(rel), key, value))
	return edit{name: fmt.Sprintf("set %s: %s in %s", key, value, rel), touched: []string{rel}, undo: undo}
}

// addPage writes a new chapter, part, post or top-level page.
func (e *siteEditor) addPage() edit {
	e.n++
	var rel string
	var src string
	switch e.rng.IntN(4) {
	case 0:
		dir := path.Dir(e.pick(e.chapters()))
		rel = fmt.Sprintf("%s/new-chapter-%d.md", dir, e.n)
		src = fmt.Sprintf("---\ntitle: \"New Chapter %d\"\norder: %d\n---\n\n%s\n\n## Part of it\n\n%s\n", e.n, e.rng.IntN(400), e.sentence(20), e.sentence(30))
	case 1:
		rel = fmt.Sprintf("content/blog/new-post-%d.md", e.n)
		src = fmt.Sprintf("---\ntitle: \"New Post %d\"\ndate: 2026-%02d-%02d\nseries: \"Coaching Behaviors\"\ntags: [\"coaching\", \"new\"]\n---\n\n%s\n\n<!--more-->\n\n%s\n",
			e.n, 1+e.rng.IntN(12), 1+e.rng.IntN(28), e.sentence(15), e.sentence(40))
	case 2:
		dir := fmt.Sprintf("content/book/part-9%d-added", e.n)
		e.write(dir+"/_index.md", fmt.Appendf(nil, "---\ntitle: \"Added Part %d\"\norder: %d\n---\n\n%s\n", e.n, e.rng.IntN(400), e.sentence(10)))
		e.write(dir+"/first.md", fmt.Appendf(nil, "+++\ntitle = \"First of %d\"\n+++\n\n%s\n", e.n, e.sentence(30)))
		return edit{name: "add part " + dir, touched: []string{dir}, undo: func() []string {
			_ = os.RemoveAll(e.path(dir))
			return []string{dir}
		}}
	default:
		rel = fmt.Sprintf("content/page-%d.md", e.n)
		src = fmt.Sprintf("---\ntitle: \"Page %d\"\norder: %d\n---\n\n%s\n", e.n, e.rng.IntN(5), e.sentence(25))
	}
	undo := e.snapshot(rel)
	e.write(rel, []byte(src))
	return edit{name: "add " + rel, touched: []string{rel}, undo: undo}
}

// removeOrRename deletes a page, or renames it the way a file manager does.
func (e *siteEditor) removeOrRename() edit {
	rel := e.pick(e.pages(false))
	if e.rng.IntN(2) == 0 {
		undo := e.snapshot(rel)
		if err := os.Remove(e.path(rel)); err != nil {
			e.t.Fatal(err)
		}
		return edit{name: "remove " + rel, touched: []string{rel}, undo: undo}
	}
	to := strings.TrimSuffix(rel, ".md") + fmt.Sprintf("-renamed-%d.md", e.n)
	e.n++
	if err := os.Rename(e.path(rel), e.path(to)); err != nil {
		e.t.Fatal(err)
	}
	return edit{name: "rename " + rel, touched: []string{rel, to}, undo: func() []string {
		_ = os.Rename(e.path(to), e.path(rel))
		return []string{rel, to}
	}}
}

// breakFrontMatter leaves a page unreadable: an unclosed block, bad syntax,
// or no title.
func (e *siteEditor) breakFrontMatter() edit {
	rel := e.pick(e.pages(true))
	undo := e.snapshot(rel)
	src := e.read(rel)
	switch e.rng.IntN(3) {
	case 0:
		format, fm, body := splitSource(src)
		if format == "yaml" {
			src = slices.Concat(fm[:len(fm)-4], []byte("\n"), body)
			break
		}
		fallthrough
	case 1:
		src = append([]byte("---\ntitle: [unclosed\n---\n"), src...)
	default:
		src = setKey(src, "title", `""`)
	}
	e.write(rel, src)
	return edit{name: "break front matter of " + rel, touched: []string{rel}, undo: undo}
}

// editSiteFiles changes what is not a page: a template, folio.yaml, a
// static file, an image.
func (e *siteEditor) editSiteFiles() edit {
	e.n++
	var rel string
	var data []byte
	switch e.rng.IntN(5) {
	case 0:
		if _, err := os.Stat(e.path("layouts")); err == nil && e.rng.IntN(2) == 0 {
			if e.rng.IntN(2) == 0 {
				return e.removeLayouts()
			}
			return e.removeTemplate()
		}
		rel, data = e.userTemplate()
	case 1:
		rel = "folio.yaml"
		src := string(e.read(rel))
		src = regexp.MustCompile(`(?m)^page_size: .*\n`).ReplaceAllString(src, "")
		src = regexp.MustCompile(`(?m)^title: .*`).ReplaceAllString(src, fmt.Sprintf("title: \"Site %d\"", e.n))
		src = regexp.MustCompile(`(?s)# settings\n.*`).ReplaceAllString(src, "")
		src = regexp.MustCompile(`(?m)^language: .*\n`).ReplaceAllString(src, "")
		data = fmt.Appendf(nil, "%spage_size: %d\n", src, 2+e.rng.IntN(6))
		// The language and the settings for templates are inputs of every page.
		settings := []string{"", "language: de\n", "language: fr\nmenu:\n  - title: Livre\n    url: /book/\n",
			"language: en\nedit_url: https://example.org/edit/{path}\nparams:\n  n: 1\n"}
		data = append(append(data, "# settings\n"...), settings[e.rng.IntN(len(settings))]...)
	case 2:
		rel = e.pick([]string{"static/css/extra.css", "static/css/folio.css", "static/notes.txt"})
		data = fmt.Appendf(nil, "body { margin: %dpx; }\n/* %s */\n", e.n, e.sentence(3))
	case 3:
		rel = e.pickImage()
		data = pngOf(10+e.rng.IntN(50), 10+e.rng.IntN(50), color.RGBA{uint8(e.n), 80, 120, 255})
	default:
		rel = "static/css/extra.css"
		undo := e.snapshot(rel)
		_ = os.Remove(e.path(rel))
		return edit{name: "remove " + rel, touched: []string{rel}, undo: undo}
	}
	undo := e.snapshot(rel)
	e.write(rel, data)
	return edit{name: "write " + rel, touched: []string{rel}, undo: undo}
}

// userTemplates are layouts an author might write, reaching far into the
// site: every book's chapters and reading times in the footer of every
// page, chapters with their outlines and summaries on the book's home.
var userTemplates = []struct{ name, text string }{
	{"layouts/partials/footer.html", `{{define "footer"}}<footer><p>Footer %d · {{.Site.Config.Title}}</p>` +
		`{{range .Site.Books}}<p>{{.Index.Title}} ({{.Index.Status}}): {{range .Chapters}}{{.Page.Title}} {{.Page.ReadingMinutes}}m; {{end}}</p>{{end}}` +
		`<p>{{len .Site.Tags}} tags</p></footer>{{end}}`},
	{"layouts/book.html", `{{template "base" .}}{{define "main"}}<h1>{{.Title}} %d</h1>{{.Content}}` +
		`{{range .Book.Chapters}}<h2>{{.Page.Title}}</h2>{{.Page.SummaryHTML}}<ul>{{range .Page.Headings}}<li>{{.Text}}</li>{{end}}</ul>{{end}}{{end}}`},
	{"layouts/partials/head-extra.html", `{{define "head-extra"}}<meta name="x-build" content="%d">{{with .Page}}<meta name="x-words" content="{{.Words}}">{{end}}{{end}}`},
	// Every page shows every other page's summary, description and a key
	// of its own front matter.
	{"layouts/partials/footer.html", `{{define "footer"}}<footer><p>Footer %d</p>{{range .Site.Pages}}` +
		`<p>{{.Title}}: {{.Description}} | {{.SummaryHTML}}{{with .Params.mood}} | mood {{.}}{{end}}</p>{{end}}</footer>{{end}}`},
	// Overrides of built-in templates: the post page, a partial the built-in
	// post page calls, the chapter page, and the photo partial that the
	// print edition calls too.
	{"layouts/post.html", `{{template "base" .}}{{define "main"}}<article><h1>{{.Title}} %d</h1>` +
		`{{template "post-meta" (dict "Page" .Page "Scheduled" .Scheduled)}}{{.Content}}</article>` +
		`<aside>{{range .Site.Pages}}{{if .Params.mood}}<p>{{.Title}} feels {{.Params.mood}}: {{.Description}}</p>{{end}}{{end}}</aside>{{end}}`},
	{"layouts/partials/post-meta.html", `{{define "post-meta"}}<p class="meta">%d <time>{{date .Page.Date}}</time>` +
		`{{if .Scheduled}} (scheduled){{end}} {{.Page.ReadingMinutes}} min{{with .Page.Params.mood}}, {{.}}{{end}}</p>{{end}}`},
	{"layouts/chapter.html", `{{template "base" .}}{{define "main"}}<h1>{{.Title}} %d</h1>{{.Content}}` +
		`{{with .Book}}<ol>{{range .Chapters}}<li>{{.Page.Title}}: {{.Page.SummaryHTML}} {{.Page.Description}}</li>{{end}}</ol>{{end}}{{end}}`},
	{"layouts/partials/photo.html", `{{define "photo"}}{{with .Photo}}<figure data-edit="%d"><img src="{{url .URL}}" alt="{{.Alt}}">` +
		`{{with .Credit}}<figcaption>{{.}}</figcaption>{{end}}</figure>{{end}}{{end}}`},
	// Refused, with the same error in both paths: another page's HTML.
	{"layouts/partials/head-extra.html", `{{define "head-extra"}}<meta name="x-build" content="%d">{{range .Site.Pages}}{{len .HTML}}{{end}}{{end}}`},
}

func (e *siteEditor) userTemplate() (string, []byte) {
	t := userTemplates[e.rng.IntN(len(userTemplates))]
	return t.name, fmt.Appendf(nil, t.text+"\n", e.n)
}

// writeTemplate adds or replaces one of the userTemplates.
func (e *siteEditor) writeTemplate(t struct{ name, text string }) edit {
	e.n++
	undo := e.snapshot(t.name)
	e.write(t.name, fmt.Appendf(nil, t.text+"\n", e.n))
	return edit{name: "write " + t.name, touched: []string{t.name}, undo: undo}
}

// removeTemplate deletes one template of layouts/: the built-in one, if
// any, takes its place again.
func (e *siteEditor) removeTemplate() edit {
	var present []string
	for _, t := range userTemplates {
		if _, err := os.Stat(e.path(t.name)); err == nil && !slices.Contains(present, t.name) {
			present = append(present, t.name)
		}
	}
	if len(present) == 0 {
		return e.removeLayouts()
	}
	rel := e.pick(present)
	undo := e.snapshot(rel)
	if err := os.Remove(e.path(rel)); err != nil {
		e.t.Fatal(err)
	}
	return edit{name: "remove " + rel, touched: []string{rel}, undo: undo}
}

func (e *siteEditor) removeLayouts() edit {
	var files []string
	for _, t := range userTemplates {
		files = append(files, t.name)
	}
	undo := e.snapshot(files...)
	_ = os.RemoveAll(e.path("layouts"))
	return edit{name: "remove layouts/", touched: []string{"layouts"}, undo: undo}
}

func (e *siteEditor) pickImage() string {
	var imgs []string
	_ = filepath.WalkDir(e.path("content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".jpg") || strings.HasSuffix(p, ".png")) {
			rel, _ := filepath.Rel(e.dir, p)
			imgs = append(imgs, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(imgs)
	return e.pick(imgs)
}
