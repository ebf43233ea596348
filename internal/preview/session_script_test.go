package preview

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
)

// A scripted session: the edits an author makes, in order, each checked
// against a clean build of the folder as it then is (files, errors and the
// build result). The random edits of TestSessionMatchesCleanBuild reach
// these cases only now and then; the scripts reach each every run.

// scriptRun drives a session over the site in dir with a clock the script
// moves.
type scriptRun struct {
	t    *testing.T
	ed   *siteEditor
	opts build.Options
	s    *Session
	now  time.Time
}

func newScriptRun(t *testing.T, dir string, opts build.Options) *scriptRun {
	r := &scriptRun{t: t, now: opts.Now, ed: &siteEditor{t: t, dir: dir, rng: rand.New(rand.NewPCG(1, 2))}}
	opts.Source, opts.WaitForImages = dir, true
	opts.Now, opts.Clock = time.Time{}, func() time.Time { return r.now }
	s, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	r.opts, r.s = opts, s
	r.check("first build", nil, false)
	return r
}

// check builds the touched paths (relative to the site folder) and
// compares the session with a clean build; wantErr says whether the build
// is to fail. It returns the session's files.
func (r *scriptRun) check(name string, touched []string, wantErr bool) map[string][]byte {
	r.t.Helper()
	up, err := r.s.Build(absPaths(r.ed.dir, touched))
	if err == nil && len(up.Pending) > 0 {
		up, err = r.s.Complete()
	}
	want, wantRes, cleanErr := cleanResult(r.opts)
	if diff := sameBuild(up.Files, err, want, cleanErr); diff != "" {
		r.t.Fatalf("%s: session and clean build differ:\n%s", name, diff)
	}
	if (err != nil) != wantErr {
		r.t.Fatalf("%s: build error %v; want an error: %v", name, err, wantErr)
	}
	if err != nil {
		return nil
	}
	if diff := resultDiff(up.Result, wantRes, true); diff != "" {
		r.t.Fatalf("%s: the session's result differs from the clean build's:\n%s", name, diff)
	}
	return up.Files
}

// write saves files (an empty text removes the file) and returns their paths.
func (r *scriptRun) write(files ...string) []string {
	var rels []string
	for i := 0; i < len(files); i += 2 {
		rel, text := files[i], files[i+1]
		if text == "" {
			if err := os.Remove(r.ed.path(rel)); err != nil {
				r.t.Fatal(err)
			}
		} else {
			r.ed.write(rel, []byte(text))
		}
		rels = append(rels, rel)
	}
	return rels
}

// setKey sets a front matter key of a page and returns its path.
func (r *scriptRun) setKey(rel, key, value string) string {
	r.ed.write(rel, setKey(r.ed.read(rel), key, value))
	return rel
}

// newLead gives a page a new first paragraph, which its summary shows
// unless its front matter has one, and returns its path.
func (r *scriptRun) newLead(rel, text string) string {
	_, fm, body := splitSource(r.ed.read(rel))
	r.ed.write(rel, []byte(string(fm)+"\n"+text+"\n\n"+strings.TrimLeft(string(body), "\n")))
	return rel
}

// shows fails the test unless the file of files holds text.
func (r *scriptRun) shows(files map[string][]byte, file, text string) {
	r.t.Helper()
	if !strings.Contains(string(files[file]), text) {
		r.t.Fatalf("%s does not show %q; the script does not test what it means to", file, text)
	}
}

// TestSessionTemplatesReadOtherPages: a footer of the author's that shows,
// on every page, every page's description, summary and a key of its own
// front matter (.Params), while the pages it reads are edited: the
// session must redo every page, on the patch path too. Reading another
// page's HTML or Markdown is refused with the same error in both paths.
func TestSessionTemplatesReadOtherPages(t *testing.T) {
	t.Parallel()
	r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{Now: sessionNow})
	const chapter, post, part = "content/book/part-1-the-relationship/partnership.md", "content/blog/candor.md", "content/book/part-2-the-work/_index.md"
	footer := `{{define "footer"}}<footer>{{range .Site.Pages}}<p>{{.Title}}: {{.Description}} | {{.SummaryHTML}}` +
		`{{with .Params.mood}} | mood {{.}}{{end}}</p>{{end}}</footer>{{end}}`
	r.check("a footer reading every page", r.write("layouts/partials/footer.html", footer), false)
	files := r.check("a chapter's new lead", []string{r.newLead(chapter, "A lead the footer shows.")}, false)
	r.shows(files, "about/index.html", "A lead the footer shows.")
	files = r.check("a post's description", []string{r.setKey(post, "description", `"Said plainly."`)}, false)
	r.shows(files, "book/index.html", "Said plainly.")
	files = r.check("a part's own key", []string{r.setKey(part, "mood", `"calm"`)}, false)
	r.shows(files, "blog/candor/index.html", "mood calm")
	r.check("the key changed", []string{r.setKey(part, "mood", `"restless"`)}, false)
	r.check("the key removed", []string{r.setKey(part, "mood", "")}, false)
	r.check("a summary in the front matter", []string{r.setKey(chapter, "summary", `"Chosen words."`)}, false)
	files = r.check("a batch: two leads and a key", []string{
		r.newLead(post, "Another lead."), r.newLead("content/about.md", "About, anew."), r.setKey(chapter, "mood", `"bright"`)}, false)
	r.shows(files, "book/index.html", "About, anew.")
	r.shows(files, "index.html", "mood bright")

	headExtra := r.ed.read("layouts/partials/head-extra.html")
	for _, probe := range []struct{ file, text string }{
		{"layouts/partials/head-extra.html", `{{define "head-extra"}}{{range .Site.Pages}}{{len .HTML}},{{end}}{{end}}`},
		{"layouts/home.html", `{{template "base" .}}{{define "main"}}{{range .Site.Pages}}{{len .Body}},{{end}}{{end}}`},
	} {
		r.check("a template reading "+probe.file, r.write(probe.file, probe.text), true)
		r.check("a body edit meanwhile", []string{r.newLead(post, "Edited while broken.")}, true)
	}
	r.check("both undone", r.write("layouts/partials/head-extra.html", string(headExtra), "layouts/home.html", ""), false)
}

// TestSessionTemplateOverrides adds, changes and deletes the author's
// overrides of built-in templates (a page template, partials the built-in
// pages call, the photo partial the print edition calls too), alone and
// in batches with page edits, and breaks one.
func TestSessionTemplateOverrides(t *testing.T) {
	t.Parallel()
	r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{BaseURL: "http://127.0.0.1:4242/", Now: sessionNow})
	const post, chapter = "content/blog/candor.md", "content/book/part-1-the-relationship/partnership.md"
	postHTML := func(n int) string {
		return fmt.Sprintf(`{{template "base" .}}{{define "main"}}<article><h1>{{.Title}} (override %d)</h1>`+
			`{{template "post-meta" (dict "Page" .Page "Scheduled" .Scheduled)}}{{.Content}}</article>`+
			`<aside>{{range .Site.Pages}}{{if .Params.mood}}<p>{{.Title}} feels {{.Params.mood}}</p>{{end}}{{end}}</aside>{{end}}`, n)
	}
	files := r.check("add post.html", r.write("layouts/post.html", postHTML(1)), false)
	r.shows(files, "blog/candor/index.html", "(override 1)")
	files = r.check("change post.html", r.write("layouts/post.html", postHTML(2)), false)
	r.shows(files, "blog/candor/index.html", "(override 2)")
	files = r.check("a post's body under the override", []string{r.newLead(post, "Under the override.")}, false)
	r.shows(files, "blog/candor/index.html", "Under the override.")
	files = r.check("a chapter's key the override shows", []string{r.setKey(chapter, "mood", `"calm"`)}, false)
	r.shows(files, "blog/candor/index.html", "feels calm")
	meta := `{{define "post-meta"}}<p class="meta">{{date .Page.Date}}, {{.Page.ReadingMinutes}} min (meta %d)</p>{{end}}`
	files = r.check("add partials/post-meta.html", r.write("layouts/partials/post-meta.html", fmt.Sprintf(meta, 1)), false)
	r.shows(files, "blog/candor/index.html", "(meta 1)")
	files = r.check("delete post.html: the built-in one calls the override of post-meta", r.write("layouts/post.html", ""), false)
	r.shows(files, "blog/candor/index.html", "(meta 1)")
	photo := `{{define "photo"}}{{with .Photo}}<figure class="photo-%d"><img src="{{url .URL}}" alt="{{.Alt}}"></figure>{{end}}{{end}}`
	files = r.check("add partials/photo.html, which the print edition calls", r.write("layouts/partials/photo.html", fmt.Sprintf(photo, 1)), false)
	r.shows(files, "book/print/index.html", "photo-1")
	files = r.check("a batch: change the photo override and edit a chapter",
		append(r.write("layouts/partials/photo.html", fmt.Sprintf(photo, 2)), r.newLead(chapter, "With the second photo.")), false)
	r.shows(files, "book/print/index.html", "photo-2")
	r.check("a broken override", r.write("layouts/partials/post-meta.html", "{{define \"post-meta\"}}{{.Page.Title"), true)
	r.check("fixed", r.write("layouts/partials/post-meta.html", fmt.Sprintf(meta, 2)), false)
	files = r.check("a batch deleting both overrides", r.write("layouts/partials/photo.html", "", "layouts/partials/post-meta.html", ""), false)
	if strings.Contains(string(files["book/print/index.html"]), "photo-2") || strings.Contains(string(files["blog/candor/index.html"]), "(meta 2)") {
		t.Fatal("the deleted overrides are still used")
	}
}

// TestSessionScheduledPostPasses moves the session's clock past the date of
// a scheduled post: published sites gain the post, previews lose its
// "Scheduled" badge, by the next build whatever it was for (a body edit of
// another page, which the session would patch in place, or no change of
// any file). No build waits: the clock is the session's (build.Options.Clock).
func TestSessionScheduledPostPasses(t *testing.T) {
	t.Parallel()
	for _, future := range []bool{false, true} {
		t.Run(fmt.Sprintf("future %v", future), func(t *testing.T) {
			t.Parallel()
			start := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
			r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{Now: start, Future: future})
			const later = "content/blog/later.md"
			r.write(later, "---\ntitle: Later\ndate: 2026-08-01T15:30:00Z\nseries: \"Coaching Behaviors\"\ntags: [\"coaching\"]\n---\n\nNot yet.\n")
			r.check("a post scheduled three hours on", []string{later}, false)
			r.now = start.Add(3*time.Hour + 31*time.Minute)
			files := r.check("its date passed; a body edit of another page", []string{r.newLead("content/about.md", "Meanwhile.")}, false)
			if _, ok := files["blog/later/index.html"]; !ok {
				t.Fatal("the post is not published after its date")
			}
			// The sample site's curiosity post is dated 2026-09-29.
			r.now = time.Date(2026, 9, 29, 0, 0, 1, 0, time.UTC)
			files = r.check("the next post's date passed; no file changed", nil, false)
			if page, ok := files["blog/curiosity/index.html"]; !ok || strings.Contains(string(page), `class="badge"`) {
				t.Fatalf("after its date the post is published %v, with a badge %v", ok, strings.Contains(string(page), `class="badge"`))
			}
			r.check("an unchanged save after that", []string{"content/about.md"}, false)
		})
	}
}

// TestSessionWarningsAcrossPatches: warnings one body edit brings stay
// while other pages are edited on the patch path, and go with the edit
// that brought them (the second edit used to drop the first one's).
func TestSessionWarningsAcrossPatches(t *testing.T) {
	t.Parallel()
	r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{Now: sessionNow})
	const post, chapter = "content/blog/candor.md", "content/book/part-1-the-relationship/partnership.md"
	src := string(r.ed.read(post))
	r.check("a script in a post", r.write(post, src+"\n<script>track()</script>\n"), false)
	r.check("a chapter edited meanwhile", []string{r.newLead(chapter, "Meanwhile.")}, false)
	r.check("an unclosed element in the chapter too", r.write(chapter, string(r.ed.read(chapter))+"\n<div class=\"aside\">\n\nOpen.\n"), false)
	r.check("a third page edited", []string{r.newLead("content/about.md", "About.")}, false)
	r.check("the script removed", r.write(post, src), false)
	r.check("the chapter again", []string{r.newLead(chapter, "Again.")}, false)
}

// TestSessionErrorsOnOneLine: two broken heading links on one line are
// reported in the order folio build reports them (the order they stand in
// the line), whichever of their targets the author broke first. The
// preview used to order them by target.
func TestSessionErrorsOnOneLine(t *testing.T) {
	t.Parallel()
	r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{Now: sessionNow})
	const from, first, second = "content/blog/partnership.md", "content/blog/candor.md", "content/about.md"
	appendText := func(rel, text string) []string { return r.write(rel, string(r.ed.read(rel))+"\n"+text+"\n") }
	steps := slices.Concat(appendText(first, "## Plainly\n\nSaid plainly."), appendText(second, "## Values\n\nWhat we value."),
		appendText(from, "See [candor](candor.md#plainly) and [values](../about.md#values)."))
	r.check("two heading links on one line", steps, false)
	firstSrc, secondSrc := string(r.ed.read(first)), string(r.ed.read(second))
	r.check("the first link's heading renamed", r.write(first, strings.Replace(firstSrc, "## Plainly", "## Clearly", 1)), true)
	r.check("the second link's heading renamed too", r.write(second, strings.Replace(secondSrc, "## Values", "## Beliefs", 1)), true)
	r.check("both back", r.write(first, firstSrc, second, secondSrc), false)
}
