package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Dir is a Target that writes into a folder beside the final one (a new
// one, or the spare the previous build left there) and swaps it in on
// Commit.
type Dir struct {
	final string
	st    *staging
	made  sync.Map // folders already created (or verified), to save a syscall per file
	kids  sync.Map // folder → *atomic.Int64, the folders made in it, for makeFolder

	// reuse is set when st is a spare: a previous output being updated.
	// files are then the paths written by this build, for the sweep.
	reuse                       bool
	old                         string // where the swap moved the previous output
	files                       sync.Map
	written, unchanged, removed atomic.Int64

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
// The spare folder the previous build left beside final (see reuse.go)
// becomes the staging folder; other staging folders that builds killed
// earlier left there are removed.
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
	d := &Dir{final: abs, st: claimStale(abs)}
	if d.st != nil {
		d.reuse = true
	} else if d.st, err = newStaging(abs); err != nil {
		return nil, nil, fmt.Errorf("create a build folder beside %s: %w", abs, diskError(err))
	}
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
	if d.reuse {
		return diskError(d.update(p, data))
	}
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return diskError(err)
	}
	d.written.Add(1)
	return diskError(writeFile(p, data, os.O_TRUNC))
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
	if err := d.makeFolder(dir); err != nil {
		// Another writer may have made it since the lookup above; a file
		// in its place is an error, as os.MkdirAll reports it.
		if fi, serr := os.Stat(dir); !errors.Is(err, fs.ErrExist) || serr != nil || !fi.IsDir() {
			return err
		}
	}
	d.made.Store(dir, true)
	return nil
}

// spreadEvery is how many folders made in one section share a block
// group of the disk (mkdirSpread). In CPU profiles of fresh 1,000-page
// builds, each after rm -rf of the last output (perf record -g, two in
// turns each, a loaded machine), 4 instead of 1 (every folder spread)
// took the system calls from 19.2% and 15.3% to 15.9% and 13.0%,
// ext4's search of the block groups (find_group_orlov) from 4.1% and
// 3.4% to 2.2% and 1.4%, without more time skipping freed inodes
// (recently_deleted 4.4% and 1.8%, 2.3% and 1.5%); system time, medians
// of 8 alternating builds, 0.73 -> 0.65 s. Later, four rounds of fresh
// builds in turns with 4, 8 and 16 (perf record, samples at 2 kHz in
// mkdirat and openat, medians): 428, 346 and 321; find_group_orlov 149,
// 73 and 48, recently_deleted 37, 35 and 61. 8 gains most of what 16
// does without more skipping of freed inodes.
const spreadEvery = 8

// makeFolder makes dir. The sections (the build folder's own folders)
// are spread over the disk, as the build folder is marked to have them
// (spreadFolders); in a section, and further down, one folder in
// spreadEvery is spread, the others made beside it.
func (d *Dir) makeFolder(dir string) error {
	parent := filepath.Dir(dir)
	if parent == d.st.dir {
		return mkdirOne(dir)
	}
	n, _ := d.kids.LoadOrStore(parent, new(atomic.Int64))
	if n.(*atomic.Int64).Add(1)%spreadEvery != 1 {
		return mkdirOne(dir)
	}
	return mkdirSpread(dir)
}

// Commit replaces the final folder with the new build: in one step where
// the kernel can exchange two folders (renameat2 on Linux), otherwise by
// moving the previous output aside and the new one in. A build into a
// spare first removes the spare's files it did not write. The previous
// output stays beside final as the next build's spare; nothing is removed
// after the swap.
func (d *Dir) Commit() error {
	if d.reuse {
		d.mu.RLock()
		err := errInterrupted
		if d.state == writing {
			err = d.sweep()
		}
		d.mu.RUnlock()
		if err != nil {
			if err != errInterrupted {
				d.abortRemoving()
				err = errSweep(d.st.dir, err)
			}
			return err
		}
	}
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
	d.state, d.old = swapped, old
	d.mu.Unlock()
	afterSwap()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state == swapped { // else an interrupt settled it meanwhile
		d.state = done
		d.keepPrevious(old)
		unregister(d)
	}
	return nil
}

// afterSwap lets tests act between the swap and the end of Commit.
var afterSwap = func() {}

// Abort leaves the final folder untouched and removes the unfinished build,
// or, when it was updating a spare, leaves that as the next build's spare
// (any state of a spare is a valid start). It may be called from another
// goroutine while the build writes (on an interrupt): it waits for the
// files being written and refuses later ones.
func (d *Dir) Abort() { d.abort() }

// abort is Abort, reporting whether the new output had already been
// swapped in (the staging path then holds the previous output, kept as
// the spare).
func (d *Dir) abort() (published bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch d.state {
	case done, aborted:
		return d.state == done
	case swapped:
		d.state = aborted
		d.keepPrevious(d.old)
		unregister(d)
		return true
	}
	d.state = aborted
	if d.reuse {
		d.st.keep()
		unregister(d)
		return false
	}
	d.cleanup()
	return false
}

// abortRemoving aborts a build whose spare could not be cleaned, removing
// what it can of it so that the next build starts from an empty folder.
func (d *Dir) abortRemoving() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state == writing {
		d.state = aborted
		d.cleanup()
	}
}

func (d *Dir) cleanup() {
	_ = removeOutput(d.st.dir)
	unregister(d)
	d.st.release()
}
