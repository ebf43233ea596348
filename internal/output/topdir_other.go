//go:build !linux

package output

import "os"

// spreadFolders is a hint to Linux's ext file systems (topdir_linux.go).
func spreadFolders(string) {}

// mkdirSpread makes a folder; spreading it is for Linux (topdir_linux.go).
func mkdirSpread(dir string) error { return os.Mkdir(dir, 0o777) }
