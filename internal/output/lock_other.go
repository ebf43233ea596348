//go:build !unix

package output

import "os"

func lockFile(*os.File) error { return nil }

// tryLockFile cannot tell a killed build from a running one here, so stale
// staging folders are left for the user to remove.
func tryLockFile(*os.File) bool { return false }

// keepSpares is false here: without a lock, a spare could not be told from
// a running build's folder, so the previous output is removed after the
// swap instead of being kept for the next build.
const keepSpares = false
