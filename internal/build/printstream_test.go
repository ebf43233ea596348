package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/corpus"
	"folio/internal/output"
)

// The print edition of a clean build goes into its file as its layout
// runs, each chapter read back from the shelf when the layout reaches it:
// what is held at once is a piece of the page and one chapter, not the
// book, and the file is the page minified whole (as into memory). The
// EPUB goes into its file as the zip is written.
func TestPrintEditionHoldsOneChapter(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 120-chapter book twice (-short)")
	}
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Spec{Chapters: 120, Words: 2000, Photos: -1, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(src)
	files, _, err := buildFS(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	largest := 0 // the largest chapter page, more than its HTML
	for rel, data := range files {
		if rel != "book/print/index.html" && filepath.Base(rel) == "index.html" && bytes.Contains(data, []byte(`class="chapter`)) {
			largest = max(largest, len(data))
		}
	}
	cfg, err := Configure(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	final := filepath.Join(t.TempDir(), "public")
	w, d, err := output.NewDir(final, output.Options{Minify: cfg.Minify})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(fsys, cfg, Options{Now: fixtureNow}, w); err != nil {
		d.Abort()
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	// The print edition and the EPUB, streamed into their files, are the
	// files written whole into memory, as is every other file.
	if err := diffTrees(files, readTree(t, final)); err != nil {
		t.Fatal(err)
	}
	print := files["book/print/index.html"]
	if held := w.StreamHeld(); held == 0 || held > 64<<10+int64(largest) || len(print) < 10*largest {
		t.Errorf("held %d bytes of a %d-byte print edition at once; want at most 64 KiB and a chapter (%d bytes)", held, len(print), largest)
	}
}

// A print layout that fails partway, after part of the page went into its
// file, fails the build with the layout's line, and the previous output
// stays exactly as it was.
func TestPrintLayoutFailsWhileStreaming(t *testing.T) {
	fsys := fixtureFS(t, filepath.Join("testdata", "errors", "template-exec-print"))
	final := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(final, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(final, "index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Configure(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, d, err := output.NewDir(final, output.Options{Minify: cfg.Minify})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(fsys, cfg, Options{Now: fixtureNow}, w)
	d.Abort()
	if err == nil || !strings.Contains(err.Error(), `render with layout "print": layouts/print.html:2:`) {
		t.Errorf("the build failed with %v; want the print layout's line", err)
	}
	if got := readTree(t, final); len(got) != 1 || string(got["index.html"]) != "old" {
		t.Errorf("the previous output holds %d files after the failed build, want index.html alone, as it was", len(got))
	}
}
