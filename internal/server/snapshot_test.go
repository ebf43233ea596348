package server

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNextSnapshotDiff(t *testing.T) {
	page := []byte("<p>page</p>")
	css := []byte("p{}")
	first, changed := nextSnapshot(&snapshot{}, map[string][]byte{
		"index.html": page, "css/site.css": css, "old.html": []byte("old"),
	})
	if first.version != 1 || !slices.Equal(changed, []string{"css/site.css", "index.html", "old.html"}) {
		t.Fatalf("first publish: version %d changed %q", first.version, changed)
	}

	same, changed := nextSnapshot(first, map[string][]byte{"index.html": page, "css/site.css": css, "old.html": first.file("old.html").data})
	if same != first || changed != nil {
		t.Fatalf("identical publish made version %d with changes %q; want the same snapshot", same.version, changed)
	}

	copied := []byte(string(page)) // equal bytes, different array
	next, changed := nextSnapshot(first, map[string][]byte{"index.html": copied, "css/site.css": []byte("p{color:red}")})
	if next.version != 2 || !slices.Equal(changed, []string{"css/site.css", "old.html"}) {
		t.Fatalf("second publish: version %d changed %q, want [css/site.css old.html]", next.version, changed)
	}
	if next.file("index.html") != first.file("index.html") {
		t.Errorf("an unchanged file got a new entry; it must keep the old one and its etag")
	}
	if next.file("css/site.css").etag == first.file("css/site.css").etag {
		t.Errorf("a changed file kept its etag")
	}
	if next.file("old.html") != nil {
		t.Errorf("a removed file is still in the snapshot")
	}
}

func TestSameBytes(t *testing.T) {
	a := []byte("abc")
	tests := []struct {
		name string
		x, y []byte
		want bool
	}{
		{"same slice", a, a, true},
		{"equal copy", a, []byte("abc"), true},
		{"prefix of same array", a[:2], a, false},
		{"different", a, []byte("abd"), false},
		{"both empty", nil, []byte{}, true},
		{"empty and not", nil, a, false},
	}
	for _, tt := range tests {
		if got := sameBytes(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: sameBytes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPublishRejectsBadPaths(t *testing.T) {
	for _, name := range []string{"", ".", "/index.html", "a/../b", "a//b", "dir/", "./a", `a\b`, "a\x00"} {
		t.Run(strconv.Quote(name), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Publish accepted file path %q", name)
				}
			}()
			New(Options{}).Publish(map[string][]byte{name: nil}, nil)
		})
	}
}

func TestURLForFile(t *testing.T) {
	tests := map[string]string{
		"index.html":                  "/",
		"blog/partnership/index.html": "/blog/partnership/",
		"css/site.css":                "/css/site.css",
		"404.html":                    "/404.html",
		"book/x.epub":                 "/book/x.epub",
		"notindex.html":               "/notindex.html",
		"a/myindex.html":              "/a/myindex.html",
	}
	for name, want := range tests {
		if got := urlForFile(name); got != want {
			t.Errorf("urlForFile(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCSSOnly(t *testing.T) {
	tests := []struct {
		changed []string
		want    bool
	}{
		{nil, false},
		{[]string{"css/site.css"}, true},
		{[]string{"css/site.css", "css/print.css"}, true},
		{[]string{"css/site.css", "index.html"}, false},
		{[]string{"img/a.png"}, false},
	}
	for _, tt := range tests {
		if got := cssOnly(tt.changed); got != tt.want {
			t.Errorf("cssOnly(%q) = %v, want %v", tt.changed, got, tt.want)
		}
	}
}

// versionedSite is a snapshot in which every file names its version, and
// "even/index.html" exists only in even versions.
func versionedSite(v int) map[string][]byte {
	pad := strings.Repeat("x", 4096)
	files := map[string][]byte{
		"index.html":   fmt.Appendf(nil, "<html><body><p>v=%d</p>%s<p>v=%d</p></body></html>", v, pad, v),
		"css/site.css": fmt.Appendf(nil, "/* v=%d */%s/* v=%d */", v, pad, v),
	}
	if v%2 == 0 {
		files["even/index.html"] = fmt.Appendf(nil, "<p>v=%d</p>", v)
	}
	return files
}

// TestConcurrentReadersSeeWholeSnapshots publishes many versions while
// readers fetch; every response must come from one snapshot: the version
// header, every version mark in the body, and the existence of the
// even-only page must agree, and no reader may see time run backwards.
// The publisher waits for readers to make progress between versions, so
// reads and swaps interleave however the scheduler runs them.
func TestConcurrentReadersSeeWholeSnapshots(t *testing.T) {
	s, ts := newTestServer(t, Options{Logf: func(string, ...any) {}})
	s.Publish(versionedSite(1), nil)
	const readers, versions = 6, 150
	stop := make(chan struct{})
	progress := make(chan struct{}, readers)
	errs := make(chan error, readers)
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() { errs <- readWhilePublishing(ts.URL, stop, progress) })
	}
	timeout := time.After(waitTimeout)
publishing:
	for v := 2; v <= versions; v++ {
		for range readers {
			select {
			case <-progress:
			case <-timeout:
				t.Errorf("readers stopped making progress at version %d", v)
				break publishing
			}
		}
		s.Publish(versionedSite(v), nil)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if s.Version() != versions {
		t.Errorf("Version() = %d, want %d", s.Version(), versions)
	}
}

func readWhilePublishing(base string, stop <-chan struct{}, progress chan<- struct{}) error {
	paths := []string{"/", "/css/site.css", "/even/", "/even"}
	var last uint64
	for i := 0; ; i++ {
		select {
		case <-stop:
			return nil
		default:
		}
		p := paths[i%len(paths)]
		resp, err := noRedirects.Get(base + p)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		v, err := strconv.ParseUint(resp.Header.Get("X-Folio-Version"), 10, 64)
		if err != nil {
			return fmt.Errorf("GET %s: version header: %v", p, err)
		}
		if v < last {
			return fmt.Errorf("GET %s: version %d after %d", p, v, last)
		}
		last = v
		if err := checkOneVersion(p, v, resp.StatusCode, string(body)); err != nil {
			return err
		}
		select {
		case progress <- struct{}{}:
		default:
		}
	}
}

var versionMark = regexp.MustCompile(`v=(\d+)`)

func checkOneVersion(p string, v uint64, status int, body string) error {
	if p == "/even" || p == "/even/" {
		exists := map[bool]int{true: http.StatusOK, false: http.StatusNotFound}
		if p == "/even" {
			exists[true] = http.StatusFound
		}
		if want := exists[v%2 == 0]; status != want {
			return fmt.Errorf("GET %s at version %d: status %d, want %d", p, v, status, want)
		}
		if status != http.StatusOK {
			return nil
		}
	}
	marks := versionMark.FindAllStringSubmatch(body, -1)
	if len(marks) == 0 {
		return fmt.Errorf("GET %s at version %d: no version mark in %.80q", p, v, body)
	}
	for _, m := range marks {
		if m[1] != strconv.FormatUint(v, 10) {
			return fmt.Errorf("GET %s at version %d mixes in version %s", p, v, m[1])
		}
	}
	return nil
}

// BenchmarkPublishUnchanged measures the diff of a 500-file site where
// nothing changed, with the build's identical slices (the pointer path) and
// with fresh copies of the same bytes (the bytes.Equal path).
func BenchmarkPublishUnchanged(b *testing.B) {
	site := make(map[string][]byte, 500)
	for i := range 500 {
		site[fmt.Sprintf("book/ch%03d/index.html", i)] = []byte(strings.Repeat("<p>coaching</p>", 2000))
	}
	copies := make(map[string][]byte, len(site))
	for k, v := range site {
		copies[k] = []byte(string(v))
	}
	for _, bc := range []struct {
		name  string
		files map[string][]byte
	}{{"same-slices", site}, {"equal-copies", copies}} {
		b.Run(bc.name, func(b *testing.B) {
			s := New(Options{})
			s.Publish(site, nil)
			for b.Loop() {
				s.Publish(bc.files, nil)
			}
		})
	}
}

// TestNextSnapshotLayers publishes a long run of edits (changes, additions,
// removals, a file removed and added again) to a site large enough that
// the snapshots share a base and fold their changes into a new one, and
// checks every snapshot against the files published.
func TestNextSnapshotLayers(t *testing.T) {
	files := map[string][]byte{}
	for i := range 300 {
		files[fmt.Sprintf("p%03d/index.html", i)] = []byte(fmt.Sprintf("page %d", i))
	}
	snap, _ := nextSnapshot(&snapshot{}, files)
	folded := 0
	for step := range 200 {
		name := fmt.Sprintf("p%03d/index.html", (step*37)%300)
		switch step % 4 {
		case 0, 1:
			files[name] = []byte(fmt.Sprintf("page edited at %d", step))
		case 2:
			delete(files, name)
		case 3:
			files[fmt.Sprintf("new%03d.html", step)] = []byte("new")
			files[fmt.Sprintf("p%03d/index.html", ((step-1)*37)%300)] = []byte("back again")
		}
		prevBase := snap.base
		snap, _ = nextSnapshot(snap, files)
		if len(snap.over) == 0 && len(prevBase) > 0 {
			folded++
		}
		got := map[string]string{}
		snap.each(func(name string, e *entry) { got[name] = string(e.data) })
		if len(got) != len(files) || snap.count != len(files) {
			t.Fatalf("step %d: snapshot has %d files (count %d), want %d", step, len(got), snap.count, len(files))
		}
		for name, data := range files {
			if got[name] != string(data) || snap.file(name) == nil {
				t.Fatalf("step %d: %s is %q, want %q", step, name, got[name], data)
			}
		}
	}
	if folded == 0 {
		t.Errorf("no snapshot folded its changes into a new base")
	}
}
