package resolve

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/siteurl"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.NRGBA{R: uint8(x), A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imagesSite is a post with a photo wide enough for two variants.
func imagesSite(t *testing.T, proc *images.Processor) (*Images, *content.Page) {
	t.Helper()
	fsys := fstest.MapFS{
		"content/blog/_index.md":     {Data: []byte("---\ntitle: Blog\n---\n")},
		"content/blog/post/index.md": {Data: []byte("---\ntitle: Post\ndate: 2026-01-02\n---\n")},
		"content/blog/post/wide.png": {Data: pngOf(t, 1600, 400)},
		"content/blog/post/logo.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)},
	}
	cfg := config.Default()
	site, err := content.Load(fsys, cfg, content.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := content.Link(site); err != nil {
		t.Fatal(err)
	}
	cfg.Images.Widths = []int{800, 1600}
	return NewImages(Links{Site: site, FS: fsys}, siteurl.New("https://example.org/sub/"), cfg, proc), site.PageByPath("blog/post/index.md")
}

func TestImagesWithoutProcessing(t *testing.T) {
	im, p := imagesSite(t, nil)
	img, err := im.Image(p, "wide.png", 3)
	if err != nil {
		t.Fatal(err)
	}
	if img.URL != "/sub/blog/post/wide.png" || img.Width != 1600 || img.Height != 400 || img.SrcSet != "" {
		t.Errorf("image %+v, want the original with its size", img)
	}
	if len(im.Outs) != 0 {
		t.Errorf("variants asked for without processing: %v", im.Outs)
	}
	if _, err := im.Image(p, "gone.png", 4); err == nil {
		t.Error("a missing image is no error")
	}
}

func TestImagesVariants(t *testing.T) {
	im, p := imagesSite(t, images.New(images.Options{Quality: 80}))
	img, err := im.Image(p, "wide.png", 3)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 800 || img.Height != 200 || img.SrcSet == "" {
		t.Errorf("image %+v, want the 800 px variant with a srcset", img)
	}
	if len(im.Outs) != 2 {
		t.Errorf("%d variants asked for, want 2: %v", len(im.Outs), im.Outs)
	}
	// An SVG passes through: its own file is published.
	if _, err := im.Image(p, "logo.svg", 5); err != nil {
		t.Fatal(err)
	}
	if !im.Originals["blog/post/logo.svg"] {
		t.Error("the SVG is not published as it is")
	}
	written := map[string]int{}
	var mu sync.Mutex // Write writes on several goroutines
	write := func(out, by string, data []byte) { mu.Lock(); written[out] = len(data); mu.Unlock() }
	copyFile := func(out, by, file string) error {
		data, err := os.ReadFile(file)
		write(out, by, data)
		return err
	}
	var problems []*content.Error
	im.Write(write, copyFile, func(e *content.Error) { problems = append(problems, e) })
	if len(problems) > 0 || len(written) != 2 {
		t.Errorf("wrote %v, problems %v; want the two variants", written, problems)
	}
	for out := range im.Outs {
		if written[out] == 0 {
			t.Errorf("variant %s not written", out)
		}
	}
}
