//go:build race

package search

// raceDetector says the tests run under the race detector, where a
// sync.Pool drops some of what is put in it, so that counts of
// allocations do not hold.
const raceDetector = true
