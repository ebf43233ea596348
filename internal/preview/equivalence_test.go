package preview

import (
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/output"
)

// What a preview session must match besides the files: the build result a
// clean build reports, warnings included. These helpers compare them, and
// choose the seed of the random run of TestSessionMatchesCleanBuild.

// cleanResult builds the folder from scratch into memory, as folio build
// would, and returns the files and the result it reports.
func cleanResult(opts build.Options) (map[string][]byte, *build.Result, error) {
	if opts.Now.IsZero() && opts.Clock == nil {
		opts.Now = fixtureNow
	}
	fsys := os.DirFS(opts.Source)
	cfg, err := build.Configure(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	res, err := build.Run(fsys, cfg, opts, w)
	if err != nil {
		return nil, nil, err
	}
	return mem.Files(), res, nil
}

// fixtureNow is the present of a clean build given none, as in package
// build's fixtures.
var fixtureNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// resultDiff reports how a session's result differs from a clean build's:
// pages by kind, static files, the warnings (in order), the scheduled
// posts and the sources left out; with whole (no file of the session
// pending) also the generated files and the count and bytes of all. Timings, the
// image work (the session caches it) and the search index (a session
// writes it in Complete) may differ.
func resultDiff(got, want *build.Result, whole bool) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("session result %v, clean build result %v", got, want)
		}
		return ""
	}
	var diffs []string
	differ := func(what string, g, w any) {
		if gs, ws := fmt.Sprint(g), fmt.Sprint(w); gs != ws {
			diffs = append(diffs, fmt.Sprintf("%s: session %s, clean build %s", what, gs, ws))
		}
	}
	differ("pages", kindCounts(got.Pages), kindCounts(want.Pages))
	differ("static files", got.Static, want.Static)
	if g, w := problemLines(got.Warnings), problemLines(want.Warnings); g != w {
		diffs = append(diffs, fmt.Sprintf("warnings differ:\nsession:\n%s\nclean build:\n%s", g, w))
	}
	differ("scheduled", pageFiles(got.Scheduled), pageFiles(want.Scheduled))
	differ("omitted", got.Omitted, want.Omitted)
	if whole {
		differ("generated", got.Generated, want.Generated)
		differ("files", got.Files, want.Files)
		differ("bytes", got.Bytes, want.Bytes)
	}
	return strings.Join(diffs, "\n")
}

func kindCounts(m map[content.Kind]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
		}
	}
	return strings.Join(parts, " ")
}

func problemLines(ps []*content.Error) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

func pageFiles(ps []*content.Page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.File
	}
	return out
}

// SeedEnv sets the seed of the random run of TestSessionMatchesCleanBuild,
// as -equivalence.random does.
const seedEnv = "FOLIO_EQUIVALENCE_SEED"

var equivalenceRandom = flag.Uint64("equivalence.random", 0,
	"seed of the random-seed run of TestSessionMatchesCleanBuild (0: "+seedEnv+", else a new seed each run)")

// randomSeed is the seed of this run's random run: -equivalence.random,
// else $FOLIO_EQUIVALENCE_SEED, else a new one, so that every run of the
// suite tries edit sequences no run tried before.
func randomSeed(t *testing.T) uint64 {
	if *equivalenceRandom != 0 {
		return *equivalenceRandom
	}
	if v := os.Getenv(seedEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want an unsigned integer", seedEnv, v)
		}
		return n
	}
	return rand.Uint64()
}

// reproduce tells how to run one subtest of TestSessionMatchesCleanBuild
// again with the same edits.
func reproduce(t *testing.T, seedFlag string, seed uint64) string {
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return fmt.Sprintf("go test ./internal/preview -run '%s' -%s=%d -equivalence.steps=%d",
		strings.Join(parts, "/"), seedFlag, seed, equivalenceEdits())
}

// batch makes several edits saved at once, as a script, a git checkout or
// an editor's "save all" does: the watcher reports them in one batch. Half
// the batches edit bodies only, which the session patches in place.
func (r *equivalenceRun) batch() edit {
	bodies := r.ed.rng.IntN(2) == 0
	var names, touched []string
	var undos []func() []string
	for range 2 + r.ed.rng.IntN(3) {
		var e edit
		if bodies {
			e = r.ed.editBody()
		} else {
			e = r.randomEdit()
		}
		names = append(names, e.name)
		touched = append(touched, e.touched...)
		if e.undo != nil {
			undos = append(undos, e.undo)
		}
	}
	undo := func() []string {
		var all []string
		for _, u := range slices.Backward(undos) {
			all = append(all, u()...)
		}
		return all
	}
	return edit{name: "batch: " + strings.Join(names, "; "), touched: touched, undo: undo}
}
