package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEPUBCommand writes the sample site's EPUB where -o says, and
// reports a book that does not exist with the exit code of a failure.
func TestEPUBCommand(t *testing.T) {
	site := filepath.Join("..", "..")
	out := filepath.Join(t.TempDir(), "coaching.epub")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"epub", "-s", site, "-o", out, "--book", "book"}, &stdout, &stderr); code != 0 {
		t.Fatalf("folio epub exited %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("PK\x03\x04")) || !bytes.Contains(data[:64], []byte("application/epub+zip")) {
		t.Fatalf("%s is not an EPUB (%v)", out, err)
	}
	if got := stdout.String(); !strings.HasPrefix(got, "wrote "+out+`: "The Little Book of Coaching", 11 documents, 3 images, `) {
		t.Errorf("stdout = %q", got)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"epub", "-s", site, "--book", "novel"}, &stdout, &stderr); code != 1 {
		t.Fatalf("folio epub --book novel exited %d, want 1", code)
	}
	if want := `error: --book "novel": no such book; the site's books are the-little-book-of-coaching (a book's folder name works too)`; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
}
