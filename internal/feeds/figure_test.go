package feeds

import (
	"html/template"
	"strings"
	"testing"

	"folio/internal/content"
)

// figureByTemplate is what feedPhoto writes of ph and by.
func figureByTemplate(t *testing.T, ph content.Photo, by template.HTML) string {
	var b strings.Builder
	err := feedPhoto.Execute(&b, struct {
		content.Photo
		By template.HTML
	}{ph, by})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// FuzzPlainFigure holds plainFigure to feedPhoto: what it writes is what
// the template writes, and it writes the common figures.
func FuzzPlainFigure(f *testing.F) {
	f.Add("https://example.org/img/a-120w.jpg", "A navy disc.", "Ada", "CC0 1.0", "<a href=\"/about/\">Ada</a>", 120, 80)
	f.Add("/img/a b.jpg", "it's", "", "", "", 0, 0)
	f.Add("javascript:x", "<b>", "x", "a&b", "", -1, 3)
	f.Add("HTTPS://X/Ü", "\x00", "c", "+", "", 1, 0)
	f.Fuzz(func(t *testing.T, url, alt, credit, license, by string, width, height int) {
		ph := content.Photo{URL: url, Alt: alt, Credit: credit, License: license, Width: width, Height: height}
		got, ok := plainFigure(ph, template.HTML(by))
		if want := figureByTemplate(t, ph, template.HTML(by)); ok && got != want {
			t.Errorf("plainFigure wrote\n%s\nfeedPhoto\n%s", got, want)
		}
	})
}

func TestPlainFigureWritesTheCommonFigures(t *testing.T) {
	ph := content.Photo{URL: "https://example.org/img/a-120w.jpg", Alt: "A navy disc.", Credit: "Ada", License: "CC0 1.0", Width: 120, Height: 80}
	if _, ok := plainFigure(ph, "Photo by Ada"); !ok {
		t.Error("a plain figure goes through the template")
	}
}
