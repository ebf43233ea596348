package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/internal/chromium"
)

// requirePDFTools skips (or, with CI set, fails) without Chromium and
// poppler's pdfinfo and pdftotext, which read the PDFs back.
func requirePDFTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping the PDF tests, which run Chromium")
	}
	missing := ""
	if _, err := os.Stat(chromium.Path); err != nil {
		missing = chromium.Path
	}
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = tool + " (apt-get install poppler-utils)"
		}
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing", missing)
	}
	t.Skipf("%s is missing; install it to run the PDF tests", missing)
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return string(out)
}

// contentsLine is an entry of the contents as pdftotext -layout lays it
// out: an optional chapter number, the title, and the page number.
var contentsLine = regexp.MustCompile(`^\s*(?:\d+\s+)?(\S.*?\S)\s{2,}(\d+)\s*$`)

// TestPDFSampleBook prints the sample book and reads the PDF back with
// poppler: tagged, A4, bookmarked, the same bytes twice, and every chapter
// on the page its contents entry gives.
func TestPDFSampleBook(t *testing.T) {
	requirePDFTools(t)
	t.Setenv("FOLIO_CHROMIUM", chromium.Path)
	dir := copySample(t)
	out := filepath.Join(t.TempDir(), "book.pdf")
	if r := runCLI("pdf", "-s", dir, "-o", out); r.code != 0 {
		t.Fatalf("folio pdf exited %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	info := poppler(t, "pdfinfo", out)
	for _, want := range []string{"Tagged:          yes", "(A4)", "Title:           The Little Book of Coaching\n"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo does not say %q:\n%s", want, info)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("/Outlines")) || !bytes.Contains(data, []byte("/Title (Partnership)")) {
		t.Error("the PDF has no bookmarks for its chapters")
	}
	pages := strings.Split(poppler(t, "pdftotext", "-layout", out, "-"), "\f")
	checkContents(t, pages, []string{"Preface", "Partnership", "Candor", "Accountability", "Curiosity", "Acknowledgements", "Photo credits"})

	again := filepath.Join(t.TempDir(), "again.pdf")
	if r := runCLI("pdf", "-s", dir, "-o", again, "-q"); r.code != 0 || r.stdout != "" {
		t.Fatalf("folio pdf -q exited %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if second, _ := os.ReadFile(again); !bytes.Equal(data, second) {
		t.Error("two runs over the same sources gave different PDFs")
	}
}

// checkContents finds the contents page and checks that each title in want
// is listed there and starts the page the entry gives.
func checkContents(t *testing.T, pages []string, want []string) {
	t.Helper()
	listed := map[string]int{}
	for _, p := range pages {
		if !strings.Contains(p, "Contents") {
			continue
		}
		for _, line := range strings.Split(p, "\n") {
			if m := contentsLine.FindStringSubmatch(line); m != nil {
				n, _ := strconv.Atoi(m[2])
				listed[m[1]] = n
			}
		}
		break
	}
	for _, title := range want {
		n, ok := listed[title]
		switch {
		case !ok:
			t.Errorf("the contents do not list %q with a page number (found %v)", title, listed)
		case n < 1 || n > len(pages):
			t.Errorf("%q is listed on page %d of %d", title, n, len(pages))
		case !strings.Contains(pages[n-1], title):
			t.Errorf("the contents put %q on page %d, which reads:\n%s", title, n, pages[n-1])
		}
	}
}

// TestPDFBadInput checks the failures a user can meet: each a clear error,
// exit 1 (2 for a wrong flag), and no file, whole or half, at the output.
func TestPDFBadInput(t *testing.T) {
	requirePDFTools(t)
	hang := filepath.Join(t.TempDir(), "hanging-browser")
	if err := os.WriteFile(hang, []byte("#!/bin/sh\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	noChapters := map[string]string{"content/book/_index.md": "---\ntitle: Empty\n---\nNothing yet.\n"}
	badImage := map[string]string{"content/book/_index.md": "---\ntitle: Book\n---\n",
		"content/book/one.md":     "---\ntitle: One\n---\n![A figure](figure.svg)\n",
		"content/book/figure.svg": "<svg this is not"}
	tests := []struct {
		name, browser string
		site          map[string]string
		args          []string
		code          int
		says          string
	}{
		{"no browser", "/nonexistent/chromium", goodSite, nil, 1, "FOLIO_CHROMIUM is /nonexistent/chromium"},
		{"a browser that hangs", hang, goodSite, []string{"--timeout", "3s"}, 1, "did not finish within 3s"},
		{"a book without chapters", chromium.Path, noChapters, nil, 1, `the book "Empty" has no chapters`},
		{"an image the browser cannot show", chromium.Path, badImage, nil, 1, "figure.svg"},
		{"an unknown size", chromium.Path, goodSite, []string{"--size", "b5"}, 2, `--size "b5" is not a size folio knows; use one of 6x9in, a4, a5, letter`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("FOLIO_CHROMIUM", tc.browser)
			dir := writeSite(t, tc.site)
			out := filepath.Join(t.TempDir(), "book.pdf")
			r := runCLI(append([]string{"pdf", "-s", dir, "-o", out}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.says) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.stderr, tc.code, tc.says)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) > 0 {
				t.Errorf("a failed run left %s", entries[0].Name())
			}
		})
	}
}

// TestServePDF asks folio serve for the book's PDF, saves a new chapter
// title, and asks again: the second PDF has the new title.
func TestServePDF(t *testing.T) {
	requirePDFTools(t)
	t.Setenv("FOLIO_CHROMIUM", chromium.Path)
	dir := copySample(t)
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	const path = "/book/the-little-book-of-coaching.pdf"
	code, body := r.get(path)
	if code != 200 || !strings.HasPrefix(body, "%PDF-") || !strings.Contains(body, "/Title (Partnership)") {
		t.Fatalf("GET %s: %d, %.200q", path, code, body)
	}
	ev := r.events(chapterPath)
	ev.waitFor(t, "hello", "")
	file := filepath.Join(dir, "content/book/part-1-the-relationship/partnership.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	saveLikeVim(t, file, bytes.Replace(src, []byte(`title: "Partnership"`), []byte(`title: "Partnership Renamed"`), 1))
	ev.waitFor(t, "change", chapterPath)
	if code, body := r.get(path); code != 200 || !strings.Contains(body, "/Title (Partnership Renamed)") {
		t.Errorf("after the edit, GET %s: %d, and the PDF has no bookmark for the new title", path, code)
	}
}
