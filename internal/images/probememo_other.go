//go:build !linux

package images

import (
	"io/fs"
	"time"
)

// fileIdentity needs the change time, which only Linux gives here in one form:
// elsewhere probes are not remembered.
func fileIdentity(fs.FileInfo) (string, bool) { return "", false }

func settled(fs.FileInfo, time.Time) bool { return false }
