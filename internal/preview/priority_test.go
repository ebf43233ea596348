package preview

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/corpus"
	"folio/internal/output"
)

// A page asked for through a Priority is rendered before the pages queued
// ahead of it: a book chapter, which the page stage otherwise renders
// among the last, comes among the first (pages render on several
// goroutines, so the exact place depends on scheduling; EachFirst's own
// order is tested exactly below), and its waiter learns it is written.
func TestPriorityRendersWantedPageFirst(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(dir, corpus.Spec{Pages: 120, Words: 80, Photos: -1, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	chapters, _ := filepath.Glob(filepath.Join(dir, "content", "book", "part-*", "*.md"))
	slices.Sort(chapters)
	last := chapters[len(chapters)-1]
	rel, _ := filepath.Rel(filepath.Join(dir, "content"), last)
	want := strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"

	plain := 0 // the page's place without a Priority
	for _, prioritised := range []bool{false, true} {
		fsys := os.DirFS(dir)
		cfg, err := build.Configure(fsys, build.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opts := build.Options{}
		var prio *Priority
		var ready <-chan struct{}
		if prioritised {
			prio = NewPriority()
			opts.Priority, ready = prio, prio.Want(want)
		}
		w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
		var mu sync.Mutex
		var pages []string
		mem.Observe(func(rel string, data []byte) {
			if strings.HasSuffix(rel, "/index.html") {
				mu.Lock()
				pages = append(pages, rel)
				mu.Unlock()
			}
			if prio != nil {
				prio.Written(rel, data)
			}
		})
		if _, err := build.Run(fsys, cfg, opts, w); err != nil {
			t.Fatal(err)
		}
		at := slices.Index(pages, want)
		switch {
		case at < 0:
			t.Fatalf("%s was not written", want)
		case !prioritised:
			plain = at
		case at*4 > plain:
			t.Errorf("asked for, %s was page %d of %d written; without asking, page %d", want, at+1, len(pages), plain+1)
		}
		if prioritised {
			select {
			case <-ready:
			default:
				t.Error("the waiter was not told that the page was written")
			}
			if got := prio.Files()[want]; string(got) != string(mem.Files()[want]) {
				t.Error("the Priority's copy of the page differs from the build's")
			}
		}
	}
}

// EachFirst starts the pages asked for before the next in order, whether
// asked before the stage or while it runs; each page once.
func TestEachFirstOrder(t *testing.T) {
	var order []*content.Page
	for i := range 10 {
		order = append(order, &content.Page{OutPath: fmt.Sprintf("p%d/index.html", i)})
	}
	p := NewPriority()
	p.Want("p7/index.html")
	p.Want("missing/index.html")
	var got []string
	p.EachFirst(1, order, func(pg *content.Page) {
		got = append(got, strings.TrimSuffix(pg.OutPath, "/index.html"))
		if len(got) == 3 {
			p.Want("p9/index.html")
			p.Want("p1/index.html") // done already
		}
	})
	if want := "p7 p0 p1 p9 p2 p3 p4 p5 p6 p8"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
