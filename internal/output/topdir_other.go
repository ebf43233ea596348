//go:build !linux

package output

// spreadFolders is a hint to Linux's ext file systems (topdir_linux.go).
func spreadFolders(string) {}
