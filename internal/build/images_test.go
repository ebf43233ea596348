package build

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/internal/buildtest"
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/resolve"
)

// variantName matches the file names of image variants.
var variantName = regexp.MustCompile(`-(\d+)w-[0-9a-f]{12}\.(jpg|png)$`)

// TestSampleImages builds the sample site, whose photos are 4000 x 3000
// camera JPEGs (two with a GPS position, two stored turned), and checks
// every derived image: it decodes, it is the size its name and the pages
// say, it carries no metadata, and no original of a processed photo is
// published.
func TestSampleImages(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "../..", Output: out}); err != nil {
		t.Fatal(err)
	}
	variants := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".epub") {
			return nil
		}
		if bytes.Contains(data, []byte("FolioCam")) {
			t.Errorf("%s carries the camera's EXIF", rel)
		}
		m := variantName.FindStringSubmatch(p)
		if m == nil {
			if resolve.IsRaster(p) && !strings.HasPrefix(filepath.ToSlash(rel), "images/") {
				t.Errorf("%s: an original image is published", rel)
			}
			return nil
		}
		variants++
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if want := m[1]; want != strconv.Itoa(cfg.Width) {
			t.Errorf("%s is %d px wide", rel, cfg.Width)
		}
		if found := images.Metadata(data); len(found) > 0 {
			t.Errorf("%s carries metadata: %v", rel, found)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if variants < 20 {
		t.Errorf("only %d variants", variants)
	}
	post := readOut(t, out, "blog/candor/index.html")
	// candor.jpg is stored 3000 x 4000 with orientation 6: shown 4000 x 3000.
	for _, want := range []string{`candor-480w-`, `candor-2400w-`, `width="1200" height="900"`, `sizes="(max-width: 40.5rem) calc(100vw - 2.5rem), 38rem"`} {
		if !strings.Contains(post, want) {
			t.Errorf("blog/candor/index.html lacks %s", want)
		}
	}
	if strings.Contains(post, "candor-3000w") || strings.Contains(post, `"/blog/img/candor.jpg"`) {
		t.Errorf("blog/candor/index.html points at a turned or original photo")
	}
	home := readOut(t, out, "index.html")
	if !strings.Contains(home, `candor-160w-`) || strings.Contains(home, `candor-480w-`) {
		t.Errorf("the home page's thumbnails are not the small variants")
	}
	if print := readOut(t, out, "book/print/index.html"); !strings.Contains(print, "listening-2400w-") || strings.Contains(print, "srcset") {
		t.Errorf("the print edition does not show the print variant alone")
	}
}

func readOut(t *testing.T, out, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestImageCache builds a site three times: the second build decodes and
// makes nothing, a changed photo is made again, and the cache then holds
// the new photo's variants only.
func TestImageCache(t *testing.T) {
	dir := buildtest.PhotoSite(t, buildtest.CameraPhoto(t, 1), nil)
	out := filepath.Join(t.TempDir(), "public")
	build := func() *Result {
		t.Helper()
		res, err := Build(Options{Source: dir, Output: out})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := build()
	if first.Decoded != 1 || first.Variants == 0 {
		t.Fatalf("first build: %d decoded, %d variants made", first.Decoded, first.Variants)
	}
	if again := build(); again.Decoded != 0 || again.Variants != 0 {
		t.Fatalf("second build: %d decoded, %d variants made; want nothing", again.Decoded, again.Variants)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/blog/img/photo.jpg"), buildtest.CameraPhoto(t, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	if changed := build(); changed.Decoded != 1 || changed.Variants != first.Variants {
		t.Fatalf("changed photo: %d decoded, %d variants made; want 1, %d", changed.Decoded, changed.Variants, first.Variants)
	}
	cached := 0
	_ = filepath.WalkDir(filepath.Join(dir, ".folio/cache/images"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			cached++
		}
		return err
	})
	if cached != int(first.Variants) {
		t.Errorf("the cache holds %d files after pruning, want the %d variants in use", cached, first.Variants)
	}
}

// TestImageErrors builds sites with broken images: each build fails with
// a message naming the image and the page using it, and leaves the
// published site as it was.
func TestImageErrors(t *testing.T) {
	jpg := buildtest.CameraPhoto(t, 3)
	bomb := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x02\x00\x00\x00")
	bomb = append(bomb, crcOf(bomb[12:29])...)
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"truncated", "cut.jpg", jpg[:len(jpg)/3], "image content/blog/img/cut.jpg: JPEG does not decode"},
		{"extension lies", "lies.png", jpg, `content/blog/img/lies.png is JPEG data but its name ends in ".png"`},
		{"bomb", "bomb.png", bomb, "image content/blog/img/bomb.png is too large: 30000 x 30000 is 900 megapixels"},
		{"unsupported", "scan.bmp", append([]byte("BM"), make([]byte, 80)...), "content/blog/img/scan.bmp is not JPEG, PNG, GIF, WebP or SVG data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := buildtest.PhotoSite(t, jpg, map[string]string{
				"content/blog/second.md": "---\ntitle: Second\ndate: 2024-01-03\n---\nSee:\n\n![broken](img/" + tt.file + ")\n",
			})
			out := filepath.Join(t.TempDir(), "public")
			buildtest.WriteFile(t, filepath.Join(out, "index.html"), "published before")
			if err := os.WriteFile(filepath.Join(dir, "content/blog/img", tt.file), tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Build(Options{Source: dir, Output: out})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			var hit *content.Error
			for _, e := range content.Flatten(err) {
				if e.File == "content/blog/second.md" && e.Line == 7 && strings.Contains(e.Message, tt.want) {
					hit = e
				}
			}
			if hit == nil {
				t.Errorf("no error on content/blog/second.md:7 saying %q in:\n%v", tt.want, err)
			}
			if got := readOut(t, out, "index.html"); got != "published before" {
				t.Errorf("the published site changed")
			}
		})
	}
}

func crcOf(b []byte) []byte {
	return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b))
}
