package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// streamSpare is stream for a build into a spare (reuse.go): the bytes
// fill writes are compared with the spare's file as they come; the file
// is left alone when they are its bytes, and replaced by a new file from
// the first byte that differs (the bytes before it copied from the old
// file, still open after its name was removed), never written through,
// since the old file may be hard-linked from elsewhere.
func (d *Dir) streamSpare(rel string, fill func(io.Writer) (int64, error)) (int64, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.state != writing {
		return 0, errInterrupted
	}
	p := filepath.Join(d.st.dir, filepath.FromSlash(rel))
	d.files.Store(p, struct{}{})
	if err := d.verify(filepath.Dir(p)); err != nil {
		return 0, diskError(err)
	}
	s := &spareStream{p: p}
	if err := s.open(d); err != nil {
		return 0, diskError(err)
	}
	n, err := fill(s)
	same, cerr := s.close()
	if err = errors.Join(err, cerr); err != nil {
		return 0, diskError(err)
	}
	if same {
		d.unchanged.Add(1)
	} else {
		d.written.Add(1)
	}
	return n, nil
}

// spareStream is a file of the spare being compared (old, its first
// matched bytes the same) or, once the bytes differ, the new file that
// replaces it (out).
type spareStream struct {
	p       string
	old     *os.File
	matched int64
	out     *os.File
	err     error
}

// open opens the spare's file at p, or when what stands there is not a
// regular file, removes it (a folder this build made is an error) and
// creates the new file.
func (s *spareStream) open(d *Dir) error {
	f, err := os.OpenFile(s.p, os.O_RDONLY|openNoFollow, 0)
	if err == nil {
		fi, err := f.Stat()
		switch {
		case err != nil:
			f.Close()
			return err
		case fi.Mode().IsRegular():
			s.old = f
			return nil
		}
		f.Close()
		if fi.IsDir() {
			if _, ours := d.made.Load(s.p); ours {
				return &fs.PathError{Op: "write", Path: s.p, Err: errors.New("is a folder of this build")}
			}
			err = removeOutput(s.p)
		} else {
			err = os.Remove(s.p)
		}
		if err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		// a link (ELOOP), or a file that cannot be read: replace it
		if err := os.Remove(s.p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return s.create()
}

func (s *spareStream) create() error {
	f, err := os.OpenFile(s.p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|openNoFollow, 0o666)
	s.out = f
	return err
}

func (s *spareStream) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.old != nil && !s.same(p) {
		s.err = s.diverge()
	}
	if s.err != nil {
		return 0, s.err
	}
	if s.out == nil {
		s.matched += int64(len(p))
		return len(p), nil
	}
	n, err := s.out.Write(p)
	s.err = err
	return n, err
}

// same reports whether the old file holds p next.
func (s *spareStream) same(p []byte) bool {
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for off := s.matched; len(p) > 0; {
		n, err := s.old.ReadAt(buf[:min(len(buf), len(p))], off)
		if !bytes.Equal(buf[:n], p[:n]) || n == 0 || err != nil && n < min(len(buf), len(p)) {
			return false
		}
		p, off = p[n:], off+int64(n)
	}
	return true
}

// diverge replaces the old file by a new one holding its first matched
// bytes.
func (s *spareStream) diverge() error {
	old := s.old
	s.old = nil
	defer old.Close()
	if err := os.Remove(s.p); err != nil {
		return err
	}
	if err := s.create(); err != nil {
		return err
	}
	_, err := io.Copy(s.out, io.NewSectionReader(old, 0, s.matched))
	return err
}

// close ends the file: same is true when the old file held exactly the
// bytes written.
func (s *spareStream) close() (same bool, err error) {
	if s.err == nil && s.old != nil {
		fi, err := s.old.Stat()
		if err == nil && fi.Size() == s.matched {
			return true, s.old.Close()
		}
		s.err = s.diverge()
	}
	if s.out != nil {
		s.err = errors.Join(s.err, s.out.Close())
	}
	if s.old != nil {
		s.old.Close()
	}
	return false, s.err
}
