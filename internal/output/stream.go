package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
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
