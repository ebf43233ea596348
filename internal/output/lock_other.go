//go:build !unix

package output

import "os"

func lockFile(*os.File) error { return nil }

// tryLockFile cannot tell a killed build from a running one here, so stale
// staging folders are left for the user to remove.
func tryLockFile(*os.File) bool { return false }
