//go:build unix

package build

import (
	"syscall"
	"testing"
)

// cpuClock adds up the processor time (user and system) the timed work
// of a benchmark takes, reported per run beside the wall time, which on a
// shared machine says less.
type cpuClock struct{ user, sys int64 }

func rusage() syscall.Rusage {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return r
}

// time runs work and adds its processor time.
func (c *cpuClock) time(work func()) {
	r0 := rusage()
	work()
	r1 := rusage()
	c.user += r1.Utime.Nano() - r0.Utime.Nano()
	c.sys += r1.Stime.Nano() - r0.Stime.Nano()
}

func (c *cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(c.user)/1e9/float64(b.N), "user-s/op")
	b.ReportMetric(float64(c.sys)/1e9/float64(b.N), "sys-s/op")
}
