package epub

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"time"

	"folio/internal/scratch"
	"folio/internal/shelf"
	"folio/internal/workpool"

	"github.com/klauspost/compress/flate"
)

// packageDir holds everything but the container files, so the package
// document, chapters and images share one base for relative links.
const packageDir = "EPUB/"

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="` + packageDir + packageFile + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

//go:embed book.css
var defaultStylesheet []byte

// DefaultStylesheet returns the stylesheet used when Book.Stylesheet is nil:
// readable body text and figures for e-readers, nothing for web navigation.
func DefaultStylesheet() []byte { return append([]byte(nil), defaultStylesheet...) }

// zipFile is one entry of the container, in the order it is written.
type zipFile struct {
	name  string
	data  []byte
	store bool // already compressed (images) or required uncompressed (mimetype)
	// packed is data as the entry holds it, with the CRC-32 and length of
	// data, which pack then drops: a chapter is kept compressed from the
	// moment it is serialized, so a long book is never held whole twice.
	packed []byte
	crc    uint32
	size   int
	// shelved is packed on Book.Shelf, n bytes long, once the entry is
	// converted; packed is then nil.
	shelved shelf.Item
	n       int
}

// bytes is the entry as the zip holds it: packed, or read from the shelf
// into dst (a recycled buffer).
func (f *zipFile) bytes(s *shelf.Shelf, dst []byte) ([]byte, error) {
	if f.packed != nil || f.n == 0 {
		return f.packed, nil
	}
	packed, err := s.Append(dst[:0], f.shelved)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", f.name, err)
	}
	return packed, nil
}

// pack compresses f unless it is stored.
func (f *zipFile) pack() error {
	f.crc, f.size, f.packed = crc32.ChecksumIEEE(f.data), len(f.data), f.data
	if !f.store {
		packed, err := deflate(nil, nil, f.data)
		if err != nil {
			return fmt.Errorf("compress %s: %w", f.name, err)
		}
		f.packed, f.data = packed, nil
	}
	return nil
}

// packOnto compresses f into *buf, a recycled buffer, and keeps a copy
// of the result: on s, or, without a shelf, in memory at its own size.
// The data is then the caller's again.
func (f *zipFile) packOnto(s *shelf.Shelf, c compressors, buf *[]byte) error {
	f.crc, f.size = crc32.ChecksumIEEE(f.data), len(f.data)
	packed, err := deflate(c, (*buf)[:0], f.data)
	if err != nil {
		return fmt.Errorf("compress %s: %w", f.name, err)
	}
	*buf, f.data = packed, nil
	if s == nil {
		f.packed = bytes.Clone(packed)
		return nil
	}
	f.shelved, f.n = s.PutCopy(packed), len(packed)
	return nil
}

// Write writes b as an EPUB file to w. It checks the whole book first and
// returns every problem found (metadata, file names, media types, chapter
// markup, links and images that do not resolve, contents entries) joined
// into one error, each naming the chapter source or resource; nothing is
// written to w then. The output depends only on b: the same book gives a
// byte-identical file.
func Write(w io.Writer, b *Book) error {
	p, err := Assemble(b)
	if err != nil {
		return err
	}
	return p.Write(w)
}

// Package is a book checked and made ready for its container, its
// chapters serialized and compressed: Write's first step (Assemble),
// apart, so that the file can be written where it goes (a build streams
// it into its file) rather than into memory first.
type Package struct {
	files    []zipFile
	modified time.Time
	shelf    *shelf.Shelf
}

// Assemble checks b and prepares its container, returning every problem
// found as Write does.
func Assemble(b *Book) (*Package, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	files, err := assemble(b)
	if err != nil {
		return nil, err
	}
	return &Package{files: files, modified: b.Modified, shelf: b.Shelf}, nil
}

// Write writes the EPUB file to w.
func (p *Package) Write(w io.Writer) error { return writeZip(w, p.files, p.modified, p.shelf) }

// assemble converts the chapters, checks every reference and returns the
// files of the container in order.
func assemble(b *Book) ([]zipFile, error) {
	resources := b.resources()
	x := newIndex(b.Chapters, resources)
	stylesheet := b.Stylesheet
	if stylesheet == nil {
		stylesheet = defaultStylesheet
	}
	frags, chapterFiles, stylesheet, err := convertStyled(b, x, stylesheet)
	if err != nil {
		return nil, err
	}
	var errs []error
	images, missingAlt := 0, 0
	for i, f := range frags {
		errs = append(errs, x.checkRefs(b.Chapters[i].describe(i), b.Chapters[i].FileName, f.refs)...)
		images, missingAlt = images+f.images, missingAlt+f.imagesMissAlt
	}
	nav := b.Nav
	if len(nav) == 0 {
		nav = defaultNav(b.Chapters)
	}
	errs = append(errs, checkNav(nav, func(href string) error { return x.resolveLink("", href) })...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	items := []manifestItem{
		{ID: "nav", Href: navFile, MediaType: xhtmlType, Properties: "nav"},
		{ID: "css", Href: stylesheetFile, MediaType: "text/css"},
	}
	files := []zipFile{
		{name: "mimetype", data: []byte("application/epub+zip"), store: true},
		{name: "META-INF/container.xml", data: []byte(containerXML)},
		{}, // the package document, once the manifest is complete
		{name: packageDir + navFile, data: navDocument(b, nav)},
		{name: packageDir + stylesheetFile, data: stylesheet},
	}
	for i, c := range b.Chapters {
		items = append(items, manifestItem{ID: chapterID(i), Href: c.FileName, MediaType: xhtmlType, Properties: frags[i].properties()})
	}
	files = append(files, chapterFiles...)
	for i, r := range resources {
		it := resourceItem(b, r, i)
		items = append(items, it)
		data := r.Data
		if it.MediaType == "image/svg+xml" {
			data = svgWithoutDoctype(data)
		}
		// Raster images are compressed already; deflating them again only costs time.
		files = append(files, zipFile{name: packageDir + r.Href, data: data, store: it.MediaType != "image/svg+xml"})
	}
	opf := packageDocument(b, items, accessibility(b, images, missingAlt))
	files[2] = zipFile{name: packageDir + packageFile, data: opf}
	return files, nil
}

// convertStyled converts the chapters keeping the classes the stylesheet
// styles, then fits the stylesheet to the classes the chapters use
// (stylesheet.go). Should a class lose its last rule that way (its rules
// all name another class no chapter uses), the chapters are converted again
// without it, until the two agree.
func convertStyled(b *Book, x *index, stylesheet []byte) ([]*fragment, []zipFile, []byte, error) {
	_, styled, err := pruneStylesheet(stylesheet, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	for {
		frags, files, err := convertChapters(b, x, func(class string) bool { return styled[class] })
		if err != nil {
			return nil, nil, nil, err
		}
		used := map[string]bool{}
		for _, f := range frags {
			for cl := range f.classes {
				used[cl] = true
			}
		}
		fitted, kept, err := pruneStylesheet(stylesheet, func(class string) bool { return used[class] })
		if err != nil {
			return nil, nil, nil, err
		}
		if len(kept) == len(used) {
			return frags, files, fitted, nil
		}
		styled = kept
	}
}

// convertChapters serializes every chapter into its zip entry, compressed,
// unwrapping links to resources: EPUB forbids hyperlinks to files outside
// the spine, and a reader already shows the image itself. Only the classes
// styled names stay on elements. The fragments keep what the checks need,
// not the markup.
func convertChapters(b *Book, x *index, styled func(class string) bool) ([]*fragment, []zipFile, error) {
	chapters := b.Chapters
	errs := make([]error, len(chapters))
	frags := make([]*fragment, len(chapters))
	files := make([]zipFile, len(chapters))
	c := newCompressors()
	defer c.release()
	workpool.Indexes(workpool.Cores(), len(chapters), func(i int) {
		frags[i], files[i], errs[i] = convertChapter(b, i, x, styled, c)
	})
	for i, f := range frags {
		if f != nil {
			x.ids[chapters[i].FileName] = f.ids
		}
	}
	return frags, files, errors.Join(errs...)
}

// chapterBuffers recycles the buffers a chapter passes through on its way
// to the zip: its body (Load's), its XHTML, its document and the document
// compressed, each copied into the next and the last onto the shelf. At
// 1,000 pages they were 16 MB of the build's allocations, in its end
// stage, where the least room is left above the live heap. A chapter
// longer than the bound still converts, in buffers of its own.
var chapterBuffers = scratch.New(1 << 20)

// convertChapter converts chapter i into its zip entry.
func convertChapter(b *Book, i int, x *index, styled func(class string) bool, cs compressors) (*fragment, zipFile, error) {
	c := b.Chapters[i]
	src, xhtml, doc, packed := chapterBuffers.Get(), chapterBuffers.Get(), chapterBuffers.Get(), chapterBuffers.Get()
	defer func() {
		for _, p := range []*[]byte{src, xhtml, doc, packed} {
			chapterBuffers.Put(p)
		}
	}()
	body := c.Body
	if body == nil && c.Load != nil {
		var err error
		if body, err = c.Load(*src); err != nil {
			return nil, zipFile{}, fmt.Errorf("%s: %w", c.describe(i), err)
		}
		*src = body
	}
	f, err := convertOnto(*xhtml, body, x.isResource, styled)
	if err != nil {
		return nil, zipFile{}, fmt.Errorf("%s: %w", c.describe(i), err)
	}
	*doc = appendXHTMLDocument(*doc, b.Language, c.Title, f.body, f.epubTypes)
	*xhtml, f.body = f.body, nil
	file := zipFile{name: packageDir + c.FileName, data: *doc}
	err = file.packOnto(b.Shelf, cs, packed)
	return f, file, err
}

func resourceItem(b *Book, r Resource, i int) manifestItem {
	mt, _ := r.mediaType() // checked by validate
	it := manifestItem{ID: fmt.Sprintf("resource-%d", i+1), Href: r.Href, MediaType: mt}
	if b.Cover != nil && r.Href == b.Cover.Href {
		it.ID, it.Properties = coverID, "cover-image"
	}
	return it
}

// properties lists the manifest properties a chapter's content requires.
func (f *fragment) properties() string {
	var p []string
	if f.mathml {
		p = append(p, "mathml")
	}
	if f.svg {
		p = append(p, "svg")
	}
	return strings.Join(p, " ")
}

// writeZip writes the OCF container: mimetype first, stored, with no extra
// field, so tools that sniff the first bytes recognise the file. Every entry
// carries the same timestamp, taken from the book, for reproducible output.
// Entries are compressed on all cores first, then written raw, with their
// sizes in the local header and no data descriptor (which is what the OCF
// spec asks of mimetype, and harmless for the rest).
func writeZip(w io.Writer, files []zipFile, modified time.Time, s *shelf.Shelf) error {
	errs := make([]error, len(files))
	workpool.Indexes(workpool.Cores(), len(files), func(i int) {
		if files[i].packed == nil && files[i].n == 0 { // not packed, nor shelved once packed
			errs[i] = files[i].pack()
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if g, ok := w.(interface{ Grow(int) }); ok { // a bytes.Buffer: one allocation, not a doubling series
		g.Grow(zipSize(files))
	}
	zw := zip.NewWriter(w)
	date, clock := msDosTime(modified)
	buf := chapterBuffers.Get() // an entry read back from the shelf, until written
	defer chapterBuffers.Put(buf)
	for _, f := range files {
		packed, err := f.bytes(s, *buf)
		if f.packed == nil {
			*buf = packed
		}
		if err != nil {
			return err
		}
		//lint:ignore SA1019 Modified would give every entry an extended-timestamp extra field, and OCF forbids an extra field on the mimetype entry (epubcheck PKG-005); the MS-DOS fields carry the date without one.
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock,
			CRC32: f.crc, UncompressedSize64: uint64(f.size), CompressedSize64: uint64(len(packed))}
		if f.store {
			h.Method = zip.Store
		}
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		if _, err := fw.Write(packed); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return zw.Close()
}

// zipSize is the length of the container writeZip writes: a local header
// and the data of each entry, its central directory header, and the end
// record (zip's fixed sizes; no extra fields or comments).
func zipSize(files []zipFile) int {
	n := 22
	for _, f := range files {
		n += 30 + 46 + 2*len(f.name) + len(f.packed) + f.n
	}
	return n
}

// deflaters recycles compressors: each holds about a megabyte of tables.
// They are klauspost/compress's at BestSpeed, as the search index's are
// (package search, gzipper): on the 1,000-page corpus's book (300
// chapters), compressing took 1.0% of the build's processor time where
// the standard library's BestSpeed took 2.0% (perf), for a file 0.4%
// larger (1,317,936 bytes against 1,313,079).
var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed)
	return fw
}}

// compressors lend the goroutines that convert one book's chapters a
// compressor each for the whole book, where the pool (deflaters) lost
// them to the collections, which come most often while the EPUB is
// converted, the end of a build: at 1,000 pages, 2.6 MB of compressors
// were made for 300 chapters on two cores. A nil compressors lends from
// the pool.
type compressors chan *flate.Writer

func newCompressors() compressors { return make(compressors, workpool.Cores()) }

func (c compressors) get() *flate.Writer {
	select {
	case fw := <-c:
		return fw
	default:
		return deflaters.Get().(*flate.Writer)
	}
}

func (c compressors) put(fw *flate.Writer) {
	select {
	case c <- fw:
	default:
		deflaters.Put(fw)
	}
}

// release gives the compressors back to the pool, for the next book.
func (c compressors) release() {
	for {
		select {
		case fw := <-c:
			deflaters.Put(fw)
		default:
			return
		}
	}
}

// deflate compresses one entry as zip's Deflate method stores it,
// after what dst holds, with a compressor of c. Without dst (nil), the
// result is kept until the zip is written, at about its own size.
func deflate(c compressors, dst, data []byte) ([]byte, error) {
	keep := dst == nil
	buf := bytes.NewBuffer(dst)
	buf.Grow(len(data)/3 + 64) // XHTML deflates to about a third
	fw := c.get()
	defer c.put(fw)
	fw.Reset(buf)
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	if keep && buf.Cap() > buf.Len()+buf.Len()/4 {
		// The entry is kept until the zip is written: not the room a
		// doubling buffer left (a book's chapters held 2 MB for 1 MB).
		return bytes.Clone(buf.Bytes()), nil
	}
	return buf.Bytes(), nil
}

// msDosTime converts t to the zip format's local date and time fields,
// clamped to the range that format can hold.
func msDosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
