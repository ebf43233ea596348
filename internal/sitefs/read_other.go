//go:build !unix

package sitefs

// readPlain is a shortcut for Unix systems (read_unix.go); elsewhere files
// are read the general way.
func (f *FS) readPlain(string, []byte) ([]byte, bool) { return nil, false }
