package images

import (
	"fmt"
	"io/fs"
	"syscall"
	"time"
)

// fileIdentity is what tells one version of a file from another on disk.
func fileIdentity(fi fs.FileInfo) (string, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return "", false
	}
	return fmt.Sprintf("%d:%d:%d:%d.%d:%d.%d", st.Dev, st.Ino, st.Size,
		st.Mtim.Sec, st.Mtim.Nsec, st.Ctim.Sec, st.Ctim.Nsec), true
}

// settled reports whether the file's modification and change times are
// racyWindow older than now.
func settled(fi fs.FileInfo, now time.Time) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	limit := now.Add(-racyWindow)
	return time.Unix(st.Mtim.Sec, st.Mtim.Nsec).Before(limit) && time.Unix(st.Ctim.Sec, st.Ctim.Nsec).Before(limit)
}
