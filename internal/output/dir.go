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
	tmp   string
	made  sync.Map // folders already created, to save a syscall per file
}

// NewDir prepares a build into final. It refuses a final folder that is the
// site itself or looks like a source folder, since Commit replaces it whole.
func NewDir(final string, o Options) (*Writer, *Dir, error) {
	abs, err := filepath.Abs(final)
	if err != nil {
		return nil, nil, fmt.Errorf("output %s: %w", final, err)
	}
	if err := guard(abs); err != nil {
		return nil, nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".folio-*")
	if err != nil {
		return nil, nil, fmt.Errorf("create a build folder beside %s: %w", abs, err)
	}
	d := &Dir{final: abs, tmp: tmp}
	return newWriter(d, o, 0), d, nil
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
	p := filepath.Join(d.tmp, filepath.FromSlash(rel))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// mkdir creates dir and the parents it lacks inside the build folder. The
// parents of a page's folder are known to exist after the first page
// beside it, so a new folder costs one mkdir, where os.MkdirAll first
// looks up the folder and its parent (three calls into the kernel).
func (d *Dir) mkdir(dir string) error {
	if dir == d.tmp {
		return nil
	}
	if _, done := d.made.Load(dir); done {
		return nil
	}
	if err := d.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		// Another writer may have made it since the lookup above; a file
		// in its place is an error, as os.MkdirAll reports it.
		if fi, serr := os.Stat(dir); !errors.Is(err, fs.ErrExist) || serr != nil || !fi.IsDir() {
			return err
		}
	}
	d.made.Store(dir, true)
	return nil
}

// Commit replaces the final folder with the new build.
func (d *Dir) Commit() error {
	old := d.tmp + ".old"
	hadOld := true
	if err := os.Rename(d.final, old); errors.Is(err, os.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		d.Abort()
		return fmt.Errorf("move the previous output %s aside: %w", d.final, err)
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if hadOld {
			_ = os.Rename(old, d.final) // put the published site back
		}
		d.Abort()
		return fmt.Errorf("move the new output into %s: %w", d.final, err)
	}
	if hadOld {
		if err := removeOutput(old); err != nil {
			return fmt.Errorf("remove the previous output %s: %w", old, err)
		}
	}
	return nil
}

// Abort removes the unfinished build and leaves the final folder untouched.
func (d *Dir) Abort() {
	_ = removeOutput(d.tmp)
}
