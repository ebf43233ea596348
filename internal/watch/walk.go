package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// walkTree is filepath.WalkDir that also goes into the symbolic links to
// folders that follow allows, listing them as folders under the link's
// path: an author's content/shared -> ../shared is watched where the build
// reads it.
func walkTree(root string, follow func(string) bool, fn fs.WalkDirFunc) error {
	fi, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkEntry(root, fs.FileInfoToDirEntry(fi), follow, fn)
	}
	if errors.Is(err, filepath.SkipDir) || errors.Is(err, filepath.SkipAll) {
		return nil
	}
	return err
}

func walkEntry(path string, d fs.DirEntry, follow func(string) bool, fn fs.WalkDirFunc) error {
	if d.Type()&fs.ModeSymlink != 0 && follow != nil && follow(path) {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			d = fs.FileInfoToDirEntry(linkedDir{fi, d.Name()})
		}
	}
	if err := fn(path, d, nil); err != nil {
		if errors.Is(err, filepath.SkipDir) && d.IsDir() {
			return nil
		}
		return err
	}
	if !d.IsDir() {
		return nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		if err := fn(path, d, err); err != nil {
			if errors.Is(err, filepath.SkipDir) {
				return nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkEntry(filepath.Join(path, e.Name()), e, follow, fn); err != nil {
			if errors.Is(err, filepath.SkipDir) {
				return nil // a file asked to skip the rest of its folder
			}
			return err
		}
	}
	return nil
}

// followsDir reports whether path is a link to a folder that Follow allows.
func (rs rootSet) followsDir(path string) bool {
	if rs.follow == nil || !rs.follow(path) {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// linkedDir is a linked folder's info under the link's name.
type linkedDir struct {
	fs.FileInfo
	name string
}

func (l linkedDir) Name() string { return l.name }
