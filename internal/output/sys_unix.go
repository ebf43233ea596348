//go:build unix && !linux

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// createFile opens p for writing (O_WRONLY|O_CREAT|O_CLOEXEC and flag);
// sys_linux.go says why Linux differs.
func createFile(p string, flag int) (int, error) {
	return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag, 0o666)
}

// writeFD writes b to fd once, as write(2) does.
func writeFD(fd int, b []byte) (int, error) { return unix.Write(fd, b) }

// closeFD closes fd.
func closeFD(fd int) error { return unix.Close(fd) }

// mkdirOne makes the folder dir, as os.Mkdir does.
func mkdirOne(dir string) error { return os.Mkdir(dir, 0o777) }
