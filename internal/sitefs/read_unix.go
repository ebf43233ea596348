//go:build unix

package sitefs

import (
	"errors"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// readPlain reads name when it is a regular file, no link, in a folder
// already checked, in four calls into the kernel (open, fstat, read to the
// end, close) where a check and os.ReadFile take ten: an lstat, and the
// poller's three fcntl and an epoll_ctl that fails for a regular file. A
// site's sources are thousands of small files read on every preview start
// and every build, so the calls are most of the cost of reading them.
// O_NOFOLLOW makes a link fail to open, as the check would refuse it. ok
// is false when it does not apply or anything fails: the caller then reads
// the file the general way, which reports the error. The file is read
// into buf when it fits with a byte to spare (see ReadFileIn); a file
// that grew meanwhile moves out of it.
func (f *FS) readPlain(name string, buf []byte) (data []byte, ok bool) {
	dir, base := path.Split(name)
	realDir, found := f.dirs.Load(dir)
	if !found || base == "" {
		return nil, false
	}
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(filepath.Join(realDir.(string), base), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	})
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false
	}
	if int64(len(buf)) >= st.Size+1 { // +1: the read that finds the end
		data = buf[:0:len(buf)]
	} else {
		data = make([]byte, 0, st.Size+1)
	}
	for {
		n, err := retryEINTR(func() (int, error) { return unix.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew while read
		}
	}
}

func retryEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
