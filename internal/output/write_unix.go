//go:build unix

package output

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// writeFile creates the file p holding data in three calls into the
// kernel (open, write, close), where os.WriteFile takes eight: it also
// registers the file with Go's poller (three fcntl and an epoll_ctl that
// fails for a regular file, and two fcntl more). A build writes thousands
// of small files, so those calls were a good part of writing them. On
// Linux the three are raw calls (sys_linux.go). flag is added to
// O_WRONLY|O_CREAT|O_CLOEXEC; errors are *fs.PathError, as os.WriteFile's.
func writeFile(p string, data []byte, flag int) error {
	fd, err := retryEINTR(func() (int, error) { return createFile(p, flag) })
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := retryEINTR(func() (int, error) { return writeFD(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			_ = closeFD(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := closeFD(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}

func retryEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}

// spareFile is a file of the spare opened for comparison, by its
// descriptor alone: os.OpenFile would register it with the poller (five
// calls into the kernel more per file, for every file of a rebuild).
type spareFile int

// openSpare opens p for reading without following a link (ELOOP) or
// blocking on a named pipe. Errors are *fs.PathError.
func openSpare(p string) (spareFile, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	})
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return spareFile(fd), nil
}

func (f spareFile) Read(b []byte) (int, error) {
	n, err := retryEINTR(func() (int, error) { return unix.Read(int(f), b) })
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(b) > 0:
		return 0, io.EOF
	}
	return n, nil
}

func (f spareFile) Close() error { return unix.Close(int(f)) }

// kind is what fstat says of the file: its size, and whether it is a
// regular file or a folder.
func (f spareFile) kind() (size int64, regular, isDir bool, err error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f), &st); err != nil {
		return 0, false, false, err
	}
	mode := st.Mode & unix.S_IFMT
	return st.Size, mode == unix.S_IFREG, mode == unix.S_IFDIR, nil
}

// openDir opens a folder to list it. os.Open would register it with the
// poller (an epoll_ctl that fails, and fcntl); os.NewFile of a blocking
// descriptor does not, which saves three calls per folder of a rebuild's
// sweep.
func openDir(dir string) (*os.File, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return os.NewFile(uintptr(fd), dir), nil
}
