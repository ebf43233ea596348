package watch

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"time"
)

// coalesce turns the stream of raw changes into batches: a burst collects
// until Quiet passes without events (QuietOne while it is one file's save;
// see quietFor), or MaxWait since its first event, then waits in the
// batcher until the consumer takes it.
func (w *Watcher) coalesce() {
	defer w.wg.Done()
	defer close(w.out)

	quiet := time.NewTimer(w.opts.Quiet)
	quiet.Stop()
	maxWait := time.NewTimer(w.opts.MaxWait)
	maxWait.Stop()
	defer quiet.Stop()
	defer maxWait.Stop()
	inBurst := false
	endBurst := func(b *batcher) {
		quiet.Stop()
		maxWait.Stop()
		inBurst = false
		b.promote()
	}

	b := newBatcher()
	for {
		if w.opts.observe != nil {
			w.opts.observe(len(b.pending), len(b.batch))
		}
		var out chan<- []Change
		if len(b.batch) > 0 {
			out = w.out
		}
		select {
		case <-w.done:
			return
		case cs := <-w.raw:
			b.add(cs)
			quiet.Reset(w.quietFor(b.pending))
			if !inBurst {
				inBurst = true
				maxWait.Reset(w.opts.MaxWait)
			}
		case <-quiet.C:
			endBurst(b)
		case <-maxWait.C:
			endBurst(b)
		case out <- b.batch:
			b.ready, b.batch = nil, nil
		}
	}
}

// quietFor is the silence that ends the burst pending so far: QuietOne
// while it touched one file and that file has content (an author's save),
// Quiet otherwise (several files: a checkout or a script, whose next file
// may be a millisecond away; an empty file: perhaps truncated by a save
// whose write is still to come).
func (w *Watcher) quietFor(pending map[string]Op) time.Duration {
	if len(pending) != 1 {
		return w.opts.Quiet
	}
	for p := range pending {
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			return w.opts.Quiet
		}
	}
	return w.opts.QuietOne
}

// batcher holds two sets: pending, the burst still in progress, and ready,
// finished bursts the consumer has not taken yet. A burst that finishes while
// ready is unsent is merged into it, which is what keeps changes made during
// a build from being lost or queued as a backlog of stale batches. A burst in
// progress is never handed out half-done with the ready one.
type batcher struct {
	pending map[string]Op
	ready   map[string]Op // union of finished bursts, nil when none
	batch   []Change      // ready, checked against the disk
}

func newBatcher() *batcher { return &batcher{pending: map[string]Op{}} }

func (b *batcher) add(cs []Change) {
	for _, c := range cs {
		b.pending[c.Path] |= c.Op
	}
}

func (b *batcher) promote() {
	if b.ready == nil {
		b.ready = b.pending
	} else {
		for p, op := range b.pending {
			b.ready[p] |= op
		}
	}
	b.pending = map[string]Op{}
	b.batch = settle(b.ready)
	if len(b.batch) == 0 {
		b.ready = nil
	}
}

// settle checks each path against the disk and returns the sorted batch. The
// union of a burst's events says little on its own (a vim save is
// RENAME|CREATE|WRITE on the same name); what the consumer needs is whether the
// path is there now. A path that exists keeps only Create/Write (Write if the
// burst saw only a removal: it was replaced). A path that is gone keeps only
// Remove/Rename, or is dropped if it was merely created and vanished again
// within the burst, like a temp file with a name no rule knows.
func settle(ops map[string]Op) []Change {
	batch := make([]Change, 0, len(ops))
	for p, op := range ops {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			op &= Create | Write
			if op == 0 {
				op = Write
			}
		} else {
			op &= Remove | Rename
			if op == 0 {
				continue
			}
		}
		batch = append(batch, Change{Path: p, Op: op})
	}
	sort.Slice(batch, func(i, j int) bool { return batch[i].Path < batch[j].Path })
	return batch
}
