// Package buildtest holds what the tests of the build and of the preview
// (packages build and preview) share: generated sites of a given size for
// benchmarks, small photo sites, writing a tree of files and comparing
// two. It imports no package it is a helper for, so that the tests of
// either may import it.
package buildtest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"folio/internal/corpus"
	"folio/internal/images"
)

var corpora sync.Map // pages → folder, generated once per test binary

// CorpusDir generates (once) a synthetic site of the given size.
func CorpusDir(b testing.TB, pages int) string {
	if dir, ok := corpora.Load(pages); ok {
		return dir.(string)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("folio-bench-%d", pages))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		_ = os.RemoveAll(dir)
		if err := corpus.Generate(dir, corpus.Spec{Pages: pages, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	corpora.Store(pages, dir)
	return dir
}

// WriteFile writes text to path, making its folders.
func WriteFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// WriteTree replaces dir with the files given by slash path.
func WriteTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		WriteFile(t, filepath.Join(dir, filepath.FromSlash(rel)), string(data))
	}
}

// FirstDifference shows where got first differs from want.
func FirstDifference(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	clip := func(b []byte) string {
		end := min(len(b), i+60)
		return strings.ReplaceAll(string(b[max(0, i-20):end]), "\n", `\n`)
	}
	return "at byte " + strconv.Itoa(i) + ": want …" + clip(want) + "…, got …" + clip(got) + "…"
}

// SortedKeys lists the names of files in order.
func SortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// PhotoSite writes a site with one post whose photo is photo, plus the
// extra files given by path, with no shared image cache.
func PhotoSite(t *testing.T, photo []byte, extra map[string]string) string {
	t.Helper()
	t.Setenv(images.CacheEnv, "")
	dir := t.TempDir()
	files := map[string]string{
		"folio.yaml":            "title: Photos\nbase_url: https://photos.example.org/\n",
		"content/blog/first.md": "---\ntitle: First\ndate: 2024-01-02\nphoto:\n  src: img/photo.jpg\n  alt: Hills.\n  credit: Me\n---\nText.\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, text := range files {
		WriteFile(t, filepath.Join(dir, name), text)
	}
	WriteFile(t, filepath.Join(dir, "content/blog/img/photo.jpg"), string(photo))
	return dir
}

// CameraPhoto is a camera JPEG, turned by its EXIF orientation, with a
// GPS position.
func CameraPhoto(t testing.TB, seed uint64) []byte {
	t.Helper()
	data, err := corpus.Photo(corpus.PhotoSpec{Width: 900, Height: 1200, Orientation: 6, GPS: true, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return data
}
