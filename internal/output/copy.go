package output

import (
	"fmt"
	"os"
	"path"
)

// CopyFile stores a copy of the file src as rel, claiming rel as Write
// does. Into a new build folder the kernel copies it (os.File.ReadFrom:
// copy_file_range on Linux), so that no buffer of the process holds the
// file: a build publishes megabytes of image variants from the image
// cache, and reading them into memory to write them out again was 4% of
// a 1,000-page build's processor time. The copy is a file of its own (a
// file system that shares blocks, such as XFS or Btrfs, shares them copy
// on write), so an edit of the output never reaches src, nor a later
// change of src the output; a hard link would give both one inode.
// Elsewhere (memory, a previous output being updated, a file the
// minifier takes) CopyFile reads src and writes its bytes. A src that
// cannot be opened is a *SourceError.
func (w *Writer) CopyFile(rel, by, src string) error {
	if mt := mediaTypes[path.Ext(rel)]; mt != "" && w.min != nil {
		return w.writeRead(rel, by, src)
	}
	d, ok := w.target.(*Dir)
	if !ok || d.reuse {
		return w.writeRead(rel, by, src)
	}
	in, err := os.Open(src)
	if err != nil {
		return &SourceError{Path: src, Err: err}
	}
	defer in.Close()
	if rel, err = w.claim(rel, by); err != nil {
		return err
	}
	n, err := d.copyFrom(rel, in)
	if err != nil {
		return err
	}
	w.files.Add(1)
	w.bytes.Add(n)
	return nil
}

// writeRead is CopyFile by reading src.
func (w *Writer) writeRead(rel, by, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return &SourceError{Path: src, Err: err}
	}
	return w.Write(rel, by, data)
}

// SourceError is a file CopyFile could not read.
type SourceError struct {
	Path string
	Err  error
}

func (e *SourceError) Error() string { return fmt.Sprintf("read %s: %v", e.Path, e.Err) }

func (e *SourceError) Unwrap() error { return e.Err }

// copyFrom writes the rest of in to rel in a new build folder.
func (d *Dir) copyFrom(rel string, in *os.File) (int64, error) {
	return d.stream(rel, func(f *os.File) (int64, error) { return f.ReadFrom(in) })
}
