package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/")

// TestGolden converts each testdata/golden/*.md and compares the HTML with
// the .html beside it (regenerate with -update and read the diff).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	c := New(Options{})
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := c.Convert(src, Env{FirstLine: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Problems {
				t.Errorf("line %d: %s", p.Line, p.Message)
			}
			golden := strings.TrimSuffix(f, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, doc.HTML, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(doc.HTML, want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, doc.HTML)
			}
		})
	}
}
