package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// A build into an output folder that existed before keeps the previous
// output, once the swap has moved it to the staging path, as the spare
// folder of the next build: instead of removing one tree (thousands of
// unlinks) and creating another, the next build takes the spare as its
// staging folder, rewrites only the files whose bytes differ, and removes
// what it did not write before the swap. A site that did not change costs
// one read per file and one listing per folder; nothing is removed after
// the swap. The spare is a staging folder like any other (name, marker,
// lock), so a build killed while updating it leaves a spare the next build
// takes again: the comparison makes any content of it a valid start.

// WriteCounts says how a build's files reached the disk.
type WriteCounts struct {
	// Written files were created or rewritten; Unchanged ones were already
	// in the spare folder with the same bytes and were left alone.
	Written, Unchanged int64
	// Removed counts entries of the spare that this build did not write
	// (a folder removed whole counts once).
	Removed int64
}

// Counts says how the files of the build reached the disk.
func (d *Dir) Counts() WriteCounts {
	return WriteCounts{Written: d.written.Load(), Unchanged: d.unchanged.Load(), Removed: d.removed.Load()}
}

// Reused reports whether the build writes into the previous output's
// folder (a spare) rather than into an empty one.
func (d *Dir) Reused() bool { return d.reuse }

// update writes the file at p unless the spare already holds its bytes.
// Whatever stands at p and is not a regular file of this build (a folder,
// a link, a file of other bytes) is replaced: never written through, since
// a file of the previous output may be hard-linked from elsewhere.
func (d *Dir) update(p string, data []byte) error {
	d.files.Store(p, struct{}{})
	if err := d.verify(filepath.Dir(p)); err != nil {
		return err
	}
	f, err := openSpare(p)
	switch {
	case err == nil:
		same, isDir, err := sameBytes(f, data)
		f.Close()
		switch {
		case err != nil:
			return err
		case same:
			d.unchanged.Add(1)
			return nil
		case isDir:
			if _, ours := d.made.Load(p); ours {
				return &fs.PathError{Op: "write", Path: p, Err: errors.New("is a folder of this build")}
			}
			err = removeOutput(p)
		default:
			err = os.Remove(p)
		}
		if err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
	default: // a link (ELOOP), or a file that cannot be read: replace it
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	d.written.Add(1)
	return writeFile(p, data, os.O_EXCL|openNoFollow)
}

// chunks are the buffers sameBytes reads the spare's files into.
var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// sameBytes reports whether the open file f holds exactly data, reading it
// only when its size matches.
func sameBytes(f spareFile, data []byte) (same, isDir bool, err error) {
	size, regular, isDir, err := f.kind()
	if err != nil {
		return false, false, err
	}
	if !regular || size != int64(len(data)) {
		return false, isDir, nil
	}
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false, false, nil
		}
		data = data[n:]
	}
	return true, false, nil
}

// verify makes sure dir is a real folder of the spare (not a link, not a
// file), creating it when missing, once per folder and build. What stands
// in a folder's place and was not written by this build is removed.
func (d *Dir) verify(dir string) error {
	if dir == d.st.dir {
		return nil
	}
	if _, done := d.made.Load(dir); done {
		return nil
	}
	if err := d.verify(filepath.Dir(dir)); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	switch {
	case err == nil && fi.IsDir():
	case err == nil:
		if _, ours := d.files.Load(dir); ours {
			return &fs.PathError{Op: "mkdir", Path: dir, Err: fs.ErrExist}
		}
		if err := os.Remove(dir); err != nil {
			return err
		}
		fallthrough
	case errors.Is(err, fs.ErrNotExist):
		if err := mkdirOne(dir); err != nil {
			if fi, serr := os.Lstat(dir); !errors.Is(err, fs.ErrExist) || serr != nil || !fi.IsDir() {
				return err
			}
		}
	default:
		return err
	}
	d.made.Store(dir, true)
	return nil
}

// sweep removes from the staging folder what this build did not write:
// the files of the previous output that no page produces any more. Only
// the folders this build uses are listed; the others go whole.
func (d *Dir) sweep() error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	var walk func(dir string)
	walk = func(dir string) {
		entries, err := readDirUnsorted(dir)
		if err != nil {
			fail(err)
			return
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if e.IsDir() {
				if _, ours := d.made.Load(p); ours {
					select {
					case sem <- struct{}{}:
						wg.Go(func() { walk(p); <-sem })
					default:
						walk(p)
					}
					continue
				}
				err = removeOutput(p)
			} else if _, ours := d.files.Load(p); ours {
				continue
			} else {
				err = os.Remove(p)
			}
			if err != nil {
				fail(err)
				continue
			}
			d.removed.Add(1)
		}
	}
	walk(d.st.dir)
	wg.Wait()
	return first
}

func readDirUnsorted(dir string) ([]fs.DirEntry, error) {
	f, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// keepPrevious leaves the previous output, which the swap moved to old, at
// the staging path as the next build's spare, its marker unlocked. With no
// previous output there is nothing to keep.
func (d *Dir) keepPrevious(old string) {
	switch {
	case old == "":
		d.st.release()
		return
	case !keepSpares:
		_ = removeOutput(old)
		d.st.release()
		return
	case old != d.st.dir:
		// Two renames moved it to the .old path; the staging path is free.
		// Should this fail, the next build removes it by the marker.
		_ = os.Rename(old, d.st.dir)
	}
	d.st.keep()
}

// errSweep wraps a failure to remove the previous output's files from the
// spare folder before the swap.
func errSweep(dir string, err error) error {
	return fmt.Errorf("remove the files of the previous output from %s before publishing: %w; remove that folder and build again", dir, err)
}
