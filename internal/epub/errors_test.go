package epub

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"folio/internal/epubcheck"
)

// writeErrorCases has one fixture per failure path of Write: each starts
// from the valid small book, breaks one thing and expects an error naming
// the culprit.
var writeErrorCases = []struct {
	name   string
	break_ func(b *Book)
	want   []string
}{
	{"missing image", func(b *Book) {
		b.Chapters[0].Body = append(b.Chapters[0].Body, `<p><img src="images/missing.jpg" alt="x"></p>`...)
	}, []string{"content/book/part-1/listening.md", `"images/missing.jpg"`, "not among the book's resources"}},
	{"bmp resource", func(b *Book) {
		b.Resources = append(b.Resources, Resource{Href: "images/scan.bmp", Data: []byte("BM")})
	}, []string{`"images/scan.bmp"`, "extension .bmp", "image/jpeg (.jpg, .jpeg), image/png (.png)", "image/webp"}},
	{"tiff media type", func(b *Book) {
		b.Resources = append(b.Resources, Resource{Href: "images/scan.tif", MediaType: "image/tiff", Data: []byte("II*")})
	}, []string{`"images/scan.tif"`, "media type image/tiff", "is not an EPUB core image type"}},
	{"remote image", func(b *Book) {
		b.Chapters[1].Body = append(b.Chapters[1].Body, `<img src="https://example.org/a.jpg" alt="x">`...)
	}, []string{"content/book/part-2/questions.md", `"https://example.org/a.jpg" is on the web`}},
	{"link to a file not in the book", func(b *Book) {
		b.Chapters[0].Body = append(b.Chapters[0].Body, `<a href="questions.md">q</a>`...)
	}, []string{"content/book/part-1/listening.md", `link "questions.md" points to a file that is not in the book`}},
	{"link to a missing anchor", func(b *Book) {
		b.Chapters[0].Body = append(b.Chapters[0].Body, `<a href="chapter-02.xhtml#nowhere">q</a>`...)
	}, []string{"content/book/part-1/listening.md", `id "nowhere", which chapter-02.xhtml does not have`}},
	{"link to a missing anchor in the same chapter", func(b *Book) {
		b.Chapters[0].Body = append(b.Chapters[0].Body, `<a href="#nowhere">q</a>`...)
	}, []string{"content/book/part-1/listening.md", `id "nowhere", which chapter-01.xhtml does not have`}},
	{"link outside the book", func(b *Book) {
		b.Chapters[0].Body = append(b.Chapters[0].Body, `<a href="../secret.xhtml">q</a>`...)
	}, []string{"content/book/part-1/listening.md", "points outside the book"}},
	{"unsupported embed", func(b *Book) {
		b.Chapters[1].Body = append(b.Chapters[1].Body, `<iframe src="https://www.youtube.com/embed/x"></iframe>`...)
	}, []string{"content/book/part-2/questions.md", "<iframe> cannot be packaged in an EPUB"}},
	{"nav entry to a missing chapter", func(b *Book) {
		b.Nav = append(b.Nav, NavItem{Title: "Epilogue", Href: "epilogue.xhtml"})
	}, []string{`contents entry "Epilogue"`, `"epilogue.xhtml" points to a file that is not in the book`}},
	{"nav entry to a missing anchor", func(b *Book) {
		b.Nav[0].Children[0].Href = "chapter-01.xhtml#gone"
	}, []string{`contents entry "Listening"`, `id "gone"`}},
	{"start not a chapter", func(b *Book) {
		b.Start = "chapter-09.xhtml"
	}, []string{`start "chapter-09.xhtml" is not the file name of a chapter`}},
	{"nav part without chapters", func(b *Book) {
		b.Nav = append(b.Nav, NavItem{Title: "Part 3"})
	}, []string{`contents entry "Part 3" has neither a link nor children`}},
	{"nav entry without title", func(b *Book) {
		b.Nav = append(b.Nav, NavItem{Href: "chapter-01.xhtml"})
	}, []string{`contents entry "chapter-01.xhtml" has no title`}},
	{"duplicate chapter file", func(b *Book) {
		b.Chapters[1].FileName = "chapter-01.xhtml"
	}, []string{"content/book/part-2/questions.md", `"chapter-01.xhtml" is already used by content/book/part-1/listening.md`}},
	{"chapter named like the nav", func(b *Book) {
		b.Chapters[1].FileName = "nav.xhtml"
	}, []string{`"nav.xhtml" is already used by the navigation document`}},
	{"bad chapter file name", func(b *Book) {
		b.Chapters[0].FileName = "part 1/listening.html"
	}, []string{"content/book/part-1/listening.md", `file name "part 1/listening.html" must be a plain name`}},
	{"bad resource href", func(b *Book) {
		b.Resources[0].Href = "../images/ear.png"
	}, []string{`resource "../images/ear.png": href must be a relative path`}},
	{"chapter without title", func(b *Book) {
		b.Chapters[0].Title = " "
	}, []string{"content/book/part-1/listening.md: chapter title is empty"}},
	{"missing metadata", func(b *Book) {
		b.Identifier, b.Title, b.Language, b.Modified = "", "", "", time.Time{}
	}, []string{"identifier is empty", "title is empty", "language is empty", "modified time is zero"}},
	{"bad date", func(b *Book) {
		b.Date = "March 2025"
	}, []string{`date "March 2025" is not YYYY, YYYY-MM or YYYY-MM-DD`}},
	{"no chapters", func(b *Book) {
		b.Chapters, b.Nav = nil, nil
	}, []string{"book has no chapters"}},
	{"no linear chapter", func(b *Book) {
		b.Chapters[0].Linear, b.Chapters[1].Linear = false, false
	}, []string{"no chapter is in the reading order"}},
}

func TestWriteErrors(t *testing.T) {
	for _, tt := range writeErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			b := smallBook(t)
			tt.break_(b)
			var buf bytes.Buffer
			err := Write(&buf, b)
			if err == nil {
				t.Fatal("Write succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not mention %q", err, w)
				}
			}
			if buf.Len() > 0 {
				t.Errorf("Write wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

func TestWriteReportsAllProblemsTogether(t *testing.T) {
	b := smallBook(t)
	b.Chapters[0].Body = append(b.Chapters[0].Body, `<img src="images/a.jpg" alt="a">`...)
	b.Chapters[1].Body = append(b.Chapters[1].Body, `<img src="images/b.jpg" alt="b">`...)
	err := Write(&bytes.Buffer{}, b)
	if err == nil || !strings.Contains(err.Error(), "images/a.jpg") || !strings.Contains(err.Error(), "images/b.jpg") {
		t.Errorf("error = %v, want both missing images reported", err)
	}
}

// TestLinksToImagesAreUnwrapped: EPUB forbids hyperlinks to files outside
// the spine, so a link around an image to the full-size file is dropped
// while the image stays.
func TestLinksToImagesAreUnwrapped(t *testing.T) {
	b := smallBook(t)
	b.Chapters[1].Body = append(b.Chapters[1].Body, `<p><a href="images/ear.png"><img src="images/ear.png" alt="Ear"></a></p>`...)
	got := string(epubcheck.File(t, writeBook(t, b), "EPUB/chapter-02.xhtml"))
	if want := `<p><img src="images/ear.png" alt="Ear"/></p>`; !strings.Contains(got, want) {
		t.Errorf("chapter does not contain %s:\n%s", want, got)
	}
}

func TestCoverAlsoListedAsResource(t *testing.T) {
	b := smallBook(t)
	b.Resources = append(b.Resources, *b.Cover)
	opf := string(epubcheck.File(t, writeBook(t, b), "EPUB/package.opf"))
	if n := strings.Count(opf, `href="images/cover.jpg"`); n != 1 {
		t.Errorf("cover listed %d times in the manifest, want once:\n%s", n, opf)
	}
	b.Resources[len(b.Resources)-1].Data = []byte("different")
	if err := Write(&bytes.Buffer{}, b); err == nil || !strings.Contains(err.Error(), `"images/cover.jpg" is already used`) {
		t.Errorf("a different file under the cover's href: error = %v", err)
	}
}
