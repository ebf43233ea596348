package build

import (
	"testing"

	"folio/internal/config"
)

// BenchmarkBuild1000NoSearch is BenchmarkBuild1000 with search: false, so
// that the two (allocations, or the share of search in a CPU profile) show
// what the index adds to a build.
func BenchmarkBuild1000NoSearch(b *testing.B) {
	benchmarkBuild(b, 1000, func(c *config.Config) { c.Search = false })
}
