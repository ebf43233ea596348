package epub

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"folio/internal/epubcheck"
	"folio/internal/shelf"
)

func TestPackageDocumentGolden(t *testing.T) {
	epub := writeBook(t, smallBook(t))
	golden(t, "package.opf", epubcheck.File(t, epub, "EPUB/package.opf"))
}

func TestNavDocumentGolden(t *testing.T) {
	epub := writeBook(t, smallBook(t))
	golden(t, "nav.xhtml", epubcheck.File(t, epub, "EPUB/nav.xhtml"))
}

func TestChapterDocumentGolden(t *testing.T) {
	epub := writeBook(t, smallBook(t))
	golden(t, "chapter-01.xhtml", epubcheck.File(t, epub, "EPUB/chapter-01.xhtml"))
}

func TestDefaultNavListsLinearChapters(t *testing.T) {
	b := smallBook(t)
	b.Nav = nil
	b.Chapters[1].Linear = false
	nav := string(epubcheck.File(t, writeBook(t, b), "EPUB/nav.xhtml"))
	if !strings.Contains(nav, `<a href="chapter-01.xhtml">Listening</a>`) {
		t.Errorf("default nav lacks the linear chapter:\n%s", nav)
	}
	if strings.Contains(nav, `href="chapter-02.xhtml"`) {
		t.Errorf("default nav lists a non-linear chapter:\n%s", nav)
	}
	opf := string(epubcheck.File(t, writeBook(t, b), "EPUB/package.opf"))
	if !strings.Contains(opf, `<itemref idref="chapter-2" linear="no"/>`) {
		t.Errorf("spine does not mark chapter 2 non-linear:\n%s", opf)
	}
}

// TestStartLandmark checks that the body matter landmark follows Start, so
// a reader opens a book past its cover and title page.
func TestStartLandmark(t *testing.T) {
	b := smallBook(t)
	b.Start = "chapter-02.xhtml"
	nav := string(epubcheck.File(t, writeBook(t, b), "EPUB/nav.xhtml"))
	if !strings.Contains(nav, `<a epub:type="bodymatter" href="chapter-02.xhtml">`) {
		t.Errorf("landmarks do not start at chapter-02.xhtml:\n%s", nav)
	}
}

// TestContainerLayout checks the OCF rules that reading systems sniff:
// mimetype first, stored, without extra field, then the container file.
func TestContainerLayout(t *testing.T) {
	epub := writeBook(t, smallBook(t))
	if got := string(epub[30:58]); got != "mimetypeapplication/epub+zip" {
		t.Fatalf("bytes 30-58 = %q, want mimetype entry name and content", got)
	}
	if method := binary.LittleEndian.Uint16(epub[8:10]); method != zip.Store {
		t.Errorf("mimetype compression method = %d, want stored (0)", method)
	}
	if extra := binary.LittleEndian.Uint16(epub[28:30]); extra != 0 {
		t.Errorf("mimetype extra field length = %d, want 0", extra)
	}
	zr, err := zip.NewReader(bytes.NewReader(epub), int64(len(epub)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(testModified) {
			t.Errorf("%s modified %v, want the book's time %v", f.Name, f.Modified, testModified)
		}
	}
	want := []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/styles/book.css",
		"EPUB/chapter-01.xhtml", "EPUB/chapter-02.xhtml",
		"EPUB/images/chart.gif", "EPUB/images/cover.jpg", "EPUB/images/diagram.svg", "EPUB/images/ear.png"}
	if !slices.Equal(names, want) {
		t.Errorf("entries = %q\nwant %q", names, want)
	}
	// The default stylesheet, without the rules for classes no chapter uses.
	fitted, _, err := pruneStylesheet(DefaultStylesheet(), func(class string) bool {
		return slices.Contains([]string{"footnotes", "footnote-ref", "footnote-backref", "align-left", "align-right"}, class)
	})
	if err != nil {
		t.Fatal(err)
	}
	if css := epubcheck.File(t, epub, "EPUB/styles/book.css"); !bytes.Equal(css, fitted) {
		t.Errorf("stylesheet is not the default one fitted to the book:\n%s", css)
	}
}

func TestCustomStylesheet(t *testing.T) {
	b := smallBook(t)
	b.Stylesheet = []byte("body { margin: 0; }\n")
	if got := epubcheck.File(t, writeBook(t, b), "EPUB/styles/book.css"); !bytes.Equal(got, b.Stylesheet) {
		t.Errorf("stylesheet = %q, want the book's", got)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	first := writeBook(t, smallBook(t))
	second := writeBook(t, smallBook(t))
	if !bytes.Equal(first, second) {
		t.Fatal("two writes of the same book differ")
	}
	reordered := smallBook(t)
	slices.Reverse(reordered.Resources)
	if !bytes.Equal(first, writeBook(t, reordered)) {
		t.Error("the order of Resources changes the output; it should be sorted by href")
	}
	later := smallBook(t)
	later.Modified = testModified.Add(time.Hour)
	if bytes.Equal(first, writeBook(t, later)) {
		t.Error("a different modified time gives the same file")
	}
}

func TestAccessibilityDefaults(t *testing.T) {
	withText := Accessibility{Features: []string{"largePrint"}, Summary: "Custom."}
	tests := []struct {
		name               string
		book               Book
		images, missingAlt int
		want               Accessibility
	}{
		{"text only", Book{}, 0, 0, Accessibility{
			AccessModes: []string{"textual"}, AccessModeSufficient: []string{"textual"},
			Features: []string{"structuralNavigation", "tableOfContents", "readingOrder"}, Hazards: []string{"none"},
			Summary: "The text is organised with headings and a table of contents, and follows a single reading order."}},
		{"images with alt text", Book{}, 3, 0, Accessibility{
			AccessModes: []string{"textual", "visual"}, AccessModeSufficient: []string{"textual"},
			Features: []string{"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"}, Hazards: []string{"none"},
			Summary: "The text is organised with headings and a table of contents, and follows a single reading order. Images have text alternatives."}},
		{"an image without alt text", Book{}, 3, 1, Accessibility{
			AccessModes: []string{"textual", "visual"}, AccessModeSufficient: []string{"textual"},
			Features: []string{"structuralNavigation", "tableOfContents", "readingOrder"}, Hazards: []string{"none"},
			Summary: "The text is organised with headings and a table of contents, and follows a single reading order."}},
		{"caller's values kept", Book{Accessibility: withText}, 0, 0, Accessibility{
			AccessModes: []string{"textual"}, AccessModeSufficient: []string{"textual"},
			Features: []string{"largePrint"}, Hazards: []string{"none"}, Summary: "Custom."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := accessibility(&tt.book, tt.images, tt.missingAlt)
			if !slices.Equal(got.AccessModes, tt.want.AccessModes) || !slices.Equal(got.AccessModeSufficient, tt.want.AccessModeSufficient) ||
				!slices.Equal(got.Features, tt.want.Features) || !slices.Equal(got.Hazards, tt.want.Hazards) || got.Summary != tt.want.Summary {
				t.Errorf("accessibility = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestUnpackEPUB(t *testing.T) {
	dir := t.TempDir()
	epubcheck.Unpack(t, writeBook(t, smallBook(t)), dir)
	mimetype, err := os.ReadFile(filepath.Join(dir, "mimetype"))
	if err != nil || string(mimetype) != "application/epub+zip" {
		t.Fatalf("mimetype = %q, %v", mimetype, err)
	}
	for _, name := range []string{"META-INF/container.xml", "EPUB/chapter-02.xhtml", "EPUB/images/ear.png"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Errorf("unpacked EPUB lacks %s: %v", name, err)
		}
	}
}

func TestMSDosTimeClamps(t *testing.T) {
	d, c := msDosTime(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC))
	if d != 1<<5|1 || c != 0 {
		t.Errorf("1970 → date %d time %d, want 1980-01-01 00:00 (33, 0)", d, c)
	}
	d, c = msDosTime(time.Date(2025, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600)))
	if want := uint16(45<<9 | 3<<5 | 14); d != want || c != 14<<11|9<<5|13 {
		t.Errorf("2025-03-14T14:09:26Z → date %d time %d, want %d %d", d, c, want, 14<<11|9<<5|13)
	}
}

// TestWebPIsACoreType: EPUB 3.3 made WebP a core image type, so it is
// packaged without fallback. (epubcheck 4.x predates 3.3 and still asks
// for a fallback, so the epubcheck tests use JPEG, PNG, GIF and SVG.)
func TestWebPIsACoreType(t *testing.T) {
	b := smallBook(t)
	b.Resources = append(b.Resources, Resource{Href: "images/photo.webp", Data: []byte("RIFF\x1a\x00\x00\x00WEBPVP8L")})
	opf := string(epubcheck.File(t, writeBook(t, b), "EPUB/package.opf"))
	if !strings.Contains(opf, `href="images/photo.webp" media-type="image/webp"`) {
		t.Errorf("manifest lacks the WebP image:\n%s", opf)
	}
}

func BenchmarkWrite100Chapters(b *testing.B) {
	book := generatedBook(b, 100)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, book); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/book")
}

// zipSize, which sizes the output buffer in one allocation, is the exact
// length of the container: a larger guess wastes memory, a smaller one
// makes the buffer grow again.
func TestZipSizeIsExact(t *testing.T) {
	for _, s := range []*shelf.Shelf{nil, shelf.New("folio-epub-test-*")} {
		book := smallBook(t)
		book.Shelf = s
		files, err := assemble(book)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := writeZip(&buf, files, testModified, s); err != nil {
			t.Fatal(err)
		}
		if got := zipSize(files); got != buf.Len() {
			t.Errorf("shelf %v: zipSize = %d, written %d bytes", s != nil, got, buf.Len())
		}
		s.Close()
	}
}

// A book whose compressed chapters wait on a shelf (Book.Shelf) gives the
// file of one that holds them, and a shelf that cannot give one back
// fails the write, naming the entry.
func TestChaptersOnTheShelf(t *testing.T) {
	want := writeBook(t, smallBook(t))
	s := shelf.New("folio-epub-test-*")
	defer s.Close()
	book := smallBook(t)
	book.Shelf = s
	if !bytes.Equal(writeBook(t, book), want) {
		t.Error("a book whose chapters waited on the shelf differs from the same book held in memory")
	}
	p, err := Assemble(book)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	err = p.Write(io.Discard)
	if err == nil || !strings.Contains(err.Error(), "write EPUB/"+book.Chapters[0].FileName) {
		t.Errorf("Write after the shelf closed: %v", err)
	}
}

// TestChapterLoad: chapters whose bodies Load makes give the same file as
// chapters that carry them, and a Load that fails names the chapter.
func TestChapterLoad(t *testing.T) {
	want := writeBook(t, smallBook(t))
	lazy := smallBook(t)
	var loads atomic.Int64 // chapters convert on all cores
	for i := range lazy.Chapters {
		body := lazy.Chapters[i].Body
		lazy.Chapters[i].Body = nil
		lazy.Chapters[i].Load = func(dst []byte) ([]byte, error) { loads.Add(1); return append(dst, body...), nil }
	}
	if !bytes.Equal(writeBook(t, lazy), want) {
		t.Error("a book whose chapters Load their bodies differs from the same book with Body set")
	}
	if n := loads.Load(); n < int64(len(lazy.Chapters)) {
		t.Errorf("%d loads for %d chapters", n, len(lazy.Chapters))
	}
	failing := smallBook(t)
	failing.Chapters[0].Body = nil
	failing.Chapters[0].Load = func([]byte) ([]byte, error) { return nil, errors.New("the shelf is gone") }
	err := Write(io.Discard, failing)
	if err == nil || !strings.Contains(err.Error(), "the shelf is gone") || !strings.Contains(err.Error(), failing.Chapters[0].Source) {
		t.Errorf("Write with a failing Load: %v", err)
	}
}

// TestRecycledChapterBuffers: the buffers a chapter passes through are
// recycled (chapterBuffers), on all cores, so a chapter whose bytes were
// still referenced when its buffer went back would carry another's. A
// book of many different chapters, loaded into Write's buffers, gives the
// file of the same book held in memory: on a shelf, on a shelf whose file
// failed (what it keeps is then in memory, and must be a copy), and on
// none, written twice.
func TestRecycledChapterBuffers(t *testing.T) {
	want := writeBook(t, generatedBook(t, 40))
	for _, s := range []*shelf.Shelf{shelf.New("folio-epub-test-*"), {}, nil} {
		book := generatedBook(t, 40)
		book.Shelf = s
		for i := range book.Chapters {
			body := book.Chapters[i].Body
			book.Chapters[i].Body = nil
			book.Chapters[i].Load = func(dst []byte) ([]byte, error) { return append(dst, body...), nil }
		}
		for range 2 {
			if !bytes.Equal(writeBook(t, book), want) {
				t.Errorf("shelf %v: a book converted in recycled buffers differs from the same book held in memory", s)
			}
		}
		s.Close()
	}
}
