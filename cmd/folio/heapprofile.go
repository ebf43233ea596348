package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
)

// peakHeapProfile is FOLIO_HEAPPROFILE=FILE: the heap profile (go tool
// pprof) of the collection that found the most live heap while folio ran,
// written to FILE when it ends, to see what a build holds at its peak.
// It samples an allocation per 64 KiB rather than Go's 512, and copies
// the profile after every collection that finds a new peak, so it is for
// measuring, not for builds one times.
type peakHeapProfile struct {
	mu      sync.Mutex
	path    string
	live    uint64 // the peak: the live heap of that collection
	cycle   uint64
	profile []byte
	done    bool
}

// startHeapProfile starts FOLIO_HEAPPROFILE's profile; stop writes it.
// Without one, allocations are not sampled at all (package memprofile).
func startHeapProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	runtime.MemProfileRate = 64 << 10
	p := &peakHeapProfile{path: path}
	p.arm()
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.done = true
		if err := os.WriteFile(p.path, p.profile, 0o644); err != nil {
			fmt.Fprintf(stderr, "folio: FOLIO_HEAPPROFILE: %v\n", err)
			return
		}
		fmt.Fprintf(stderr, "folio: heap profile of collection %d, %.1f MiB live, written to %s\n",
			p.cycle, float64(p.live)/(1<<20), p.path)
	}
}

// arm makes garbage whose cleanup runs after the next collection.
func (p *peakHeapProfile) arm() {
	runtime.AddCleanup(new([32]byte), (*peakHeapProfile).afterCollection, p)
}

func (p *peakHeapProfile) afterCollection() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	if live := s[0].Value.Uint64(); live > p.live {
		var b bytes.Buffer
		if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
			p.live, p.cycle, p.profile = live, s[1].Value.Uint64(), b.Bytes()
		}
	}
	p.arm()
}
