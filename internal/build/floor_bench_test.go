package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/yuin/goldmark"

	"folio/internal/buildtest"
	"folio/internal/output"
)

// The floor benchmarks do what any generator must do with a site's pages
// and nothing more, so that a full build can be put as a multiple of it
// (issue 18: "reading, parsing with goldmark, a trivial template and
// writing the same 1,000 pages"): read each Markdown file of the corpus,
// cut off its front matter, convert the body with a plain goldmark, put it
// through a one-line html/template and write it to <path>/index.html,
// on as many goroutines as folio's page stage uses. No minifying, no
// links resolved, no lists, feeds, editions, search or images.
//
//	go test ./internal/build -run '^$' -bench 'Floor' -benchmem
//
// BenchmarkFloor1000Memory writes nowhere, which leaves the processor's
// part of the floor; BenchmarkFloor1000Disk writes to disk.

var floorLayout = template.Must(template.New("page").Parse(
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head><body><main>{{.Body}}</main></body></html>`))

type floorPage struct {
	rel   string // content path without .md
	title string
	body  []byte
}

// floorSources lists the Markdown files of the corpus (read again, timed,
// by each run).
func floorSources(b *testing.B, dir string) []string {
	var files []string
	root := filepath.Join(dir, "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// readFloorPage reads a file and splits off its YAML front matter, taking
// the title line as the page's title.
func readFloorPage(root, p string) (floorPage, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		return floorPage{}, err
	}
	rel, _ := filepath.Rel(root, strings.TrimSuffix(p, ".md"))
	fp := floorPage{rel: rel, body: src}
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if front, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			fp.body = body
			for line := range strings.Lines(string(front)) {
				if t, ok := strings.CutPrefix(line, "title:"); ok {
					fp.title = strings.Trim(strings.TrimSpace(t), `"`)
				}
			}
		}
	}
	return fp, nil
}

// floorBuild converts every file and hands each page to write.
func floorBuild(b *testing.B, root string, files []string, write func(rel string, page []byte) error) {
	md := goldmark.New()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var html, page bytes.Buffer
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				fp, err := readFloorPage(root, files[i])
				if err == nil {
					html.Reset()
					err = md.Convert(fp.body, &html)
				}
				if err == nil {
					page.Reset()
					err = floorLayout.Execute(&page, struct {
						Title string
						Body  template.HTML
					}{fp.title, template.HTML(html.String())})
				}
				if err == nil {
					err = write(fp.rel, page.Bytes())
				}
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkFloor1000Memory(b *testing.B) {
	dir := buildtest.CorpusDir(b, 1000)
	files := floorSources(b, dir)
	root := filepath.Join(dir, "content")
	var cpu cpuClock
	b.ReportAllocs()
	for b.Loop() {
		cpu.time(func() { floorBuild(b, root, files, func(string, []byte) error { return nil }) })
	}
	cpu.report(b)
}

// BenchmarkFloor1000Disk writes into a fresh folder on the disk of
// $TMPDIR, the previous run's folder removed just before, outside the
// timing, as a build after rm -rf public: "plain" with os.MkdirAll and
// os.WriteFile, "writer" through folio's own output.Writer (without
// minifying) into a staging folder swapped in at the end, as a build
// writes. On ext4 without a journal the two differ by what the file
// system pays to skip the inodes freed within the last minute, which
// folio's writer spreads its folders to avoid (output.spreadFolders).
func BenchmarkFloor1000Disk(b *testing.B) {
	dir := buildtest.CorpusDir(b, 1000)
	files := floorSources(b, dir)
	root := filepath.Join(dir, "content")
	b.Run("plain", func(b *testing.B) {
		floorDisk(b, root, files, func(out string) (func(string, []byte) error, func() error) {
			return func(rel string, page []byte) error {
				p := filepath.Join(out, rel, "index.html")
				if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
					return err
				}
				return os.WriteFile(p, page, 0o666)
			}, func() error { return nil }
		})
	})
	b.Run("writer", func(b *testing.B) {
		floorDisk(b, root, files, func(out string) (func(string, []byte) error, func() error) {
			w, d, err := output.NewDir(out, output.Options{})
			if err != nil {
				b.Fatal(err)
			}
			return func(rel string, page []byte) error {
				return w.Write(filepath.ToSlash(filepath.Join(rel, "index.html")), rel, page)
			}, d.Commit
		})
	})
}

// floorDisk runs the floor into a new folder each time, made by open: the
// function a page is written with, and the one that ends the run.
func floorDisk(b *testing.B, root string, files []string, open func(out string) (write func(string, []byte) error, commit func() error)) {
	tmp, n := b.TempDir(), 0
	var cpu cpuClock
	b.ReportAllocs()
	for b.Loop() {
		n++
		b.StopTimer()
		if err := os.RemoveAll(filepath.Join(tmp, fmt.Sprint(n-1))); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu.time(func() {
			write, commit := open(filepath.Join(tmp, fmt.Sprint(n), "public"))
			floorBuild(b, root, files, write)
			if err := commit(); err != nil {
				b.Fatal(err)
			}
		})
	}
	cpu.report(b)
}
