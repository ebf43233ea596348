package highlight

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"folio/internal/highlight/themes"
)

var update = flag.Bool("update", false, "rewrite screen.css and paper.css from chroma's themes (go generate)")

// TestStylesheetsGenerated fails when the stylesheets folio embeds are not
// what package themes makes of chroma's themes now (after an upgrade of
// chroma, say); go generate ./internal/highlight rewrites them.
func TestStylesheetsGenerated(t *testing.T) {
	for _, f := range []struct {
		name     string
		embedded []byte
		made     []byte
	}{
		{"screen.css", ScreenCSS(), themes.Screen()},
		{"paper.css", PaperCSS(), themes.Paper()},
	} {
		if *update {
			if err := os.WriteFile(f.name, f.made, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(f.embedded, f.made) {
			t.Errorf("%s is not what chroma's themes give now; run go generate ./internal/highlight", f.name)
		}
	}
}
