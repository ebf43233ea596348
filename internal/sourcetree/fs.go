package sourcetree

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// This file is the source tree as an fs.FS (sources.go): builds read it
// instead of the disk.

// Sum implements content.SumFS.
func (t *Tree) Sum(name string) (string, bool) {
	if f := t.files[name]; f != nil && f.err == nil {
		return f.sum, true
	}
	return "", false
}

// Open implements fs.FS.
func (t *Tree) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f := t.files[name]; f != nil {
		if f.err != nil {
			return nil, f.err
		}
		return &openFile{info: fileInfo{name: path.Base(name), f: f}, r: bytes.NewReader(f.data)}, nil
	}
	if d := t.dirs[name]; d != nil {
		return &openDir{info: dirInfo(name, d), entries: t.entries(name, d)}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile implements fs.ReadFileFS; the caller may change the copy.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	data, err := t.ReadShared(name)
	return bytes.Clone(data), err
}

// ReadShared implements content.SharedFS: it returns the tree's own bytes
// of the file, which the tree never changes (a file read again gets new
// ones), so that the pages decoded from them keep them rather than a copy.
func (t *Tree) ReadShared(name string) ([]byte, error) {
	if f := t.files[name]; f != nil {
		if f.err != nil {
			return nil, f.err
		}
		return f.data, nil
	}
	if t.dirs[name] != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS, sorted by name.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	d := t.dirs[name]
	if d == nil {
		if t.files[name] != nil {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(t.entries(name, d)), nil
}

// Stat implements fs.StatFS.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	if f := t.files[name]; f != nil {
		if f.err != nil {
			return nil, f.err
		}
		return fileInfo{name: path.Base(name), f: f}, nil
	}
	if d := t.dirs[name]; d != nil {
		return dirInfo(name, d), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (t *Tree) entries(name string, d *sourceDir) []fs.DirEntry {
	if d.sorted != nil || len(d.children) == 0 {
		return d.sorted
	}
	out := make([]fs.DirEntry, 0, len(d.children))
	for child, isDir := range d.children {
		rel := path.Join(name, child)
		if isDir {
			out = append(out, fs.FileInfoToDirEntry(dirInfo(rel, t.dirs[rel])))
		} else {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: child, f: t.files[rel]}))
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	d.sorted = out
	return out
}

type fileInfo struct {
	name string
	f    *sourceFile
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return int64(len(i.f.data)) }
func (i fileInfo) Mode() fs.FileMode  { return i.f.mode }
func (i fileInfo) ModTime() time.Time { return i.f.mod }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

type folderInfo struct {
	name string
	mod  time.Time
}

func dirInfo(rel string, d *sourceDir) folderInfo {
	var mod time.Time
	if d != nil {
		mod = d.mod
	}
	return folderInfo{name: path.Base(rel), mod: mod}
}

func (i folderInfo) Name() string       { return i.name }
func (i folderInfo) Size() int64        { return 0 }
func (i folderInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (i folderInfo) ModTime() time.Time { return i.mod }
func (i folderInfo) IsDir() bool        { return true }
func (i folderInfo) Sys() any           { return nil }

type openFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *openFile) Close() error               { return nil }

type openDir struct {
	info    folderInfo
	entries []fs.DirEntry
	at      int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.at:]
	if n <= 0 {
		d.at = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.at += n
	return slices.Clone(rest[:n]), nil
}
