package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder tmp in place of final and returns where the previous
// output now is ("" when there was none). Linux exchanges the two in one
// step (renameat2 with RENAME_EXCHANGE), so that at every instant final is
// either the previous or the new site, even if the process is killed. File
// systems without the exchange get two renames.
func swap(tmp, final string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, final, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return tmp, nil
	case errors.Is(err, unix.ENOENT):
		if _, serr := os.Lstat(final); errors.Is(serr, os.ErrNotExist) {
			return "", os.Rename(tmp, final)
		}
	case errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP):
		return swapByRenames(tmp, final)
	}
	return "", &os.LinkError{Op: "exchange", Old: tmp, New: final, Err: err}
}
