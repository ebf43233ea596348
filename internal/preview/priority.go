package preview

import (
	"sync"
	"sync/atomic"

	"folio/internal/content"
	"folio/internal/workpool"
)

// Priority lets a preview ask a running build for the files a browser is
// waiting for, so that the first page asked for is served long before a
// large site's first build ends: the page stage converts and renders the
// pages of the files asked for before the rest, and the files the build
// has written so far can be read while it runs. Pages rendered with the
// lists (home, blog and tag indexes, which show other pages' summaries)
// come when the lists do. build.Options.Priority hands one to a Session; it
// records what a build writes until Stop.
type Priority struct {
	mu      sync.Mutex
	want    []string          // output files asked for, not yet looked at
	files   map[string][]byte // written so far by the running build
	waiting map[string][]chan struct{}
	stopped bool
}

// NewPriority returns a Priority with nothing asked for.
func NewPriority() *Priority {
	return &Priority{files: map[string][]byte{}, waiting: map[string][]chan struct{}{}}
}

// Want asks for the output file rel ("book/one/index.html") and returns a
// channel closed once the build has written it (at once if it has).
func (p *Priority) Want(rel string) <-chan struct{} {
	ch := make(chan struct{})
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.files[rel]; ok || p.stopped {
		close(ch)
		return ch
	}
	p.want = append(p.want, rel)
	p.waiting[rel] = append(p.waiting[rel], ch)
	return ch
}

// Files returns a copy of the files written so far (the bytes are shared).
func (p *Priority) Files() map[string][]byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	files := make(map[string][]byte, len(p.files))
	for rel, data := range p.files {
		files[rel] = data
	}
	return files
}

// Stop ends the recording (once the first build is published) and lets
// every waiter go.
func (p *Priority) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped, p.files, p.want = true, nil, nil
	for _, chs := range p.waiting {
		for _, ch := range chs {
			close(ch)
		}
	}
	p.waiting = nil
}

// Written records a file the build wrote (output.Memory.Observe).
func (p *Priority) Written(rel string, data []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.files[rel] = data
	for _, ch := range p.waiting[rel] {
		close(ch)
	}
	delete(p.waiting, rel)
}

// active reports whether the priority still orders builds (before Stop).
func (p *Priority) active() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.stopped
}

// next takes the oldest file asked for.
func (p *Priority) next() (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.want) == 0 {
		return "", false
	}
	rel := p.want[0]
	p.want = p.want[1:]
	return rel, true
}

// EachFirst calls do for every page of order on n goroutines like
// workpool.Each, but before each page it takes the pages whose files the
// priority asks for (build.PageOrder); after Stop it does nothing and
// returns false.
func (p *Priority) EachFirst(n int, order []*content.Page, do func(*content.Page)) bool {
	if !p.active() {
		return false
	}
	byOut := make(map[string]int, len(order))
	for i, pg := range order {
		byOut[pg.OutPath] = i
	}
	taken := make([]atomic.Bool, len(order))
	workpool.Indexes(n, len(order), func(i int) {
		for rel, ok := p.next(); ok; rel, ok = p.next() {
			if j, found := byOut[rel]; found && taken[j].CompareAndSwap(false, true) {
				do(order[j])
			}
		}
		if taken[i].CompareAndSwap(false, true) {
			do(order[i])
		}
	})
	return true
}
