package preview

import (
	"context"
	"io/fs"
	"maps"
	"strings"
	"time"

	"folio/internal/content"
	"folio/internal/output"
	"folio/internal/search"
	"folio/internal/templates"
)

// This file is Complete: the whole-book files (print edition, EPUB) and
// the search index a build left pending, made while the author pauses.

// Complete redoes the print editions and EPUBs the last Build left pending,
// and returns the whole site again; nil, nil when nothing is pending (a
// later Build drops what an earlier one left). Errors are the build's.
func (s *Session) Complete() (*Update, error) {
	return s.CompleteWith(context.Background(), 0)
}

// CompleteWith is Complete on at most lanes goroutines (0: all cores),
// giving up when ctx is done: then it returns ctx's error and leaves the
// work pending for a later call, as if it had not been called. folio serve
// does this work in the background while the author pauses, and calls it
// off for the next save.
func (s *Session) CompleteWith(ctx context.Context, lanes int) (*Update, error) {
	work := s.pending
	s.pending = nil
	g := s.st.good
	if work == nil || g == nil {
		return nil, nil
	}
	start := time.Now()
	b, m := work.b, work.m
	b.Limit(lanes, func() bool { return ctx.Err() != nil })
	defer b.Limit(0, nil)
	b.ClearProblems() // left by an earlier call that was called off
	files := s.redoBooks(work, g)
	up := &Update{Sources: nil, Elapsed: time.Since(start)}
	if err := ctx.Err(); err != nil {
		s.pending = work
		return nil, err
	}
	if err := b.StageErr(); err != nil {
		s.lastErr = content.WithWarnings(err, b.Warnings())
		return up, s.lastErr
	}
	maps.Copy(g.files, files)
	res := *g.result
	if work.search {
		// The index files count among the generated ones, as in a clean
		// build.
		if err := s.completeSearch(g.files); err != nil {
			s.lastErr = err
			return up, err
		}
		n := countFunc(g.files, search.IsIndexFile)
		res.Generated += n - g.indexFiles
		g.indexFiles = n
	}
	g.replaceTraces(m.traces)
	for _, out := range work.outs {
		delete(g.stale, out)
	}
	res.Files, res.Bytes = int64(len(g.files)), 0
	for _, data := range g.files {
		res.Bytes += int64(len(data))
	}
	g.result = &res
	up.Files, up.Result, up.Rendered, up.Kept = g.files, &res, len(work.outs), g.outputs()-len(work.outs)
	up.Sources = append(up.Sources, work.outs...)
	if work.search {
		up.Sources = append(up.Sources, search.Dir)
	}
	up.Elapsed = time.Since(start)
	return up, nil
}

// redoBooks renders the pending whole-book files, and returns them.
func (s *Session) redoBooks(work *pendingWork, g *goodBuild) map[string][]byte {
	b, m := work.b, work.m
	m.deferring = false
	m.traces = map[string]*trace{}
	prev := map[string][]byte{}
	for _, out := range work.outs {
		prev[out] = g.files[out]
	}
	w, mem := output.NewMemory(prev, output.Options{Minify: b.Site().Config.Minify})
	b.SetWriter(w)
	for _, out := range work.outs {
		book := work.books[out]
		if strings.HasSuffix(out, ".epub") {
			b.RenderEPUB(book)
		} else {
			b.RenderPrint(book)
		}
	}
	return mem.Files()
}

// countFunc counts the files whose names satisfy f.
func countFunc(files map[string][]byte, f func(string) bool) int {
	n := 0
	for name := range files {
		if f(name) {
			n++
		}
	}
	return n
}

// allTraced reports whether every output either has a trace or is a copy
// of a source file (static/, the built-in stylesheet, a content asset,
// robots.txt), which a body edit cannot change.
func (s *Session) allTraced(files map[string][]byte, traces map[string]*trace) bool {
	for out := range files {
		if _, ok := traces[out]; ok || out == "robots.txt" || out == search.ClientPath || search.IsIndexFile(out) || s.tree.Has("static/"+out) || s.imageOuts[out] ||
			s.site.AssetByPath(out) != nil || builtinStatic[out] {
			continue
		}
		return false
	}
	return true
}

// builtinStatic lists the built-in static files.
var builtinStatic = func() map[string]bool {
	out := map[string]bool{}
	_ = fs.WalkDir(templates.Static(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[p] = true
		}
		return err
	})
	return out
}()
