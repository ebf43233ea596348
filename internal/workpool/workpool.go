// Package workpool is folio's one worker pool: it runs independent jobs on
// a bounded number of goroutines and returns when all are done. Every
// stage that spreads work over the cores (loading pages, rendering them,
// the print edition and EPUB conversions, zipping a package, removing an
// old output, generating a corpus) goes through it, so that how work is
// handed out is written once.
//
// The callers choose how many goroutines: Cores() for work that keeps the
// processor busy, a multiple of it for work that waits on the disk. Jobs
// are handed out in the order given; each job must be safe to run
// alongside the others. The package imports no other folio package.
package workpool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Cores is how many goroutines keep every core busy: GOMAXPROCS.
func Cores() int { return runtime.GOMAXPROCS(0) }

// Run runs jobs on n goroutines.
func Run(n int, jobs []func()) {
	Each(n, jobs, func(job func()) { job() })
}

// Each calls do for every item on n goroutines, handing items out in order.
func Each[T any](n int, items []T, do func(T)) {
	Indexes(n, len(items), func(i int) { do(items[i]) })
}

// Indexes calls do for 0 to count-1 on n goroutines (at most count),
// handing the indexes out in increasing order.
func Indexes(n, count int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(n, count)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < count; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}

// Feed calls do on n goroutines for every item that produce sends, while
// produce runs on the calling goroutine: for work whose items are found
// as it goes (a walk of a folder tree) or that the producer may stop
// handing out. Feed returns when produce has returned and every item sent
// is done.
func Feed[T any](n int, produce func(send func(T)), do func(T)) {
	items := make(chan T)
	var wg sync.WaitGroup
	for range max(1, n) {
		wg.Go(func() {
			for it := range items {
				do(it)
			}
		})
	}
	defer func() {
		close(items)
		wg.Wait()
	}()
	produce(func(it T) { items <- it })
}
