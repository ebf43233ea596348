package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/tdewolff/parse/v2/buffer"
)

// streamAbove is the size above which a file minified into a new build
// folder goes from the minifier straight into its file: the print edition
// (a whole book on one page, 2.8 MB at 1,000 pages) then needs no second
// buffer of its size, which was megabytes of memory the process had to
// take from the system at the end of a build, a page fault every 4 KiB.
const streamAbove = 1 << 20

// minifyInto minifies data of media type mt into rel in a new build folder
// through a small buffer, when w writes into one; ok is false otherwise.
func (w *Writer) minifyInto(rel, by, mt string, data []byte) (ok bool, err error) {
	d, isDir := w.target.(*Dir)
	if !isDir || d.reuse || len(data) <= streamAbove {
		return false, nil
	}
	n, err := d.stream(rel, func(f *os.File) (int64, error) {
		bw := bufio.NewWriterSize(f, 64<<10)
		cw := &counter{w: bw}
		if err := w.min.Minify(mt, cw, buffer.NewReader(data)); err != nil {
			return 0, fmt.Errorf("minify %s (from %s): %w", rel, by, err)
		}
		return cw.n, bw.Flush()
	})
	if err != nil {
		return true, err
	}
	w.files.Add(1)
	w.bytes.Add(n)
	return true, nil
}

// stream creates rel in a new build folder and has fill write it. Errors
// of the folder and the file name rel; fill's come back as it returns them.
func (d *Dir) stream(rel string, fill func(*os.File) (int64, error)) (int64, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.state != writing {
		return 0, errInterrupted
	}
	p := filepath.Join(d.st.dir, filepath.FromSlash(rel))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return 0, fmt.Errorf("write %s: %w", rel, diskError(err))
	}
	d.written.Add(1)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", rel, diskError(err))
	}
	n, err := fill(f)
	if err = errors.Join(err, f.Close()); err != nil {
		return 0, diskError(err)
	}
	return n, nil
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Stream stores the file rel, whose bytes fill writes in order to the
// writer it is given, minified by rel's extension as Write minifies them.
// Into a folder the bytes go to the file as they come, HTML minified a
// piece at a time (htmlChunks), so that a file the size of a book (the
// print edition, some 30 MB at 10,000 pages) is never held whole; into a
// previous output's folder (a spare) they are compared with the file there
// as they come, and a file that differs is replaced, never written
// through (spareStream). Into memory, and for the other minified types,
// whose minifiers read their input whole, the bytes are gathered and
// stored as Write stores them. rel is claimed as Write claims it. What
// fill fails with comes back as a *FillError; writing or minifying fails
// with what Write fails with, and fill then gets that error from its
// writer.
func (w *Writer) Stream(rel, by string, fill func(io.Writer) error) error {
	rel, err := w.claim(rel, by)
	if err != nil {
		return err
	}
	mt := mediaTypes[path.Ext(rel)]
	d, isDir := w.target.(*Dir)
	if !isDir || w.min != nil && mt != "" && mt != "text/html" {
		return w.gather(rel, by, fill)
	}
	into := d.streamSpare
	if !d.reuse {
		into = func(rel string, fill func(io.Writer) (int64, error)) (int64, error) {
			return d.stream(rel, func(f *os.File) (int64, error) { return fill(f) })
		}
	}
	n, err := into(rel, func(f io.Writer) (int64, error) {
		bw := bufio.NewWriterSize(f, 64<<10)
		cw := &counter{w: bw}
		var out io.Writer = cw
		chunks := (*htmlChunks)(nil)
		if w.min != nil && mt == "text/html" {
			chunks = newHTMLChunks(w.min, cw, rel, by)
			out = chunks
		}
		sw := &sinkWriter{w: out}
		err := fill(sw)
		if chunks != nil {
			w.noteHeld(int64(chunks.held))
		}
		switch {
		case sw.err != nil:
			return 0, sw.err
		case err != nil:
			return 0, &FillError{Err: err}
		case chunks != nil:
			if err := chunks.Close(); err != nil {
				return 0, err
			}
		}
		return cw.n, bw.Flush()
	})
	if err != nil {
		return err
	}
	w.files.Add(1)
	w.bytes.Add(n)
	return nil
}

// gather is Stream by way of a buffer.
func (w *Writer) gather(rel, by string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return &FillError{Err: err}
	}
	w.noteHeld(int64(buf.Len()))
	return w.write(rel, by, buf.Bytes())
}

// StreamHeld is the most bytes of a file that Stream held at once before
// they reached their file: what a test of the memory a large file takes
// counts.
func (w *Writer) StreamHeld() int64 { return w.held.Load() }

func (w *Writer) noteHeld(n int64) {
	for {
		old := w.held.Load()
		if n <= old || w.held.CompareAndSwap(old, n) {
			return
		}
	}
}

// FillError is what Stream's fill failed with, as against writing.
type FillError struct{ Err error }

func (e *FillError) Error() string { return e.Err.Error() }
func (e *FillError) Unwrap() error { return e.Err }

// sinkWriter keeps what the writer under it failed with, which fill may
// return wrapped (text/template returns it as it is).
type sinkWriter struct {
	w   io.Writer
	err error
}

func (s *sinkWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}
