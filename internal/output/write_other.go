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

// spareFile is a file of the spare opened for comparison.
type spareFile struct{ *os.File }

// openDir opens a folder to list it.
func openDir(dir string) (*os.File, error) { return os.Open(dir) }

func openSpare(p string) (spareFile, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|openNoFollow, 0)
	return spareFile{f}, err
}

// kind is what stat says of the file: its size, and whether it is a
// regular file or a folder.
func (f spareFile) kind() (size int64, regular, isDir bool, err error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, false, false, err
	}
	return fi.Size(), fi.Mode().IsRegular(), fi.IsDir(), nil
}

// mkdirOne makes the folder dir.
func mkdirOne(dir string) error { return os.Mkdir(dir, 0o777) }
