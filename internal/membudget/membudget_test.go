package membudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
)

func currentLimit() int64 { return debug.SetMemoryLimit(-1) }

func currentGCPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		source, want int64
	}{
		{0, 157 << 17},
		{-5, 157 << 17},
		{10 << 20, 349 << 17},
		{100 << 20, 2077 << 17},
	} {
		if got := Estimate(tc.source); got != tc.want {
			t.Errorf("Estimate(%d) = %d, want %d", tc.source, got, tc.want)
		}
	}
}

func TestLimitStaysAboveTheLiveHeap(t *testing.T) {
	for _, tc := range []struct {
		budget, live, want int64
	}{
		{100, 40, 100},
		{100, 80, 100},
		{100, 200, 250},
		{0, math.MaxInt64 - 1, math.MaxInt64},
	} {
		if got := limit(tc.budget, tc.live); got != tc.want {
			t.Errorf("limit(%d, %d) = %d, want %d", tc.budget, tc.live, got, tc.want)
		}
	}
}

// begin starts a budget for sourceBytes of Markdown loaded, and returns
// its End.
func begin(sourceBytes int64) func() {
	b := Start()
	b.Grow(sourceBytes)
	return b.End
}

// TestStartSetsAndRestores: builds side by side add their estimates, and
// collect at the limit only (GOGC off); when the last ends, the process's
// limit and GOGC are what they were.
func TestStartSetsAndRestores(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before, percent := currentLimit(), currentGCPercent()
	end1 := begin(10 << 20)
	if got := currentGCPercent(); got != -1 {
		t.Errorf("GOGC during a build = %d, want off", got)
	}
	if got := currentLimit(); got != max(Estimate(10<<20), liveHeap()*5/4) {
		t.Errorf("limit during one build = %d, want %d", got, Estimate(10<<20))
	}
	end2 := begin(20 << 20)
	if got, want := currentLimit(), Estimate(10<<20)+Estimate(20<<20); got < want {
		t.Errorf("limit during two builds = %d, want at least %d", got, want)
	}
	end1()
	end1() // a second call changes nothing
	if got, want := currentLimit(), max(Estimate(20<<20), liveHeap()*5/4); got != want {
		t.Errorf("limit after the first ended = %d, want %d", got, want)
	}
	end2()
	if got := currentLimit(); got != before {
		t.Errorf("limit after both ended = %d, want the previous %d", got, before)
	}
	if got := currentGCPercent(); got != percent {
		t.Errorf("GOGC after both ended = %d, want the previous %d", got, percent)
	}
}

// TestGrowRaisesTheLimit: the limit follows the Markdown loaded, told in
// parts from many goroutines, to the estimate of the whole; after End,
// Grow changes nothing.
func TestGrowRaisesTheLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := currentLimit()
	b := Start()
	if got, want := currentLimit(), Estimate(0); got < want {
		t.Errorf("limit before loading = %d, want at least %d", got, want)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				b.Grow(10 << 10)
			}
		})
	}
	wg.Wait()
	state.Lock()
	total := state.total
	state.Unlock()
	if want := Estimate(8000 << 10); total != want || currentLimit() < want {
		t.Errorf("budget %d, limit %d after 8,000 KiB loaded, want %d", total, currentLimit(), want)
	}
	b.End()
	b.Grow(1 << 30)
	if got := currentLimit(); got != before {
		t.Errorf("limit after End and Grow = %d, want the previous %d", got, before)
	}
}

// TestGOGCWins: a process started with GOGC keeps it during a build.
func TestGOGCWins(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "100")
	percent := currentGCPercent()
	end := begin(1 << 20)
	defer end()
	if got := currentGCPercent(); got != percent {
		t.Errorf("GOGC during a build = %d, want the process's %d", got, percent)
	}
}

func TestGOMEMLIMITWins(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := currentLimit()
	end := begin(1 << 20)
	if got := currentLimit(); got != before {
		t.Errorf("with GOMEMLIMIT set, Start changed the limit from %d to %d", before, got)
	}
	end()
}

// TestGuardRaisesTheLimit: a build that keeps more than its estimate has
// its limit raised after a collection, a quarter above what is live.
func TestGuardRaisesTheLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	end := begin(0)
	defer end()
	kept := make([][]byte, 0, 64)
	for range 64 {
		kept = append(kept, make([]byte, 1<<20))
	}
	want := int64(64<<20) * 5 / 4
	for i := 0; currentLimit() < want; i++ {
		if i == 1000 {
			t.Fatalf("limit %d after %d collections with 64 MiB live, want at least %d", currentLimit(), i, want)
		}
		runtime.GC()
		runtime.Gosched()
	}
	runtime.KeepAlive(kept)
}
