// Package memprofile owns Go's sampling of allocations in folio: it turns
// it off as the program starts, before the packages that allocate as they
// initialize (the highlighter's lexers, about 2.7 MB) have run. cmd/folio
// imports it for that; FOLIO_HEAPPROFILE turns sampling on again.
//
// Go samples an allocation per 512 KiB by default, for a heap profile
// nobody asks for in a build: the first sample makes the profile's hash
// table, 1.4 MiB that stay, with a record per call stack sampled after it,
// all counted against the memory limit a build runs under (package
// membudget), so the heap had that much less room and was collected more
// often: a 1,000-page build's memory classes held 1.47 MiB of
// profiling/buckets at its peak (runtime/metrics); without them it
// collected 36 times instead of 40 and marked 420 MB instead of 458
// (medians of 4 alternating fresh builds with GODEBUG=gctrace=1, the
// second with memprofilerate=0). Setting runtime.MemProfileRate in main
// is too late for that: the table is made by then.
//
// Go initializes the packages of a program in the order of their import
// paths among those whose imports are done, and this one imports nothing
// but the runtime, so it runs before any package whose path sorts after
// folio/ (github.com/..., golang.org/..., most of the standard library).
package memprofile

import "runtime"

func init() {
	runtime.MemProfileRate = 0
}
