package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bep/imagemeta"

	"folio/internal/corpus"
)

const testMaxPixels = 64_000_000

func photo(t *testing.T, w, h, orientation int, gps bool) []byte {
	t.Helper()
	data, err := corpus.Photo(corpus.PhotoSpec{Width: w, Height: h, Orientation: orientation, GPS: gps, Mark: true, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func transparentPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), 0x80, uint8(x * 255 / 299)})
		}
	}
	return pngOf(t, img)
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestVariants checks every variant of every kind of source: its size
// (golden: the widths asked for, never upscaled, the height by the
// displayed aspect), its format, and that it carries no metadata.
func TestVariants(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		widths []int
		want   [][2]int // width, height of each variant
		png    bool
	}{
		{"phone.jpg", photo(t, 1200, 900, 1, true), []int{480, 800, 1200, 1600}, [][2]int{{480, 360}, {800, 600}, {1200, 900}}, false},
		{"turned.jpg", photo(t, 1200, 900, 6, true), []int{480, 800, 1200, 1600}, [][2]int{{480, 640}, {800, 1067}, {900, 1200}}, false},
		{"small.jpg", photo(t, 300, 200, 0, false), []int{480, 800}, [][2]int{{300, 200}}, false},
		{"clear.png", transparentPNG(t), []int{160, 320}, [][2]int{{160, 107}, {300, 200}}, true},
		{"lossy.webp", readFixture(t, "blue-purple-pink.lossy.webp"), []int{100, 200}, nil, false},
		{"alpha.webp", readFixture(t, "gopher-doc.with-alpha.lossless.webp"), []int{100}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Probe(tt.name, tt.data, testMaxPixels)
			if err != nil {
				t.Fatal(err)
			}
			if in.Alpha != tt.png {
				t.Errorf("Alpha = %v, want %v", in.Alpha, tt.png)
			}
			p := New(Options{Quality: 80})
			var vs []Variant
			for _, w := range Widths(in, tt.widths) {
				vs = append(vs, p.Variant("img/"+tt.name, tt.data, in, w))
			}
			if tt.want != nil && len(vs) != len(tt.want) {
				t.Fatalf("%d variants, want %d", len(vs), len(tt.want))
			}
			p.Process()
			for i, v := range vs {
				data, err := p.Bytes(v)
				if err != nil {
					t.Fatal(err)
				}
				cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", v.Path, err)
				}
				if cfg.Width != v.Width || cfg.Height != v.Height {
					t.Errorf("%s is %d x %d, Variant says %d x %d", v.Path, cfg.Width, cfg.Height, v.Width, v.Height)
				}
				if tt.want != nil && (v.Width != tt.want[i][0] || v.Height != tt.want[i][1]) {
					t.Errorf("variant %d is %d x %d, want %v", i, v.Width, v.Height, tt.want[i])
				}
				if wantFormat := map[bool]string{false: "jpeg", true: "png"}[tt.png]; format != wantFormat {
					t.Errorf("%s is %s, want %s", v.Path, format, wantFormat)
				}
				checkNoMetadata(t, v.Path, data, format)
			}
		})
	}
}

// checkNoMetadata fails when an image carries EXIF, XMP or IPTC (as
// imagemeta reads them), or any JPEG application segment or PNG ancillary
// chunk at all.
func checkNoMetadata(t *testing.T, name string, data []byte, format string) {
	t.Helper()
	imf := map[string]imagemeta.ImageFormat{"jpeg": imagemeta.JPEG, "png": imagemeta.PNG}[format]
	var tags []string
	_, err := imagemeta.Decode(imagemeta.Options{R: bytes.NewReader(data), ImageFormat: imf,
		Sources: imagemeta.EXIF | imagemeta.XMP | imagemeta.IPTC,
		HandleTag: func(ti imagemeta.TagInfo) error {
			tags = append(tags, ti.Tag)
			return nil
		}})
	if err != nil {
		t.Errorf("%s: read metadata: %v", name, err)
	}
	if len(tags) > 0 {
		t.Errorf("%s carries metadata: %v", name, tags)
	}
	if found := Metadata(data); len(found) > 0 {
		t.Errorf("%s carries metadata: %v", name, found)
	}
}

// TestOrientation makes a photo stored in each of the eight EXIF
// orientations and checks that every variant shows it upright: the red
// mark in the top left corner, displayed width and height.
func TestOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		w, h := 400, 300
		if o >= 5 {
			w, h = h, w // stored turned; displayed 400 x 300
		}
		data := photo(t, w, h, o, false)
		in, err := Probe("o.jpg", data, testMaxPixels)
		if err != nil {
			t.Fatal(err)
		}
		if in.Orientation != o || in.Width != 400 || in.Height != 300 {
			t.Fatalf("orientation %d: probed %d, %d x %d; want %d, 400 x 300", o, in.Orientation, in.Width, in.Height, o)
		}
		p := New(Options{Quality: 90})
		v := p.Variant("o.jpg", data, in, 200)
		out, err := p.Bytes(v)
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 150 {
			t.Errorf("orientation %d: variant is %v, want 200 x 150", o, b)
		}
		for _, pt := range []image.Point{{5, 5}, {194, 5}, {5, 144}, {194, 144}} {
			r, g, _, _ := img.At(pt.X, pt.Y).RGBA()
			red := r>>8 > 0xb0 && g>>8 < 0x60
			if want := pt == (image.Point{5, 5}); red != want {
				t.Errorf("orientation %d: pixel %v red = %v, want %v", o, pt, red, want)
			}
		}
	}
}

// pngHeader is a PNG signature and header chunk of any size, with no pixel
// data: what a decompression bomb shows before it is decoded.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))
	body := append([]byte("IHDR"), ihdr...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk...)
}

func TestBadInput(t *testing.T) {
	jpg := photo(t, 200, 150, 0, false)
	tests := []struct {
		name string
		data []byte
		want string // in Probe's error
	}{
		{"bomb.png", pngHeader(30000, 30000), "900 megapixels, over the limit of 64"},
		{"lies.png", jpg, `is JPEG data but its name ends in ".png"; rename it to end in .jpg`},
		{"photo.bmp", append([]byte("BM"), make([]byte, 60)...), "is not JPEG, PNG, GIF, WebP or SVG data"},
		{"phone.heic", append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 20)...), "HEIC/AVIF"},
		{"empty.jpg", nil, "is an empty file"},
		{"header.jpg", jpg[:20], "JPEG header does not parse"},
	}
	for _, tt := range tests {
		_, err := Probe(tt.name, tt.data, testMaxPixels)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Probe error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	if _, err := Probe("bomb.png", pngHeader(30000, 30000), testMaxPixels); !errors.Is(err, ErrTooLarge) {
		t.Errorf("bomb: %v is not ErrTooLarge", err)
	}
	// A truncated file passes Probe (its header is whole) and fails to decode.
	cut := jpg[:len(jpg)/2]
	in, err := Probe("cut.jpg", cut, testMaxPixels)
	if err != nil {
		t.Fatal(err)
	}
	p := New(Options{})
	if _, err := p.Bytes(p.Variant("cut.jpg", cut, in, 100)); err == nil || !strings.Contains(err.Error(), "damaged or truncated") {
		t.Errorf("truncated JPEG: %v", err)
	}
}

// TestMetadataFound checks that the check finds what cameras write.
func TestMetadataFound(t *testing.T) {
	if found := Metadata(photo(t, 64, 48, 6, true)); len(found) != 1 || found[0] != "APP1 segment" {
		t.Errorf("a camera JPEG's metadata: %v, want its APP1 (EXIF) segment", found)
	}
}

func TestPassThrough(t *testing.T) {
	var anim gif.GIF
	for i := range 2 {
		frame := image.NewPaletted(image.Rect(0, 0, 10, 10), color.Palette{color.Black, color.White})
		frame.SetColorIndex(i, i, 1)
		anim.Image = append(anim.Image, frame)
		anim.Delay = append(anim.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &anim); err != nil {
		t.Fatal(err)
	}
	in, err := Probe("a.gif", buf.Bytes(), testMaxPixels)
	if err != nil || !in.Animated || !in.PassThrough() {
		t.Errorf("animated GIF: %+v, %v; want it passed through", in, err)
	}
	buf.Reset()
	if err := gif.Encode(&buf, anim.Image[0], nil); err != nil {
		t.Fatal(err)
	}
	if in, err := Probe("still.gif", buf.Bytes(), testMaxPixels); err != nil || in.PassThrough() || !in.Alpha {
		t.Errorf("still GIF: %+v, %v; want it processed, as PNG", in, err)
	}
	svg := []byte(`<?xml version="1.0"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)
	if in, err := Probe("logo.svg", svg, testMaxPixels); err != nil || !in.PassThrough() {
		t.Errorf("SVG: %+v, %v; want it passed through", in, err)
	}
}

// TestCache checks that a second processor over the same cache decodes and
// encodes nothing, that a changed source is made again, and that Prune
// removes what the last run did not ask for.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	a, b := photo(t, 800, 600, 6, true), photo(t, 640, 480, 0, false)
	run := func(srcs ...[]byte) *Processor {
		p := New(Options{Quality: 80, Cache: OpenCache(dir)})
		for _, data := range srcs {
			in, err := Probe("x.jpg", data, testMaxPixels)
			if err != nil {
				t.Fatal(err)
			}
			var vs []Variant
			for _, w := range Widths(in, []int{160, 320, 640}) {
				vs = append(vs, p.Variant("x.jpg", data, in, w))
			}
			for _, v := range vs {
				if _, err := p.Bytes(v); err != nil {
					t.Fatal(err)
				}
			}
		}
		return p
	}
	if p := run(a, b); p.Decoded.Load() != 2 || p.Encoded.Load() != 6 {
		t.Fatalf("first run: %d decoded, %d encoded; want 2, 6", p.Decoded.Load(), p.Encoded.Load())
	}
	p := run(a, b)
	if p.Decoded.Load() != 0 || p.Encoded.Load() != 0 {
		t.Fatalf("second run: %d decoded, %d encoded; want nothing", p.Decoded.Load(), p.Encoded.Load())
	}
	if n, err := p.opts.Cache.Prune(); err != nil || n != 0 {
		t.Fatalf("Prune after using everything removed %d (%v)", n, err)
	}
	changed := photo(t, 800, 600, 1, false)
	p = run(changed)
	if p.Decoded.Load() != 1 || p.Encoded.Load() != 3 {
		t.Fatalf("changed source: %d decoded, %d encoded; want 1, 3", p.Decoded.Load(), p.Encoded.Load())
	}
	if n, err := p.opts.Cache.Prune(); err != nil || n != 6 {
		t.Fatalf("Prune removed %d (%v), want the 6 variants of the old sources", n, err)
	}
	if p := run(changed); p.Encoded.Load() != 0 {
		t.Fatalf("after pruning, the kept source was made again")
	}
}
