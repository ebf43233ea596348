package output

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// A build writes into a staging folder beside its output folder, named
// .<output>.folio-<digits>, and holds a lock on a marker file beside it,
// .<output>.folio-<digits>.lock, which names the process. A build that is
// killed leaves both; the next build into the same output finds the marker,
// sees by the lock that no running build owns it, and removes the staging
// folder (and the previous output it may have been swapping out, which sits
// at the staging path or beside it with .old). Folders without such a
// marker are never removed.
const (
	stagingInfix = ".folio-"
	lockSuffix   = ".lock"
	oldSuffix    = ".old"
)

type staging struct {
	dir  string
	lock *os.File
}

// newStaging creates the staging folder for the output folder abs with the
// permissions mkdir gives (0777 less the umask), as the output folder
// itself will have them once swapped in.
func newStaging(abs string) (*staging, error) {
	prefix := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+stagingInfix)
	for range 100 {
		dir := prefix + strconv.FormatUint(rand.Uint64N(1e10), 10)
		lock, err := os.OpenFile(dir+lockSuffix, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		st := &staging{dir: dir, lock: lock}
		if err := lockFile(lock); err != nil {
			st.release()
			return nil, err
		}
		if err := claimMarker(lock); err != nil {
			st.release()
			return nil, err
		}
		if err := os.Mkdir(dir, 0o777); err != nil {
			st.release()
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			return nil, err
		}
		spreadFolders(dir)
		return st, nil
	}
	return nil, fmt.Errorf("no free name for a staging folder %s*", prefix)
}

// release removes the marker and drops its lock.
func (s *staging) release() {
	if s.lock != nil {
		_ = os.Remove(s.lock.Name())
		_ = s.lock.Close()
		s.lock = nil
	}
}

// keep drops the lock but leaves the marker, so that a later build
// removes what this one could not.
func (s *staging) keep() {
	if s.lock != nil {
		_ = s.lock.Close()
		s.lock = nil
	}
}

// claimStale takes the first staging folder beside abs that no live
// process holds locked (the spare a previous build left, or the staging
// folder of a killed build) as this build's spare, and removes the others.
// It returns nil when there is none to take.
func claimStale(abs string) *staging {
	parent := filepath.Dir(abs)
	prefix := "." + filepath.Base(abs) + stagingInfix
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var spare *staging
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		digits, ok = strings.CutSuffix(digits, lockSuffix)
		if !ok || !allDigits(digits) || !e.Type().IsRegular() {
			continue
		}
		if st := claimIfStale(filepath.Join(parent, prefix+digits), spare == nil); st != nil {
			spare = st
		}
	}
	return spare
}

// claimIfStale takes the staging folder dir when no build holds its marker
// and take is set, or else removes it. A staging folder is taken only when
// it is a real folder; what a two-rename swap left at dir.old is removed.
func claimIfStale(dir string, take bool) *staging {
	f, err := os.OpenFile(dir+lockSuffix, os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	if !tryLockFile(f) {
		f.Close()
		return nil // a build is running
	}
	var b [64]byte
	if n, _ := f.Read(b[:]); !strings.HasPrefix(string(b[:n]), "folio build") {
		f.Close()
		return nil // not ours, or its build is still starting
	}
	if removeOutput(dir+oldSuffix) == nil && take {
		if fi, err := os.Lstat(dir); err == nil && fi.IsDir() && claimMarker(f) == nil {
			return &staging{dir: dir, lock: f}
		}
	}
	if removeOutput(dir) == nil && removeOutput(dir+oldSuffix) == nil {
		_ = os.Remove(f.Name())
	}
	f.Close()
	return nil
}

// claimMarker writes this process into a marker it holds locked.
func claimMarker(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt(fmt.Appendf(nil, "folio build, process %d\n", os.Getpid()), 0)
	return err
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// live are the Dirs whose builds are running, for AbortAll.
var live struct {
	sync.Mutex
	dirs map[*Dir]bool
}

func register(d *Dir) {
	live.Lock()
	defer live.Unlock()
	if live.dirs == nil {
		live.dirs = map[*Dir]bool{}
	}
	live.dirs[d] = true
}

func unregister(d *Dir) {
	live.Lock()
	defer live.Unlock()
	delete(live.dirs, d)
}

// AbortAll aborts every build of this process that has not committed,
// removing its staging folder: what an interrupt (Ctrl-C, SIGTERM) does
// before the process exits. A build that was swapping its output in
// finishes the swap first; AbortAll reports whether any build had been
// swapped in, so that the caller does not claim the output is unchanged.
func AbortAll() (published bool) {
	live.Lock()
	dirs := make([]*Dir, 0, len(live.dirs))
	for d := range live.dirs {
		dirs = append(dirs, d)
	}
	live.Unlock()
	for _, d := range dirs {
		if d.abort() {
			published = true
		}
	}
	return published
}

// DiskError is a write that failed because the disk cannot take more (full,
// over quota, read-only): one such report says all there is to say, however
// many files failed.
type DiskError struct{ Err error }

func (e *DiskError) Error() string {
	switch {
	case errors.Is(e.Err, syscall.ENOSPC):
		return "the disk is full: free some space (or choose an output folder on another disk with -o) and build again"
	case errors.Is(e.Err, syscall.EDQUOT):
		return "the disk quota is used up: free some space (or choose an output folder on another disk with -o) and build again"
	case errors.Is(e.Err, syscall.EROFS):
		return "the output folder is on a read-only file system: choose another output folder with -o"
	}
	return e.Err.Error()
}

func (e *DiskError) Unwrap() error { return e.Err }

// diskError wraps err in a DiskError when the disk cannot take more.
func diskError(err error) error {
	if err != nil && (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EROFS)) {
		return &DiskError{Err: err}
	}
	return err
}
