package sourcetree

// Reading: a sync walks a folder, states and reads the files it found on
// several goroutines, then takes what it read into the tree in the walk's
// order.

import (
	"crypto/sha256"
	"errors"
	"io/fs"

	"folio/internal/sitefs"
	"folio/internal/workpool"
)

// readFile reads one file and records whether it changed.
func (t *Tree) readFile(rel string, fi fs.FileInfo, changes map[string]ChangeKind) error {
	return t.takeFile(rel, fi, t.read(rel, nil), changes)
}

// statResult takes what stating rel found wrong into the tree: a link the
// rules refuse is a file that reports it; a file gone while walking is
// left to the watcher, which reports it. ok is true when nothing was
// wrong; err is what the walk must stop with.
func (t *Tree) statResult(rel string, err error, changes map[string]ChangeKind) (ok bool, _ error) {
	var le *sitefs.LinkError
	switch {
	case errors.As(err, &le):
		t.brokenLink(rel, le, changes)
		return false, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return err == nil, err
}

// statFiles states the files a walk found on several goroutines (one
// lstat each; 10,000 of them in a row were a tenth of the 10,000-page
// preview's start) and returns those that are there to be read, in the
// walk's order.
func (t *Tree) statFiles(found []walkedFile, changes map[string]ChangeKind) ([]walkedFile, error) {
	errs := make([]error, len(found))
	workpool.Indexes(4*workpool.Cores(), len(found), func(i int) {
		found[i].fi, errs[i] = t.disk.Stat(found[i].rel) // follows the links the rules allow
	})
	kept := found[:0]
	for i, f := range found {
		ok, err := t.statResult(f.rel, errs[i], changes)
		if err != nil {
			return nil, err
		}
		if ok {
			kept = append(kept, f)
		}
	}
	return kept, nil
}

// readResult is what reading a file gave: its bytes and their digest, or
// the error.
type readResult struct {
	data []byte
	sum  string
	err  error
}

// read reads the file rel from the disk, into buf when it fits (see
// sitefs.FS.ReadFileIn), and digests it.
func (t *Tree) read(rel string, buf []byte) readResult {
	data, err := t.disk.ReadFileIn(rel, buf)
	if err != nil {
		return readResult{err: err}
	}
	sum := sha256.Sum256(data)
	return readResult{data: data, sum: string(sum[:])}
}

// walkedFile is a file a folder's walk found, to be read.
type walkedFile struct {
	rel string
	fi  fs.FileInfo
}

// readFiles reads and digests the files a walk found on several
// goroutines (the first build of a large site reads thousands; the disk
// and the page cache answer several at once, and digesting 80 MB of
// Markdown on one core took 80 ms of the 10,000-page preview's start),
// then takes them into the tree one by one, in the walk's order, so that
// the tree changes as readFile would change it. The files the tree does
// not hold yet (all of them on a first read) are read into one slab
// (sitefs.Slab): the first preview of a 10,000-page site reads 80 MB,
// and on a machine where a page of new memory costs a fault, 20,000
// faults took longer than the reading. A slab lives as long as any file
// in it, so files the tree already holds, which a sync may find unchanged
// and keep, get memory of their own.
func (t *Tree) readFiles(found []walkedFile, changes map[string]ChangeKind) error {
	sizes, total := make([]int, len(found)), 0
	for i, f := range found {
		if t.files[f.rel] == nil {
			sizes[i] = slotSize(f.fi)
			total += sizes[i]
		}
	}
	slab, slots := sitefs.Slab(total), make([][]byte, len(found))
	for i, n := range sizes {
		slots[i], slab = slab[:n:n], slab[n:]
	}
	read := make([]readResult, len(found))
	workpool.Indexes(4*workpool.Cores(), len(found), func(i int) {
		read[i] = t.read(found[i].rel, slots[i])
	})
	for i, f := range found {
		if err := t.takeFile(f.rel, f.fi, read[i], changes); err != nil {
			return err
		}
	}
	return nil
}

// slotSize is the room a file of the walk needs in a slab: its size and
// the byte the read that finds its end needs (0 for what is not a file
// of a sensible size; it is then read into memory of its own).
func slotSize(fi fs.FileInfo) int {
	if !fi.Mode().IsRegular() || fi.Size() > 1<<26 {
		return 0
	}
	return int(fi.Size()) + 1
}

// takeFile takes what reading the file rel gave into the tree.
func (t *Tree) takeFile(rel string, fi fs.FileInfo, r readResult, changes map[string]ChangeKind) error {
	err := r.err
	if le := (*sitefs.LinkError)(nil); errors.As(err, &le) {
		t.brokenLink(rel, le, changes)
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.removeFile(rel, changes)
		return nil
	}
	if err != nil {
		return err
	}
	old := t.files[rel]
	if old != nil && old.sum == r.sum {
		if !old.mod.Equal(fi.ModTime()) {
			old.mod = fi.ModTime() // the sitemap dates undated pages by it
			note(changes, rel, Modified)
		}
		return nil
	}
	t.files[rel] = &sourceFile{data: r.data, sum: r.sum, mode: fi.Mode(), mod: fi.ModTime()}
	if old == nil {
		t.link(rel, false)
		note(changes, rel, Added)
	} else {
		note(changes, rel, Modified)
	}
	return nil
}
