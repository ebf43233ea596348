package output

import (
	"io/fs"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The calls that make a new build's folders and files (mkdir, and open,
// write, close of each file) go to the kernel as raw system calls, which
// do not tell Go's scheduler that the goroutine left for the kernel. On
// ext4 such a call costs 40–360 µs of processor time in the kernel (150
// µs a folder), not a wait: when the scheduler is told, its monitor
// thread (sysmon) sees the processor (P) in a call for longer than its
// 20 µs tick, hands the P to another thread, which finds the other
// worker busy, spins and sleeps again, and the writer, back from the
// kernel, must find a P again: a futex wake and wait, and a context
// switch or two, for every file and folder, and sysmon kept at its
// shortest sleep. Fresh builds, perf stat, in alternation on a loaded
// machine: at 1,000 pages (10 each) context switches 8,552 -> 2,842 and
// task-clock 1,891 -> 1,772 ms (medians); at 10,000 pages (2 each)
// 79,000-86,000 -> 18,000-21,000 and 17.2-17.4 -> 16.1-16.4 s.
//
// What the kernel does in these calls is its own work on the processor
// (the file systems' allocation, the page cache), so holding the P
// through them keeps no other goroutine from a core it could have had.
// They cannot wait for a reader or a lock: the files are new (O_CREAT in
// a new folder, or O_EXCL with O_NONBLOCK in a spare). Reading a file
// system's metadata from a cold disk, or an output folder on a network
// file system, can make one wait; the P then idles with it, and the
// collector's stops wait for it (they also wait, briefly, for every such
// call in flight: the price of the handoffs saved).

// atFDCWD is unix.AT_FDCWD as a variable, so that it converts to uintptr.
var atFDCWD = unix.AT_FDCWD

// createFile opens p for writing (O_WRONLY|O_CREAT|O_CLOEXEC and flag),
// with mode 0666 less the umask.
func createFile(p string, flag int) (int, error) {
	b, err := unix.BytePtrFromString(p)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT, uintptr(atFDCWD), uintptr(unsafe.Pointer(b)),
		uintptr(unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC|flag), 0o666, 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

// writeFD writes b (not empty) to fd once, as write(2) does.
func writeFD(fd int, b []byte) (int, error) {
	n, _, e := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// closeFD closes fd.
func closeFD(fd int) error {
	if _, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0); e != 0 {
		return e
	}
	return nil
}

// mkdirOne makes the folder dir, mode 0777 less the umask, as os.Mkdir
// does (its errors are *fs.PathError as os.Mkdir's), in one raw call.
func mkdirOne(dir string) error {
	b, err := unix.BytePtrFromString(dir)
	if err != nil {
		return &fs.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	for {
		_, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, uintptr(atFDCWD), uintptr(unsafe.Pointer(b)), 0o777)
		switch e {
		case 0:
			return nil
		case unix.EINTR:
			continue
		}
		return &fs.PathError{Op: "mkdir", Path: dir, Err: e}
	}
}
