package preview

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/corpus"
	"folio/internal/sourcetree"
)

// equivalenceRun applies steps random edits to the site in dir and checks
// after each that the session serves exactly what a clean build makes.
type equivalenceRun struct {
	t       *testing.T
	opts    build.Options
	ed      *siteEditor
	session *Session
	pending []func() []string // undos of edits since the last good build
	// deferred lists the whole-book files left pending, as folio serve
	// leaves them while the author keeps saving.
	deferred []string
	// now is the present of the session and the clean builds; the edits
	// move it on now and then, past the dates of scheduled posts.
	now   time.Time
	stats struct{ builds, patched, fast, completed, failed, warned, rendered, kept, patchRendered, patchKept int }
}

func (r *equivalenceRun) step(i int) {
	t, ed := r.t, r.ed
	var e edit
	if len(r.pending) > 0 && ed.rng.IntN(5) < 4 {
		undo := r.pending[len(r.pending)-1]
		r.pending = r.pending[:len(r.pending)-1]
		e = edit{name: "undo a breaking edit", touched: undo()}
	} else if i%10 == 5 {
		e = ed.breakFrontMatter() // at least a few failing builds, whatever the seed
	} else if i%20 == 10 {
		e = ed.writeTemplate(userTemplates[i/20%len(userTemplates)]) // templates that show much of the site
	} else if i%20 == 11 {
		e = ed.reworkChapter() // what those templates show of other pages
	} else if ed.rng.IntN(4) == 0 {
		e = r.batch() // as when a script, a git checkout or a save-all changes several files
	} else {
		e = r.randomEdit()
	}
	if ed.rng.IntN(5) == 0 {
		r.now = r.now.Add(time.Duration(1+ed.rng.IntN(20*24)) * time.Hour)
		e.name += fmt.Sprintf(", then the clock moves to %s", r.now.Format(time.DateTime))
	}
	touched := e.touched
	if ed.rng.IntN(5) == 0 {
		touched = append(touched, filepath.Dir(touched[0])) // as after a folder rename
	}
	up, err := r.session.Build(absPaths(ed.dir, touched))
	want, wantRes, wantErr := cleanResult(r.opts)
	if err == nil && (len(up.Pending) > 0 || len(r.deferred) > 0) {
		if wantErr == nil && ed.rng.IntN(4) == 0 {
			// Saved again before the pause: the print edition and EPUB
			// wait, and the next build must still bring them up to date.
			// (Where they would fail, the failure waits for them too.)
			r.deferred = append(r.deferred, up.Pending...)
		} else {
			up, err = r.complete(up)
			r.deferred = nil
		}
	}
	got := up.Files
	if err == nil && len(r.deferred) > 0 {
		got, want = without(got, r.deferred), without(want, r.deferred)
	}
	if diff := sameBuild(got, err, want, wantErr); diff != "" {
		t.Fatalf("step %d (%s): session and clean build differ:\n%s", i, e.name, diff)
	}
	if err == nil {
		if len(wantRes.Warnings) > 0 {
			r.stats.warned++
		}
		if diff := resultDiff(up.Result, wantRes, len(r.deferred) == 0); diff != "" {
			t.Fatalf("step %d (%s): the session's result differs from the clean build's:\n%s", i, e.name, diff)
		}
	}
	r.stats.builds++
	r.stats.rendered += up.Rendered
	r.stats.kept += up.Kept
	if up.Fast {
		r.stats.fast++
		r.stats.patchRendered += up.Rendered
		r.stats.patchKept += up.Kept
	}
	if up.Patched && err == nil {
		r.stats.patched++
	}
	switch {
	case err == nil:
		r.pending = nil
	case e.undo != nil:
		// Undoing edits made since the last good build, last first, brings
		// the site back to it.
		r.pending = append(r.pending, e.undo)
	}
	if err != nil {
		r.stats.failed++
	}
	t.Logf("step %d: %s: %s (patched %v, fast %v) %v", i, e.name, up.Line(), up.Patched, up.Fast, firstLine(err))
}

// complete finishes a build's whole-book files and returns the update that
// describes the whole site.
func (r *equivalenceRun) complete(up *Update) (*Update, error) {
	if r.ed.rng.IntN(3) == 0 {
		// Called off by the next save, as folio serve does: nothing changes.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if done, err := r.session.CompleteWith(ctx, 1); !errors.Is(err, context.Canceled) || done != nil {
			r.t.Fatalf("CompleteWith a cancelled context gave %v, %v", done, err)
		}
	}
	done, err := r.session.Complete()
	if err != nil {
		return done, err
	}
	if done == nil { // nothing was pending after all
		return up, nil
	}
	r.stats.completed++
	done.Patched, done.Fast = up.Patched, up.Fast
	done.Rendered += up.Rendered
	return done, nil
}

// hasLayouts reports whether the site overrides templates, in which case
// every template output is rendered each time.
func (r *equivalenceRun) hasLayouts() bool {
	_, err := os.Stat(filepath.Join(r.ed.dir, "layouts"))
	return err == nil
}

func (r *equivalenceRun) randomEdit() edit {
	ed := r.ed
	if r.hasLayouts() && ed.rng.IntN(8) == 0 {
		return ed.removeLayouts()
	}
	switch n := ed.rng.IntN(100); {
	case n < 3:
		return ed.touch()
	case n < 45:
		return ed.editBody()
	case n < 65:
		return ed.editFrontMatter()
	case n < 75:
		return ed.addPage()
	case n < 83:
		return ed.removeOrRename()
	case n < 88:
		return ed.breakFrontMatter()
	default:
		return ed.editSiteFiles()
	}
}

// runEquivalence runs steps random edits of the site in dir, chosen by seed;
// again is the command that repeats the run, told when it fails. A fixed
// seed's run must also exercise the session (patch builds, fast builds,
// failed builds); a random seed's short run may fall short of that by
// chance.
func runEquivalence(t *testing.T, dir string, opts build.Options, seed uint64, steps int, again string, fixed bool) {
	t.Logf("seed %d", seed)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d; run these edits again with\n\t%s", seed, again)
		}
	})
	opts.Source = dir
	opts.WaitForImages = true // as a clean build does; folio serve does not (TestSessionImagesLater)
	r := &equivalenceRun{t: t, now: opts.Now,
		ed: &siteEditor{t: t, dir: dir, rng: rand.New(rand.NewPCG(seed, 1))}}
	opts.Now, opts.Clock = time.Time{}, func() time.Time { return r.now }
	s, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	r.opts, r.session = opts, s
	up, err := s.Build(nil)
	if err == nil && len(up.Pending) > 0 {
		up, err = r.complete(up)
	}
	want, wantRes, wantErr := cleanResult(opts)
	if diff := sameBuild(up.Files, err, want, wantErr); diff != "" || err != nil {
		t.Fatalf("first build: %v\n%s", err, diff)
	}
	if diff := resultDiff(up.Result, wantRes, true); diff != "" {
		t.Fatalf("first build: the session's result differs from the clean build's:\n%s", diff)
	}
	for i := range steps {
		r.step(i + 1)
	}
	st := r.stats
	t.Logf("%d builds: %d good patch builds, %d fast, %d failed, %d with warnings; rendered %d, kept %d (fast builds: %d and %d)",
		st.builds, st.patched, st.fast, st.failed, st.warned, st.rendered, st.kept, st.patchRendered, st.patchKept)
	if fixed && (st.patched < steps/10 || st.fast < steps/20 || st.failed < steps/20 || st.failed > steps/2) {
		t.Errorf("the edits did not exercise the session: of %d builds %d patched, %d fast, %d failed", steps, st.patched, st.fast, st.failed)
	}
	// Incremental means most files are handed over: a body edit re-renders
	// the page and what lists it, not the site.
	if st.patchRendered > st.patchKept {
		t.Errorf("fast builds rendered %d files and kept only %d", st.patchRendered, st.patchKept)
	}
}

var sessionNow = time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)

// equivalenceSeed varies the edit sequences: go test -run TestSession
// -equivalence.seed=N explores others (and -equivalence.steps more of them).
var (
	equivalenceSeed  = flag.Uint64("equivalence.seed", 1, "seed of the random edits of TestSessionMatchesCleanBuild")
	equivalenceSteps = flag.Int("equivalence.steps", 50, "edits per site in TestSessionMatchesCleanBuild (10 under -short unless set)")
)

// equivalenceEdits is how many random edits each site of
// TestSessionMatchesCleanBuild gets: -equivalence.steps when given, else 50,
// or 10 under -short, where everyday runs stay fast.
func equivalenceEdits() int {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "equivalence.steps" })
	if testing.Short() && !set {
		return 10
	}
	return *equivalenceSteps
}

// TestSessionMatchesCleanBuild is the proof that incremental rebuilds are
// correct: random sequences of edits (bodies, front matter, new, removed
// and renamed pages, broken and fixed front matter, templates, folio.yaml,
// static files, images) applied to copies of the sample site and of a
// generated one, and after every edit the session's site compared byte for
// byte with a clean build of the same folder.
//
// Besides the fixed seeds, each run tries a new random seed on one of the
// two sites, and prints it with the command that repeats the run when it
// fails (-equivalence.random=N or FOLIO_EQUIVALENCE_SEED=N chooses it).
func TestSessionMatchesCleanBuild(t *testing.T) {
	t.Parallel() // its runs are long and use one core for much of the time
	sample := func(t *testing.T, seed uint64, again string, fixed bool) {
		t.Parallel()
		dir := copySiteSources(t, "../..")
		runEquivalence(t, dir, build.Options{BaseURL: "http://127.0.0.1:4242/", Drafts: true, Future: true, Now: sessionNow}, seed, equivalenceEdits(), again, fixed)
	}
	generated := func(t *testing.T, seed uint64, again string, fixed bool) {
		t.Parallel()
		dir := t.TempDir()
		if err := corpus.Generate(dir, corpus.Spec{Pages: 40, Parts: 3, Series: 3, Tags: 8, Photos: 4, Words: 150, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		runEquivalence(t, dir, build.Options{Now: sessionNow}, seed, equivalenceEdits(), again, fixed)
	}
	t.Run("sample site, drafts and future posts", func(t *testing.T) {
		sample(t, *equivalenceSeed, reproduce(t, "equivalence.seed", *equivalenceSeed), true)
	})
	t.Run("generated site, as published", func(t *testing.T) {
		generated(t, *equivalenceSeed+1000, reproduce(t, "equivalence.seed", *equivalenceSeed), true)
	})
	t.Run("random seed", func(t *testing.T) {
		seed := randomSeed(t)
		again := reproduce(t, "equivalence.random", seed)
		if seed%2 == 0 {
			sample(t, seed, again, false)
		} else {
			generated(t, seed, again, false)
		}
	})
}

// TestSessionUnchanged checks that a batch naming files whose contents did
// not change builds nothing.
func TestSessionUnchanged(t *testing.T) {
	dir := copySiteSources(t, "../..")
	s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.Build([]string{filepath.Join(dir, "content/about.md"), filepath.Join(dir, "content")})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Sources) != 0 || again.Rendered != 0 || fmt.Sprintf("%p", again.Files) != fmt.Sprintf("%p", first.Files) {
		t.Errorf("an unchanged site was rebuilt: %+v", again)
	}
}

var _ fs.FS = (*sourcetree.Tree)(nil)

func firstLine(err error) string {
	if err == nil {
		return ""
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// TestSessionUnreadable checks that a file the session cannot read (here a
// link to itself) fails the build with its name, and that the site builds
// again once the file is back.
func TestSessionUnreadable(t *testing.T) {
	dir := copySiteSources(t, "../..")
	file := filepath.Join(dir, "content/about.md")
	if err := os.Chtimes(file, sessionNow, sessionNow); err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("about.md", file); err != nil {
		t.Fatal(err)
	}
	up, err := s.Build([]string{file})
	if err == nil || !strings.Contains(err.Error(), "about.md") || len(up.Sources) != 1 {
		t.Fatalf("unreadable file: %v, %+v", err, up)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	// As it was before: only the failed read tells that something is to do.
	if err := os.Chtimes(file, sessionNow, sessionNow); err != nil {
		t.Fatal(err)
	}
	if up, err := s.Build([]string{file}); err != nil || up.Files == nil || len(up.Sources) != 1 {
		t.Errorf("after the fix: %v, %+v", err, up)
	}
}

// TestSessionRendersLittle checks that keys are stable from one build to
// the next: a post's new opening, which the blog's index, the home page and
// feeds show, renders only the files that show that post, on the patch
// path, which runs those lists' stages alone.
func TestSessionRendersLittle(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Spec{Pages: 60, Parts: 3, Series: 4, Tags: 8, Photos: 4, Words: 150, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(build.Options{Source: dir, BaseURL: "http://127.0.0.1:4242/", Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(); err != nil {
		t.Fatal(err)
	}
	// A new static file loads the site again and keys every file anew:
	// nothing that shows pages may come out different.
	notes := filepath.Join(dir, "static", "notes.txt")
	if err := os.MkdirAll(filepath.Dir(notes), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte("notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if up, err := s.Build([]string{notes}); err != nil || up.Rendered != 0 || up.Patched {
		t.Errorf("a new static file: %s (patched %v), %v; want a whole build rendering nothing", up.Line(), up.Patched, err)
	}
	post := filepath.Join(dir, "content/blog", firstSeriesPost(t, dir))
	src, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	format, fm, body := splitSource(src)
	if format == "" {
		t.Fatalf("%s has no front matter", post)
	}
	if err := os.WriteFile(post, slices.Concat(fm, []byte("\nA new opening paragraph.\n"), body), 0o644); err != nil {
		t.Fatal(err)
	}
	up, err := s.Build([]string{post})
	if err != nil {
		t.Fatal(err)
	}
	// The post, the blog's first index page, the home page, its series'
	// page and feed, the blog feed: at most these.
	if !up.Fast || up.Rendered > 6 {
		t.Errorf("a post's new opening: %s (fast %v), want a fast build rendering at most 6 files", up.Line(), up.Fast)
	}
	// The whole build on the same linked site (as when the patch path does
	// not apply) must key everything else as before too.
	s.st.good.complete = false
	if err := os.WriteFile(post, slices.Concat(fm, []byte("\nAnother opening paragraph.\n"), body), 0o644); err != nil {
		t.Fatal(err)
	}
	up, err = s.Build([]string{post})
	if err != nil || up.Fast || !up.Patched || up.Rendered > 6 {
		t.Errorf("the same edit, whole build: %s (fast %v), %v; want at most 6 files rendered", up.Line(), up.Fast, err)
	}
}

// firstSeriesPost names a post of a series, in file name order.
func firstSeriesPost(t *testing.T, dir string) string {
	entries, err := os.ReadDir(filepath.Join(dir, "content/blog"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, "content/blog", e.Name()))
		if err == nil && e.Name() != "_index.md" && strings.Contains(string(data), "series") {
			return e.Name()
		}
	}
	t.Fatal("no post of a series")
	return ""
}

// TestSessionRawHTMLWarnings: the preview tells the raw-HTML policy's
// warnings of an edited page as a clean build does, once each, and forgets
// them when the edit that caused them is undone.
func TestSessionRawHTMLWarnings(t *testing.T) {
	dir := copySiteSources(t, "../..")
	file := filepath.Join(dir, "content/about.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	script := string(src) + "\n<script>track()</script>\n"
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(build.Options{Source: dir, Now: sessionNow})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func(up *Update) int {
		n := 0
		for _, w := range up.Result.Warnings {
			if w.File == "content/about.md" && strings.Contains(w.Message, "<script> removed") {
				n++
			}
		}
		return n
	}
	if n := count(first); n != 1 {
		t.Fatalf("first build: %d warnings of the script; want 1", n)
	}
	for i, edit := range []struct {
		body string
		want int
	}{
		{string(src) + "\nNo script now.\n", 0},
		{script + "\nMore text.\n", 1},
		{script + "\n<script>again()</script>\n", 2},
		{script, 1},
	} {
		if err := os.WriteFile(file, []byte(edit.body), 0o644); err != nil {
			t.Fatal(err)
		}
		up, err := s.Build([]string{file})
		if err != nil {
			t.Fatal(err)
		}
		if !up.Patched {
			t.Errorf("edit %d was not patched; the test is meant for the patch path", i)
		}
		if got := count(up); got != edit.want {
			t.Errorf("edit %d: %d warnings of the script; want %d (%v)", i, got, edit.want, up.Result.Warnings)
		}
	}
}
