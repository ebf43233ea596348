//go:build !unix

package output

import "os"

// writeFile creates the file p holding data; flag is added to
// O_WRONLY|O_CREATE (write_unix.go says why Unix systems differ).
func writeFile(p string, data []byte, flag int) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|flag, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
