// Package membudget owns the soft memory limit a build runs under
// (runtime/debug.SetMemoryLimit): how much memory a build of a site of a
// given size is allowed before the garbage collector works harder, and the
// guard that keeps that limit from making the collector thrash.
//
// Go's collector, left to itself (GOGC=100), lets the heap grow to twice
// what the last collection found live. A build's live memory climbs
// through the page stage (the search analyses, the feed entries) and
// again in the end stages (the print edition, each EPUB), so the heap,
// and with it the process's resident memory, peaks at about twice that.
// A limit set from what a build of this size keeps caps that; and while
// a build runs, the collector runs only when the heap reaches the limit
// (GOGC off): the peak reaches it anyway, so collecting earlier, while
// little is live, bought no memory at the peak for its work (10,000
// pages: 99 -> 60 collections, the live heap marked 4.8 -> 3.3 GB, CPU
// 35.1 -> 31.9 s, peak RSS 252 -> 251 MiB; 1,000 pages: 44-47 -> 39-41
// collections, marked ~490 -> ~468 MB, RSS 57.8 -> 57.2 MiB with the
// limit 1 MiB lower; one and three alternating fresh builds of
// GODEBUG=gctrace=1, a loaded machine). Measured on cmd/corpus sites
// (Markdown bytes S: 7.9 MiB at 1,000 pages, 79 MiB at 10,000): the live
// heap of a clean build peaks at about 20 MiB at 1,000 pages and, since
// the print edition and the EPUB stream into their files, at 80-95 MiB
// (about 1.05 × S) at 10,000; what the runtime holds besides the objects
// (span fragmentation, its metadata, stacks) is another 12 MiB or so.
// The limit is 2.4 × S plus 19.625 MiB: at 1,000 pages 38.6 MiB, which
// holds the process (the limit plus some 15 MiB of the program's own
// mapped code and data) to about 53.5 MiB, under 0.2 × Hugo's memory
// (271 MiB); at 10,000 pages 209 MiB, which holds it to about 225 MiB,
// under 0.1 × Hugo's (2.4 GiB on the same corpus). It was 2.8 × S plus
// 16.5 MiB (237 MiB at 10,000 pages) while the print edition was held
// whole: the lower slope keeps 1,000 pages where they were and costs
// 10,000 pages some collections in the page stage (three alternating
// fresh builds each, quiet, 2026-12-03: peak RSS 245.7 -> 225.0 MiB,
// processor time 32.8 -> 33.9 s, medians; the fastest 32.0 and 28.6 s).
// A limit of 145 MiB, for the 165 MiB the issue estimated from another
// Hugo figure, cost a fifth more processor time (README, Memory).
//
// The limit trades the collector's work against memory: the heap fills
// to the limit between collections, so the process's peak follows the
// limit, and the collector's work is the live heap marked at each
// collection, which come the more often the less room the limit leaves
// above what is live. At 1,000 pages, with 2.8 × S and the
// constant varied (medians of 4 alternating fresh builds each,
// GODEBUG=gctrace=1, a loaded machine, main at fe1fae1): 19 MiB, peak
// RSS 55.9 MiB, 35 collections marking 378 MB; 17 MiB, 53.9 MiB, 40 and
// 434 MB; 16.5 MiB, 53.5 MiB, 42 and 474 MB; and with GOMEMLIMIT instead
// (GOGC off, main at fe1fae1, 3 each) 46 MiB: 62.7 MiB, 347 MB; 56 MiB:
// 72.8 MiB, 220 MB. A megabyte marked costs about 1.2 ms of processor
// time here (the collector, its write barriers and assists were 14% of a
// 1,000-page build's CPU profile, 3.5 s, for about 400 MB marked), so
// 16.5 MiB instead of 19 costs some 0.1 s of processor time at 1,000
// pages (3%), the price of the 0.2 × Hugo's memory that issue 18 asks
// for. It was 20 MiB before the collector waited for the limit, 19
// until allocations stopped being sampled for a heap profile (package
// memprofile), which gave the heap 1.4 MiB. The constants were not
// changed when the feeds and the EPUB stopped making garbage of their
// copies (package scratch; 1,000 pages, 323 -> 288 MB allocated in
// BenchmarkBuild1000): at the same limit the build collects 34-35 times
// rather than 39-40 and marks 347-370 MB rather than 434-440, with the
// same peak RSS (53.1-54.9 MiB against 53.8-54.8; four alternating
// fresh builds each of GODEBUG=gctrace=1, a loaded machine,
// 2026-12-03; at 10,000 pages, one build each, 52 -> 47 collections,
// 1,775 -> 1,555 MB marked, 221.3 -> 219.1 MiB): the limit, not the
// garbage, sets the peak, so less garbage means fewer collections, not
// less memory.
//
// A build's limit is set before its pages load (Start) and grows with
// the Markdown loaded (Budget.Grow): loading under GOGC=100 collected at
// 4 MB, 8, 16... of heap, and the limit set once the site was loaded came
// too late for those. At 10,000 pages that was 20 collections while
// loading, now one: 48 -> 29 collections, 1,543 -> 1,381 MB marked (one
// build each with GODEBUG=gctrace=1, a loaded machine); peak RSS 216.5
// -> 213.3 MiB (medians of three alternating fresh builds, ab.sh); at
// 1,000 pages 33-35 -> 29-32 collections, about 360 MB marked either
// way, peak RSS 53.8-54.7 against 54.2-54.9 MiB (three each, 2026-12-03).
//
// The limit is soft: should a build keep more than estimated (a site of
// another shape, images decoded for new variants), the guard raises it
// after every collection to a quarter above the live heap, so that the
// collector never runs more than about four times as often as GOGC=100
// would have it, and Go's runtime itself caps the collector at half the
// processor near a limit. When the last build ends, the process's limit
// and GOGC are what they were. A process started with GOMEMLIMIT keeps
// the limit and GOGC it was given; one started with GOGC, its GOGC. The
// package imports no other folio package.
package membudget

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Estimate is the memory limit for a build whose Markdown sources hold
// sourceBytes: 2.4 times the sources, plus 19.625 MiB for what every
// build holds (templates, the highlighter's lexers, the runtime's own
// memory) and room above it.
func Estimate(sourceBytes int64) int64 {
	return 157<<17 + max(sourceBytes, 0)*12/5
}

// state is the budget of the builds running in this process: the sum of
// their estimates (tests run builds side by side), the limit the process
// had before the first began, and the generation of the guard.
var state struct {
	sync.Mutex
	builds   int
	total    int64
	previous int64
	percent  int  // GOGC before the first began
	gcOff    bool // GOGC turned off by the first
	guard    int
	live     int64 // the live heap the guard last read
}

// Budget is one build's share of the limit. Start sets it for a site
// without Markdown, before anything is loaded, and it grows as the
// sources load (Grow), so that loading runs under the limit too rather
// than under GOGC=100, whose goal starts at 4 MB and doubles: a
// 1,000-page build collected seven times while it loaded, and a limit
// set from the sources' size only once they were loaded missed those.
type Budget struct {
	mu     sync.Mutex
	source int64 // the Markdown told so far
	est    int64 // its estimate, in state.total
	on     bool  // between Start and End, without GOMEMLIMIT
}

// Start sets the memory limit for a build of a site whose Markdown is not
// loaded yet, unless GOMEMLIMIT set one for the process, and returns the
// build's budget. When the last build ends, the process's limit is what it
// was before.
func Start() *Budget {
	b := &Budget{}
	if os.Getenv("GOMEMLIMIT") != "" {
		return b
	}
	b.on, b.est = true, Estimate(0)
	state.Lock()
	defer state.Unlock()
	if state.builds == 0 {
		state.previous = debug.SetMemoryLimit(-1)
		if state.gcOff = os.Getenv("GOGC") == ""; state.gcOff {
			state.percent = debug.SetGCPercent(-1) // collect at the limit only
		}
		state.guard++
		armGuard(state.guard)
	}
	state.builds++
	state.total += b.est
	state.live = liveHeap()
	debug.SetMemoryLimit(limit(state.total, state.live))
	return b
}

// Grow adds sourceBytes of Markdown loaded to the build's estimate and
// raises the limit with it, from any goroutine. After End it does nothing.
func (b *Budget) Grow(sourceBytes int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.on || sourceBytes <= 0 {
		return
	}
	b.source += sourceBytes
	est := Estimate(b.source)
	state.Lock()
	defer state.Unlock()
	state.total += est - b.est
	b.est = est
	debug.SetMemoryLimit(limit(state.total, state.live)) // the live heap changes only at a collection

}

// End ends the build's share of the limit; a second call does nothing.
func (b *Budget) End() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.on {
		return
	}
	b.on = false
	state.Lock()
	defer state.Unlock()
	state.builds--
	state.total -= b.est
	if state.builds == 0 {
		state.guard++ // the guard of this generation stops
		debug.SetMemoryLimit(state.previous)
		if state.gcOff {
			debug.SetGCPercent(state.percent)
		}
		return
	}
	debug.SetMemoryLimit(limit(state.total, liveHeap()))
}

// limit is the budget, raised to a quarter above the live heap when the
// builds keep more than estimated.
func limit(budget, live int64) int64 {
	if live > math.MaxInt64/2 {
		return math.MaxInt64
	}
	return max(budget, live+live/4)
}

// sentinel is garbage from the moment it is made; its cleanup runs after
// the collection that finds it, adjusts the limit to the live heap that
// collection left, and makes the next sentinel. It is too large for the
// allocator's tiny blocks, whose objects may be freed together late.
type sentinel [32]byte

func armGuard(generation int) {
	runtime.AddCleanup(new(sentinel), guardAfterCollection, generation)
}

func guardAfterCollection(generation int) {
	state.Lock()
	defer state.Unlock()
	if generation != state.guard {
		return
	}
	state.live = liveHeap()
	debug.SetMemoryLimit(limit(state.total, state.live))
	armGuard(generation)
}

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(s[0].Value.Uint64(), math.MaxInt64))
}
