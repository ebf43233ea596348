//go:build unix

package output

import (
	"errors"
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// writeFile creates the file p holding data in three calls into the
// kernel (open, write, close), where os.WriteFile takes eight: it also
// registers the file with Go's poller (three fcntl and an epoll_ctl that
// fails for a regular file, and two fcntl more). A build writes thousands
// of small files, so those calls were a good part of writing them. flag
// is added to O_WRONLY|O_CREAT|O_CLOEXEC; errors are *fs.PathError, as
// os.WriteFile's.
func writeFile(p string, data []byte, flag int) error {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag, 0o666)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := retryEINTR(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			_ = unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
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
