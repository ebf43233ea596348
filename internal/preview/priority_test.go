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

// A page asked for through a Priority is handed to the page stage's workers
// before the pages queued ahead of it: a book chapter, which the stage
// otherwise starts among the last, is among the first pages started (one
// per worker may start at once), and its waiter learns it is written. The
// pages are counted as they are started (startOrder), not by where they
// land among the written files, which depends on scheduling; EachFirst's
// exact order on one goroutine is tested below.
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

	fsys := os.DirFS(dir)
	cfg, err := build.Configure(fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prio := NewPriority()
	ready := prio.Want(want)
	starts := newStartOrder(prio, want)
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	mem.Observe(prio.Written)
	if _, err := build.Run(fsys, cfg, build.Options{Priority: starts}, w); err != nil {
		t.Fatal(err)
	}

	if starts.order == nil {
		t.Fatal("the build did not hand its pages to the Priority")
	}
	queued := slices.IndexFunc(starts.order, func(pg *content.Page) bool { return pg.OutPath == want })
	if queued < starts.workers {
		t.Fatalf("%s is page %d of the work order, among the first %d workers' pages even without a Priority: the test proves nothing", want, queued+1, starts.workers)
	}
	if len(starts.started) != len(starts.order) {
		t.Errorf("%d pages started, want each of the %d pages once", len(starts.started), len(starts.order))
	}
	at := slices.Index(starts.started, want)
	switch {
	case at < 0:
		t.Fatalf("%s was not started", want)
	case at >= starts.workers:
		t.Errorf("asked for, %s was page %d started (of %d) on %d workers; queued, page %d", want, at+1, len(starts.started), starts.workers, queued+1)
	}
	select {
	case <-ready:
	default:
		t.Error("the waiter was not told that the page was written")
	}
	if got := prio.Files()[want]; string(got) != string(mem.Files()[want]) {
		t.Error("the Priority's copy of the page differs from the build's")
	}
}

// startOrder is a build.PageOrder around a Priority that records, for the
// page stage's first pass, the work order and the pages in the order
// they are started. So that the count does not depend on which worker the
// scheduler runs first, a worker that starts another page before the
// page wanted has started waits until it has; once every worker waits
// (the wanted page was not handed out first), they all go on. At most
// workers-1 other pages can thus start before a page handed out first.
type startOrder struct {
	*Priority
	want string

	mu      sync.Mutex
	cond    *sync.Cond
	calls   int
	workers int             // goroutines of the first pass
	order   []*content.Page // the first pass's work order
	started []string        // its pages in the order started
	waiting int             // workers waiting for the wanted page
	open    bool            // the wanted page started, or every worker waits
}

// maxWorkers bounds the workers, so that the chapter asked for lies
// beyond the first workers' pages on a machine of any size.
const maxWorkers = 8

func newStartOrder(p *Priority, want string) *startOrder {
	s := &startOrder{Priority: p, want: want}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *startOrder) EachFirst(n int, order []*content.Page, do func(*content.Page)) bool {
	n = min(n, maxWorkers)
	s.mu.Lock()
	s.calls++
	first := s.calls == 1
	if first {
		// workpool.Indexes runs this many goroutines.
		s.workers, s.order = max(1, min(n, len(order))), order
	}
	s.mu.Unlock()
	if !first {
		return s.Priority.EachFirst(n, order, do)
	}
	return s.Priority.EachFirst(n, order, func(pg *content.Page) {
		s.start(pg.OutPath)
		do(pg)
	})
}

// start records a page started and holds its worker at the gate.
func (s *startOrder) start(out string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started = append(s.started, out)
	switch {
	case s.open:
	case out == s.want:
		s.open = true
		s.cond.Broadcast()
	default:
		s.waiting++
		if s.waiting == s.workers {
			s.open = true
			s.cond.Broadcast()
		}
		for !s.open {
			s.cond.Wait()
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
