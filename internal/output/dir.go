package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Dir is a Target that writes into a new folder beside the final one and
// swaps it in on Commit.
type Dir struct {
	final string
	st    *staging
	made  sync.Map // folders already created, to save a syscall per file

	// mu lets Abort (from a signal) wait for the files being written and
	// stops later writes, so that the folder it removes stays removed.
	mu    sync.RWMutex
	state dirState
}

type dirState uint8

const (
	writing dirState = iota
	aborted
	swapped // the staging path holds the previous output, or nothing
	done
)

// NewDir prepares a build into final. It refuses a final folder that is the
// site itself or looks like a source folder, since Commit replaces it whole,
// and a final path that is a file. A final path that is a symbolic link to
// a folder receives the site in the folder it points to; the link stays.
// Staging folders that builds killed earlier left beside final are removed.
func NewDir(final string, o Options) (*Writer, *Dir, error) {
	abs, err := resolveFinal(final)
	if err != nil {
		return nil, nil, err
	}
	if err := guard(abs); err != nil {
		return nil, nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", parent, diskError(err))
	}
	removeStale(abs)
	st, err := newStaging(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("create a build folder beside %s: %w", abs, diskError(err))
	}
	d := &Dir{final: abs, st: st}
	register(d)
	return newWriter(d, o, 0), d, nil
}

// resolveFinal makes final absolute and follows it when it is a symbolic
// link, so that the swap replaces the folder the link points to and never
// the link itself.
func resolveFinal(final string) (string, error) {
	abs, err := filepath.Abs(final)
	if err != nil {
		return "", fmt.Errorf("output %s: %w", final, err)
	}
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", fmt.Errorf("output folder %s: %w", final, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			dest, _ := os.Readlink(abs)
			return "", fmt.Errorf("output folder %s is a symbolic link to %s, which does not exist; create that folder or remove the link", final, dest)
		}
		tfi, err := os.Stat(target)
		if err != nil {
			return "", fmt.Errorf("output folder %s: %w", final, err)
		}
		if !tfi.IsDir() {
			return "", fmt.Errorf("output folder %s is a symbolic link to the file %s, not to a folder; folio writes a folder there, so choose another output folder with -o", final, target)
		}
		return target, nil
	case !fi.IsDir():
		return "", fmt.Errorf("output folder %s is a file, not a folder; folio writes the site as a folder and replaces it whole, so choose another output folder with -o (nothing was deleted)", final)
	}
	return abs, nil
}

// guard refuses to replace folders that hold sources: a mistyped -o must
// not delete a site or a repository.
func guard(abs string) error {
	for _, marker := range []string{"content", "folio.yaml", ".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(abs, marker)); err == nil {
			return fmt.Errorf("output folder %s holds %s, so it looks like a source folder; folio replaces its output folder whole, so choose another (-o public)", abs, marker)
		}
	}
	return nil
}

func (d *Dir) put(rel string, data []byte) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.state != writing {
		return errInterrupted
	}
	p := filepath.Join(d.st.dir, filepath.FromSlash(rel))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return diskError(err)
	}
	return diskError(os.WriteFile(p, data, 0o666))
}

// errInterrupted is what writes return once the build was aborted.
var errInterrupted = errors.New("the build was interrupted")

// mkdir creates dir and the parents it lacks inside the build folder. The
// parents of a page's folder are known to exist after the first page
// beside it, so a new folder costs one mkdir, where os.MkdirAll first
// looks up the folder and its parent (three calls into the kernel).
func (d *Dir) mkdir(dir string) error {
	if dir == d.st.dir {
		return nil
	}
	if _, done := d.made.Load(dir); done {
		return nil
	}
	if err := d.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o777); err != nil {
		// Another writer may have made it since the lookup above; a file
		// in its place is an error, as os.MkdirAll reports it.
		if fi, serr := os.Stat(dir); !errors.Is(err, fs.ErrExist) || serr != nil || !fi.IsDir() {
			return err
		}
	}
	d.made.Store(dir, true)
	return nil
}

// Commit replaces the final folder with the new build: in one step where
// the kernel can exchange two folders (renameat2 on Linux), otherwise by
// moving the previous output aside and the new one in.
func (d *Dir) Commit() error {
	d.mu.Lock()
	if d.state != writing {
		d.mu.Unlock()
		return errInterrupted
	}
	old, err := swap(d.st.dir, d.final)
	if err != nil {
		d.state = aborted
		d.mu.Unlock()
		d.cleanup()
		return fmt.Errorf("move the new output into %s: %w", d.final, err)
	}
	d.state = swapped
	d.mu.Unlock()
	var rerr error
	if old != "" {
		rerr = removePrevious(old)
	}
	d.mu.Lock()
	d.state = done
	d.mu.Unlock()
	unregister(d)
	if rerr != nil {
		d.st.keep() // the next build into final removes old
		return &LeftoverError{Final: d.final, Old: old, Err: rerr}
	}
	d.st.release()
	return nil
}

// Abort removes the unfinished build and leaves the final folder untouched.
// It may be called from another goroutine while the build writes (on an
// interrupt): it waits for the files being written and refuses later ones.
func (d *Dir) Abort() { d.abort() }

// abort is Abort, reporting whether the new output had already been
// swapped in (what is removed then is the previous output).
func (d *Dir) abort() (published bool) {
	d.mu.Lock()
	if d.state == done || d.state == aborted {
		d.mu.Unlock()
		return d.state == done
	}
	published = d.state == swapped
	d.state = aborted
	d.mu.Unlock()
	d.cleanup()
	return published
}

func (d *Dir) cleanup() {
	_ = removeOutput(d.st.dir)
	unregister(d)
	d.st.release()
}

// LeftoverError is a build that was published but whose previous output
// could not be removed afterwards.
type LeftoverError struct {
	Final, Old string
	Err        error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the new site is live in %s, but the previous output could not be removed and is left in %s (%v); remove that folder yourself", e.Final, e.Old, e.Err)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// removePrevious removes the previous output after the swap; a variable so
// that tests can make it fail.
var removePrevious = removeOutput
