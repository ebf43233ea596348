//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive lock on f, held until f is closed or the
// process ends (however it ends).
func lockFile(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

// tryLockFile reports whether the lock on f could be taken: no live
// process holds it.
func tryLockFile(f *os.File) bool {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}

// keepSpares says that the previous output is kept beside the new one as
// the next build's spare, which the lock lets the next build claim.
const keepSpares = true
