package templates

import (
	"bytes"
	"io/fs"
	"path"
	"sync"
	"time"

	"folio/internal/highlight"
)

// generated are the rules folio appends to a built-in stylesheet: code
// highlighting, made by package highlight once per process. A site whose
// static/ replaces the stylesheet brings its own.
var generated = map[string]func() []byte{
	"css/folio.css":      highlight.ScreenCSS,
	"css/book-print.css": highlight.PaperCSS,
}

// Static returns the built-in static files (the stylesheets), which a
// site's static/ folder overrides file by file.
func Static() fs.FS { return static() }

var static = sync.OnceValue(func() fs.FS {
	sub, err := fs.Sub(theme, "theme/static")
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	files := map[string][]byte{}
	for name, gen := range generated {
		data, err := fs.ReadFile(sub, name)
		if err != nil {
			panic(err) // so is its list of files
		}
		files[name] = append(append(bytes.Clone(data), '\n'), gen()...)
	}
	return staticFS{FS: sub, files: files}
})

// staticFS is the embedded tree with the stylesheets that have generated
// rules replaced by their full text.
type staticFS struct {
	fs.FS
	files map[string][]byte
}

func (s staticFS) Open(name string) (fs.File, error) {
	data, ok := s.files[name]
	if !ok {
		return s.FS.Open(name)
	}
	return &memFile{Reader: bytes.NewReader(data), info: memInfo{name: name, size: int64(len(data))}}, nil
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return path.Base(i.name) }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
