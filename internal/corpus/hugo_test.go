package corpus

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// linkTarget matches the target of a Markdown link or image.
var linkTarget = regexp.MustCompile(`\]\(([^)\s]*)`)

// hugoPath is where the Hugo variant keeps what the folio site has at name.
func hugoPath(name string) string {
	if strings.HasPrefix(name, "content/series/") {
		return strings.TrimSuffix(name, ".md") + "/_index.md"
	}
	return name
}

// TestHugoVariant generates a site and its Hugo variant from one Spec and
// checks that they are the same site: the same pages (series pages as
// term pages), the same bodies but for link targets, weight where folio
// has order, no link by .md path left, and every link naming the URL
// Hugo gives an existing page.
func TestHugoVariant(t *testing.T) {
	s := Spec{Pages: 80, Parts: 3, Series: 3, Tags: 6, Photos: 4, Words: 300, Seed: 9}
	c, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	folio := generate(t, s)
	s.Hugo = true
	hugo := generate(t, s)
	if hugo["hugo.toml"] == nil || hugo["folio.yaml"] != nil || hugo["layouts/single.html"] == nil || hugo["layouts/_partials/contents.html"] == nil {
		t.Fatal("the Hugo variant lacks hugo.toml or its theme, or has folio.yaml")
	}
	if !strings.Contains(string(hugo["hugo.toml"]), "minifyOutput = true") {
		t.Error("hugo.toml does not minify, as folio does by default")
	}
	urls := map[string]bool{}
	var chapters, posts int
	for name, data := range hugo {
		if !strings.HasPrefix(name, "content/") || !strings.HasSuffix(name, ".md") {
			continue
		}
		fm, _ := frontMatter(t, name, data)
		u := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md"), "/index")
		if slug, ok := fm["slug"].(string); ok {
			u = path.Join(path.Dir(u), slug)
		}
		if path.Base(u) == "_index" { // a section's page
			u = strings.TrimSuffix(path.Dir(u), ".")
		}
		urls[strings.ReplaceAll("/"+u+"/", "//", "/")] = true
		if path.Base(name) != "_index.md" {
			if strings.HasPrefix(name, "content/book/") {
				chapters++
			} else {
				posts++
			}
		}
	}
	if chapters != c.Chapters || posts != c.Posts {
		t.Errorf("the Hugo variant has %d chapters and %d posts; the Spec makes %d and %d", chapters, posts, c.Chapters, c.Posts)
	}
	pages := 0
	for name, data := range folio {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		other, ok := hugo[hugoPath(name)]
		if !strings.HasSuffix(name, ".md") {
			if img := "static/" + strings.TrimPrefix(name, "content/"); hugo[img] == nil || string(hugo[img]) != string(data) {
				t.Errorf("%s is not at %s in the Hugo variant", name, img)
			}
			continue
		}
		if !ok {
			t.Errorf("%s has no counterpart in the Hugo variant", name)
			continue
		}
		pages++
		checkHugoPage(t, name, data, other, urls)
	}
	if n := countMarkdown(hugo); n != pages {
		t.Errorf("the Hugo variant has %d Markdown files, the folio site %d", n, pages)
	}
}

func countMarkdown(files map[string][]byte) int {
	n := 0
	for name := range files {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			n++
		}
	}
	return n
}

// checkHugoPage compares one page with its Hugo counterpart.
func checkHugoPage(t *testing.T, name string, folio, hugo []byte, urls map[string]bool) {
	t.Helper()
	ffm, fbody := frontMatter(t, name, folio)
	hfm, hbody := frontMatter(t, name, hugo)
	if ffm["order"] != hfm["weight"] || hfm["order"] != nil {
		t.Errorf("%s: order %v became weight %v (order %v)", name, ffm["order"], hfm["weight"], hfm["order"])
	}
	if ffm["title"] != hfm["title"] {
		t.Errorf("%s: title %v became %v", name, ffm["title"], hfm["title"])
	}
	if got, want := linkTarget.ReplaceAllString(hbody, "]("), linkTarget.ReplaceAllString(fbody, "]("); got != want {
		t.Errorf("%s: the bodies differ beyond link targets", name)
	}
	for _, m := range linkTarget.FindAllStringSubmatch(hbody, -1) {
		target, _, _ := strings.Cut(m[1], "#")
		switch {
		case strings.Contains(target, ".md"):
			t.Errorf("%s: a link by .md path is left: %s", name, m[1])
		case strings.HasPrefix(target, "/book/img/") || strings.HasPrefix(target, "/blog/img/"):
		case !urls[target]:
			t.Errorf("%s: %s is the URL of no page", name, m[1])
		}
	}
}

// TestHugoBuildsVariant builds the Hugo variant with Hugo, when it is
// installed (see README's performance section), and counts what it wrote:
// a page for every chapter and post, no error, no warning; beside every
// chapter the book's contents with its own entry, and only it, marked
// current: every chapter in a book of up to 60 chapters, and in a longer
// one, as folio folds it, the parts' titles and the chapters of its own
// part (checkContents); and, from --templateMetrics, each part's block of
// the contents rendered once and then taken from the cache, but the block
// of a chapter's own part (checkContentsCached). It is skipped without
// Hugo and under -short.
func TestHugoBuildsVariant(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping a test that runs Hugo")
	}
	bin, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed; see README's performance section to install it")
	}
	for _, tc := range []struct {
		name string
		spec Spec
		fold bool
	}{
		{"short book", Spec{Pages: 60, Parts: 2, Series: 2, Tags: 5, Photos: 2, Words: 200, Seed: 4, Hugo: true}, false},
		{"long book", Spec{Pages: 240, Parts: 4, Series: 4, Tags: 5, Photos: 2, Words: 60, Seed: 5, Hugo: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) { checkHugoBuild(t, bin, tc.spec, tc.fold) })
	}
}

// checkHugoBuild generates s, builds it with Hugo at bin and checks the
// pages it wrote, their contents folded or not (TestHugoBuildsVariant).
func checkHugoBuild(t *testing.T, bin string, s Spec, fold bool) {
	c, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if (c.Chapters > 60) != fold {
		t.Fatalf("the Spec makes %d chapters: the case wants a book that folds: %v", c.Chapters, fold)
	}
	dir := t.TempDir()
	if err := Generate(dir, s); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(bin, "--source", dir, "--destination", out, "--logLevel", "warn", "--panicOnWarning", "--templateMetrics", "--templateMetricsHints")
	log, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(log), "WARN") {
		t.Fatalf("hugo: %v\n%s", err, log)
	}
	chapters, posts := 0, 0
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		data, err := os.ReadFile(p)
		switch {
		case err != nil:
			return err
		case strings.Contains(string(data), "<article class=book>"):
			chapters++
			rel, _ := filepath.Rel(out, filepath.Dir(p))
			checkContents(t, "/"+filepath.ToSlash(rel)+"/", string(data), c, fold)
		case strings.Contains(string(data), "<article class=blog>"):
			posts++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if chapters != c.Chapters || posts != c.Posts {
		t.Errorf("Hugo wrote %d chapters and %d posts; the Spec makes %d and %d", chapters, posts, c.Chapters, c.Posts)
	}
	checkContentsCached(t, string(log), c)
}

// contentsNav is the book's contents in a page (minified), the links to
// chapters in it and the links to parts.
var (
	contentsNav  = regexp.MustCompile(`<nav class=contents[^>]*>.*?</nav>`)
	contentsLink = regexp.MustCompile(`<li><a href=([^ >]+)( aria-current=page)?>`)
	partLink     = regexp.MustCompile(`<li class=part><a href=([^ >]+)>`)
)

// checkContents checks the contents beside the chapter at url: every part
// named; every chapter listed, or when the book folds only those of the
// chapter's own part and those in no part; the chapter's own entry marked current and no other.
func checkContents(t *testing.T, url, page string, c Counts, fold bool) {
	t.Helper()
	nav := contentsNav.FindString(page)
	links := contentsLink.FindAllStringSubmatch(nav, -1)
	var current []string
	for _, m := range links {
		if m[2] != "" {
			current = append(current, m[1])
		}
		if dir := path.Dir(strings.TrimSuffix(m[1], "/")); fold && dir != "/book" && dir != path.Dir(strings.TrimSuffix(url, "/")) {
			t.Errorf("%s: the folded contents list %s, a chapter of another part", url, m[1])
		}
	}
	if parts := len(partLink.FindAllString(nav, -1)); parts != c.Parts {
		t.Errorf("%s: the contents name %d parts of %d", url, parts, c.Parts)
	}
	if (len(links) != c.Chapters) != fold || len(current) != 1 || current[0] != url {
		t.Errorf("%s: the contents list %d chapters of %d (folded: %v) and mark %v current", url, len(links), c.Chapters, fold, current)
	}
}

// checkContentsCached reads the line of _partials/contents-part.html in
// Hugo's --templateMetrics table (cumulative, average and maximum time,
// cache potential, percent cached, cached count, total count, name) and
// checks that each part's block was rendered at most once for the list
// pages and the other parts' chapters, and again only for each chapter of
// the part: without the cache the contents of every chapter cost the whole
// book, and a 3,000-chapter book 9 million entries.
func checkContentsCached(t *testing.T, log string, c Counts) {
	t.Helper()
	for _, line := range strings.Split(log, "\n") {
		f := strings.Fields(line)
		if len(f) != 8 || f[7] != "_partials/contents-part.html" {
			continue
		}
		cached, err1 := strconv.Atoi(f[5])
		total, err2 := strconv.Atoi(f[6])
		if err1 != nil || err2 != nil {
			t.Fatalf("cannot read Hugo's template metrics: %q", line)
		}
		if rendered := total - cached; cached == 0 || rendered > c.Parts+c.Chapters {
			t.Errorf("the contents' part blocks were rendered %d times of %d (%d cached); at most one a part and one a chapter is expected", rendered, total, cached)
		}
		return
	}
	t.Errorf("Hugo's template metrics have no line for _partials/contents-part.html:\n%s", log)
}
