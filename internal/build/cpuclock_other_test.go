//go:build !unix

package build

import "testing"

// cpuClock reports processor time on Unix systems only (cpuclock_unix_test.go).
type cpuClock struct{}

func (c *cpuClock) time(work func()) { work() }

func (c *cpuClock) report(*testing.B) {}
