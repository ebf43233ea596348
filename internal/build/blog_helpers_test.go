package build_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"folio/internal/build"
	"folio/internal/output"
)

// updateFlag is -update, which rewrites golden files from the current
// output. Another test file of package build may register the flag first
// (its variables are initialised before this package's), so it is looked up
// before it is defined.
var updateFlag = func() *flag.Flag {
	if f := flag.Lookup("update"); f != nil {
		return f
	}
	flag.Bool("update", false, "rewrite golden files in testdata/ from the current output")
	return flag.Lookup("update")
}()

func updating() bool { return updateFlag.Value.String() == "true" }

// blogNow is the present of the blog fixture builds: after every post of
// testdata/blog/site but content/blog/later.md, which stays scheduled.
var blogNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const blogSite = "testdata/blog/site"

// buildInMemory runs a whole build of fsys, unminified, and returns the
// files it wrote by slash path.
func buildInMemory(t *testing.T, fsys fs.FS, opts build.Options) (map[string][]byte, *build.Result, error) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = blogNow
	}
	opts.NoMinify = true
	cfg, err := build.Configure(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	w, mem := output.NewMemory(nil, output.Options{Minify: cfg.Minify})
	res, err := build.Run(fsys, cfg, opts, w)
	if err != nil {
		return nil, nil, err
	}
	return mem.Files(), res, nil
}

// mustBuild builds and fails the test on any error.
func mustBuild(t *testing.T, fsys fs.FS, opts build.Options) (map[string][]byte, *build.Result) {
	t.Helper()
	files, res, err := buildInMemory(t, fsys, opts)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return files, res
}

// siteFS reads a fixture folder into a MapFS, keeping modification times,
// so that a test can change one file without touching testdata.
func siteFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644, ModTime: info.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// page parses a written HTML file.
func page(t *testing.T, files map[string][]byte, rel string) *html.Node {
	t.Helper()
	data, ok := files[rel]
	if !ok {
		t.Fatalf("%s was not written", rel)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

// findAll returns the elements under n for which match holds, in document
// order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// byTagClass matches elements by tag name and, when class is not empty,
// class.
func byTagClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Data == tag && (class == "" || hasClass(n, class))
	}
}

// text is the text content of n with runs of white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// meta returns the content of every <meta> with the given property or name.
func meta(doc *html.Node, key string) []string {
	var out []string
	for _, m := range findAll(doc, byTagClass("meta", "")) {
		if attr(m, "property") == key || attr(m, "name") == key {
			out = append(out, attr(m, "content"))
		}
	}
	return out
}
