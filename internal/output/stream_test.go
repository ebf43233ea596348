package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file above streamAbove, minified into a new build folder, goes from
// the minifier into its file: the same bytes as a minified Write into
// memory, counted the same.
func TestLargeFileMinifiedIntoItsFile(t *testing.T) {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A book</title>\n</head>\n<body>\n")
	for i := 0; page.Len() <= streamAbove; i++ {
		fmt.Fprintf(&page, "<article class=\"print-chapter\" id=\"c%d\">\n  <h1>  Chapter %d  </h1>\n<p>Some   text, <em>kept</em> .</p>\n</article>\n", i, i)
	}
	page.WriteString("</body>\n</html>\n")
	mem, m := NewMemory(nil, Options{Minify: true})
	if err := mem.Write("book/print/index.html", "content/book/_index.md", []byte(page.String())); err != nil {
		t.Fatal(err)
	}
	want := m.Files()["book/print/index.html"]
	final := filepath.Join(t.TempDir(), "public")
	w, d, err := NewDir(final, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("book/print/index.html", "content/book/_index.md", []byte(page.String())); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(final, "book", "print", "index.html")); got != string(want) || len(got) >= page.Len() {
		t.Errorf("streamed file (%d bytes) differs from the minified Write (%d bytes) of %d bytes", len(got), len(want), page.Len())
	}
	if w.Files() != 1 || w.Bytes() != int64(len(want)) {
		t.Errorf("counted %d files, %d bytes; want 1 and %d", w.Files(), w.Bytes(), len(want))
	}
}

// bookPage is HTML of about n bytes, a chapter after another.
func bookPage(n int) string {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A book</title>\n</head>\n<body>\n")
	for i := 0; page.Len() <= n; i++ {
		fmt.Fprintf(&page, "<article class=\"print-chapter\" id=\"c%d\">\n  <h1>  Chapter %d  </h1>\n<pre> kept  <p> </pre><p>Some   text, <em>kept</em> .</p>\n</article>\n", i, i)
	}
	page.WriteString("</body>\n</html>\n")
	return page.String()
}

// streamPage streams page into w as rel, in writes of 1,000 bytes.
func streamPage(w *Writer, rel, page string) error {
	return w.Stream(rel, "content/book/_index.md", func(out io.Writer) error {
		for rest := page; len(rest) > 0; {
			n := min(len(rest), 1000)
			if _, err := io.WriteString(out, rest[:n]); err != nil {
				return err
			}
			rest = rest[n:]
		}
		return nil
	})
}

// A streamed file is the file Write writes, into a new folder, a spare
// (unchanged, or replaced where the bytes differ or end, the old file
// left as it was for a hard link to it) and memory, minified or not; into a folder
// no more than a chunk and a write of it is held at once.
func TestStreamWritesWhatWriteWrites(t *testing.T) {
	page := bookPage(3 * htmlChunkSize)
	for _, minify := range []bool{true, false} {
		mem, m := NewMemory(nil, Options{Minify: minify})
		if err := mem.Write("book/print/index.html", "content/book/_index.md", []byte(page)); err != nil {
			t.Fatal(err)
		}
		want := string(m.Files()["book/print/index.html"])
		mem2, m2 := NewMemory(nil, Options{Minify: minify})
		if err := streamPage(mem2, "book/print/index.html", page); err != nil {
			t.Fatal(err)
		}
		if got := string(m2.Files()["book/print/index.html"]); got != want {
			t.Errorf("minify %v: streamed into memory, %d bytes differ from written, %d", minify, len(got), len(want))
		}
		final := filepath.Join(t.TempDir(), "public")
		link := filepath.Join(t.TempDir(), "backup.html")
		// Each build's spare is the output of the build two before it: the
		// fourth differs inside, the fifth adds to the end, the seventh is
		// shorter than its spare (the fifth).
		edits := []string{page, page, page, strings.Replace(page, "Chapter 70 ", "Chapter 70 edited", 1), page + "<p>more</p>", page, page}
		for i, edit := range edits {
			w, d, err := NewDir(final, Options{Minify: minify})
			if err != nil {
				t.Fatal(err)
			}
			if err := streamPage(w, "book/print/index.html", edit); err != nil {
				t.Fatal(err)
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			got := readFile(t, filepath.Join(final, "book", "print", "index.html"))
			if (edit == page) != (got == want) || len(got) < len(want) {
				t.Errorf("minify %v, build %d: streamed file of %d bytes, want %d", minify, i, len(got), len(want))
			}
			if c := d.Counts(); i == 2 && c.Unchanged != 1 || i != 2 && c.Written != 1 {
				t.Errorf("minify %v, build %d: %+v", minify, i, c)
			}
			if w.Files() != 1 || w.Bytes() != int64(len(got)) {
				t.Errorf("counted %d files, %d bytes; want 1 and %d", w.Files(), w.Bytes(), len(got))
			}
			if held := w.StreamHeld(); held > htmlChunkSize+1000 {
				t.Errorf("minify %v, build %d: held %d bytes of a %d-byte page", minify, i, held, len(page))
			}
			if i == 1 {
				if err := os.Link(filepath.Join(final, "book", "print", "index.html"), link); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got := readFile(t, link); got != want {
			t.Errorf("minify %v: a hard link to a replaced file changed", minify)
		}
	}
}

// What fill fails with comes back as a *FillError, and a failed build
// leaves the previous output as it was.
func TestStreamFillFails(t *testing.T) {
	final := filepath.Join(t.TempDir(), "public")
	build(t, final, map[string]string{"book/print/index.html": "old"})
	w, d, err := NewDir(final, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("template: print:3: boom")
	err = w.Stream("book/print/index.html", "content/book/_index.md", func(out io.Writer) error {
		io.WriteString(out, bookPage(2*htmlChunkSize))
		return boom
	})
	if fe := (*FillError)(nil); !errors.As(err, &fe) || fe.Err != boom {
		t.Fatalf("Stream failed with %v, want a FillError of %v", err, boom)
	}
	d.Abort()
	assertTree(t, final, map[string]string{"book/print/index.html": "old"})
}
