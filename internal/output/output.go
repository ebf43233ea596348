// Package output owns what a build writes: the minifier (HTML, CSS, JS, SVG,
// XML, JSON by file type), the rule that one file is written once per build,
// and the two places a build writes to: a folder swapped in whole when the
// build succeeds, or memory for the preview server.
//
// Writing into a folder beside the old one and renaming at the end is what
// keeps a failed build from touching what was published, and removing what
// the build did not write before that is what keeps stale files of earlier
// builds from surviving. The folder beside is new for a first build; after
// that it is the output of the build before (the spare, see reuse.go),
// updated file by file, so that a rebuild writes only what changed.
//
// A file as large as a book (the print edition, an EPUB) is written as
// its bytes come (Writer.Stream, stream.go), minified a piece at a time
// where it is HTML (htmlchunks.go), so that it is never held whole.
package output

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// Target stores written files. put must not keep data after it returns:
// the minifier's output buffers are reused.
type Target interface {
	put(rel string, data []byte) error
}

// minified recycles the minifier's output buffers, a page's worth each;
// one as large as the print edition is left to the collector.
var minified = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func recycleMinified(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		minified.Put(b)
	}
}

// Writer writes a build's files through the minifier into a Target.
type Writer struct {
	target Target
	min    *minify.M

	mu      sync.Mutex
	written map[string]string // rel path → who wrote it
	files   atomic.Int64
	bytes   atomic.Int64
	held    atomic.Int64 // the most bytes a Stream held (stream.go)
}

// Options configures a Writer.
type Options struct {
	Minify bool
}

// newWriter expects about n files.
func newWriter(t Target, o Options, n int) *Writer {
	w := &Writer{target: t, written: make(map[string]string, n)}
	if o.Minify {
		w.min = newMinifier()
	}
	return w
}

func newMinifier() *minify.M {
	m := minify.New()
	// Document and end tags are kept: the saving is small and some readers
	// of the output (feed readers, validators, EPUB tooling) want them.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]xml$"), xml.Minify)
	return m
}

// mediaTypes are the types the minifier knows, by extension.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml",
	".xml": "application/xml", ".json": "application/json", ".webmanifest": "application/json",
}

// Write stores one file, minified by its extension. by names the source, so
// that two sources claiming one output file can both be named.
func (w *Writer) Write(rel, by string, data []byte) error {
	rel, err := w.claim(rel, by)
	if err != nil {
		return err
	}
	return w.write(rel, by, data)
}

// write is Write once rel is claimed.
func (w *Writer) write(rel, by string, data []byte) error {
	if mt := mediaTypes[path.Ext(rel)]; mt != "" && w.min != nil {
		if ok, err := w.minifyInto(rel, by, mt, data); ok {
			return err
		}
		out := minified.Get().(*bytes.Buffer)
		defer recycleMinified(out)
		out.Reset()
		out.Grow(len(data))
		if err := w.min.Minify(mt, out, buffer.NewReader(data)); err != nil {
			return fmt.Errorf("minify %s (from %s): %w", rel, by, err)
		}
		data = out.Bytes()
	}
	return w.put(rel, data)
}

// Keep stores a file exactly as given, without minifying it: data is the
// output of an earlier Write with the same options (the preview's
// incremental builds hand back unchanged files this way). It claims the
// path like Write does.
func (w *Writer) Keep(rel, by string, data []byte) error {
	rel, err := w.claim(rel, by)
	if err != nil {
		return err
	}
	return w.put(rel, data)
}

// claim cleans rel and records by as its writer, refusing a second claim.
func (w *Writer) claim(rel, by string) (string, error) {
	rel = path.Clean(strings.TrimPrefix(rel, "/"))
	if rel == "." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("write %q: path leaves the output folder", rel)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if prev, dup := w.written[rel]; dup {
		return "", &DuplicateError{Path: rel, First: prev, Second: by}
	}
	w.written[rel] = by
	return rel, nil
}

func (w *Writer) put(rel string, data []byte) error {
	if err := w.target.put(rel, data); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	w.files.Add(1)
	w.bytes.Add(int64(len(data)))
	return nil
}

// DuplicateError is two sources of one build claiming the same output file.
type DuplicateError struct {
	Path string
	// First wrote the file; Second tried to write it again.
	First, Second string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s and %s both produce %s; rename one of them", e.First, e.Second, e.Path)
}

// Files and Bytes count what was written.
func (w *Writer) Files() int64 { return w.files.Load() }

// Bytes is the total size of the files written.
func (w *Writer) Bytes() int64 { return w.bytes.Load() }

// Memory is a Target that keeps files in memory, for the preview server.
type Memory struct {
	mu      sync.Mutex
	prev    map[string][]byte
	files   map[string][]byte
	observe func(rel string, data []byte)
}

// Observe makes every file stored from now on also go to f, as it is
// stored (f must not modify data), so that a preview can serve a page
// before the build ends. Call it before writing.
func (m *Memory) Observe(f func(rel string, data []byte)) { m.observe = f }

// NewMemory returns a writer into memory. Files equal to those of prev keep
// prev's slice, so a reader can tell unchanged files by identity.
func NewMemory(prev map[string][]byte, o Options) (*Writer, *Memory) {
	m := &Memory{prev: prev, files: make(map[string][]byte, len(prev))}
	return newWriter(m, o, len(prev)), m
}

func (m *Memory) put(rel string, data []byte) error {
	if old, ok := m.prev[rel]; ok && bytes.Equal(old, data) {
		data = old
	} else {
		data = bytes.Clone(data)
	}
	m.mu.Lock()
	m.files[rel] = data
	m.mu.Unlock()
	if m.observe != nil {
		m.observe(rel, data)
	}
	return nil
}

// Files returns the written files by slash path.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}
