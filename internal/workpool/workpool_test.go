package workpool

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Every job runs once, whatever the number of goroutines and jobs.
func TestEveryJobOnce(t *testing.T) {
	for _, tc := range []struct{ n, count int }{{1, 0}, {0, 3}, {1, 5}, {4, 1}, {4, 100}, {64, 7}} {
		counts := make([]atomic.Int32, tc.count)
		Indexes(tc.n, tc.count, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d count=%d: index %d ran %d times", tc.n, tc.count, i, c)
			}
		}
		items := make([]int, tc.count)
		for i := range items {
			items[i] = i
		}
		var sum atomic.Int64
		Each(tc.n, items, func(i int) { sum.Add(int64(i)) })
		if want := int64(tc.count * (tc.count - 1) / 2); sum.Load() != want {
			t.Errorf("n=%d count=%d: Each summed %d, want %d", tc.n, tc.count, sum.Load(), want)
		}
		var ran atomic.Int32
		jobs := make([]func(), tc.count)
		for i := range jobs {
			jobs[i] = func() { ran.Add(1) }
		}
		Run(tc.n, jobs)
		if int(ran.Load()) != tc.count {
			t.Errorf("n=%d count=%d: Run ran %d jobs", tc.n, tc.count, ran.Load())
		}
	}
}

// At most n jobs run at once, and n of them do run together: n jobs that
// wait for each other all finish only if the pool runs them side by side.
func TestConcurrencyBound(t *testing.T) {
	const n = 3
	var running, peak atomic.Int32
	var all sync.WaitGroup
	all.Add(n)
	Indexes(n, n, func(int) {
		if r := running.Add(1); r > peak.Load() {
			peak.Store(r)
		}
		all.Done()
		all.Wait() // the n jobs meet: each waits for the others to start
		running.Add(-1)
	})
	if p := peak.Load(); p > n {
		t.Errorf("%d jobs ran at once, want at most %d", p, n)
	}
	var active, most atomic.Int32
	var mu sync.Mutex
	Indexes(2, 50, func(int) {
		a := active.Add(1)
		mu.Lock()
		most.Store(max(most.Load(), a))
		mu.Unlock()
		active.Add(-1)
	})
	if most.Load() > 2 {
		t.Errorf("%d jobs ran at once on 2 goroutines", most.Load())
	}
}

// Feed runs what the producer sends, in the order sent on one goroutine,
// and returns after the last item is done.
func TestFeed(t *testing.T) {
	var got []int
	var mu sync.Mutex
	Feed(1, func(send func(int)) {
		for i := range 10 {
			if i == 7 {
				return // a producer may stop early
			}
			send(i)
		}
	}, func(i int) {
		mu.Lock()
		got = append(got, i)
		mu.Unlock()
	})
	if len(got) != 7 {
		t.Fatalf("Feed ran %v, want 0 to 6", got)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("Feed on one goroutine ran %v, not in the order sent", got)
		}
	}
	var sum atomic.Int64
	Feed(8, func(send func(int)) {
		for i := range 1000 {
			send(i)
		}
	}, func(i int) { sum.Add(int64(i)) })
	if sum.Load() != 999*1000/2 {
		t.Errorf("Feed on 8 goroutines summed %d", sum.Load())
	}
}
