package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	_ "image/jpeg" // registered for DecodeConfig
	_ "image/png"
	"path"
	"strings"

	"github.com/bep/imagemeta"
	_ "golang.org/x/image/webp" // registered for DecodeConfig
)

// Format names an image's encoding as its bytes tell it, whatever its
// file is called.
type Format string

// The formats folio reads. SVG is passed through unchanged.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	SVG  Format = "svg"
)

// extensions are the file name endings each format may carry.
var extensions = map[Format][]string{
	JPEG: {".jpg", ".jpeg"}, PNG: {".png"}, GIF: {".gif"}, WebP: {".webp"}, SVG: {".svg"},
}

// Info is what an image's header says, read without decoding its pixels.
type Info struct {
	Format Format
	// Width and Height are as the image is shown: an EXIF orientation that
	// turns it a quarter is already applied.
	Width, Height int
	// Orientation is the EXIF orientation, 1 (as stored) to 8.
	Orientation int
	// Animated is a GIF of more than one frame.
	Animated bool
	// Alpha is set when the image may hold transparency, or is a paletted
	// graphic (a diagram, a logo): its variants are PNG rather than JPEG.
	Alpha bool
	// Sum is the SHA-256 of the file, the part of every variant's key that
	// stands for the source.
	Sum [32]byte
}

// PassThrough reports whether the image is published as it is: SVG scales
// by itself, and resizing an animated GIF would keep only its first frame.
func (in Info) PassThrough() bool { return in.Format == SVG || in.Animated }

// ErrTooLarge is wrapped by Probe's error for an image over the pixel limit.
var ErrTooLarge = errors.New("is too large")

// Probe identifies the image in data (named name, for messages and for the
// extension check) from its bytes and header alone: its format, displayed
// size, orientation and whether it may be transparent. It refuses what
// cannot be processed before any pixel is decoded: an unknown format, a
// file whose extension names another format, a header that does not parse,
// and an image of more than maxPixels pixels (a decompression bomb: a
// 30,000 x 30,000 PNG of a few kilobytes would take 3.6 GB to decode).
func Probe(name string, data []byte, maxPixels int64) (Info, error) {
	info := Info{Sum: sha256.Sum256(data), Orientation: 1}
	f, err := sniff(name, data)
	if err != nil {
		return info, err
	}
	info.Format = f
	if err := checkExtension(name, f); err != nil {
		return info, err
	}
	if f == SVG {
		return info, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return info, fmt.Errorf("%s header does not parse (%v): the file is damaged or not what it claims; export it again", strings.ToUpper(string(f)), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return info, fmt.Errorf("%s header gives an empty image (%d x %d)", strings.ToUpper(string(f)), cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return info, fmt.Errorf("%w: %d x %d is %.0f megapixels, over the limit of %.0f (images: max_megapixels in folio.yaml); scale it down before adding it",
			ErrTooLarge, cfg.Width, cfg.Height, float64(px)/1e6, float64(maxPixels)/1e6)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	info.Alpha = mayBeTransparent(f, cfg.ColorModel)
	if f == GIF {
		// Only the frame count is wanted, but the pixels are within the
		// limit just checked.
		g, err := gif.DecodeAll(bytes.NewReader(data))
		if err != nil {
			return info, fmt.Errorf("GIF does not decode (%v): the file is damaged or truncated; export it again", err)
		}
		info.Animated = len(g.Image) > 1
		return info, nil
	}
	info.Orientation = orientation(f, data)
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// sniff tells the format from the first bytes.
func sniff(name string, data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "", fmt.Errorf("is HEIC/AVIF data, which folio does not read; export it as JPEG (or PNG)")
	case isSVG(data):
		return SVG, nil
	case len(data) == 0:
		return "", fmt.Errorf("is an empty file")
	}
	ext := strings.ToLower(path.Ext(name))
	return "", fmt.Errorf("is not JPEG, PNG, GIF, WebP or SVG data (the first bytes are % x); if it is a %s image, it is damaged or in a format folio does not read: export it as JPEG or PNG",
		data[:min(len(data), 8)], strings.TrimPrefix(ext, "."))
}

// isSVG looks for an <svg element near the start of text data.
func isSVG(data []byte) bool {
	head := data[:min(len(data), 4096)]
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	return bytes.HasPrefix(trimmed, []byte("<")) && bytes.Contains(head, []byte("<svg"))
}

// checkExtension refuses a file whose name promises another format: browsers
// and EPUB readers go by the type the server or package declares, which
// folio derives from the name.
func checkExtension(name string, f Format) error {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range extensions[f] {
		if e == ext {
			return nil
		}
	}
	return fmt.Errorf("is %s data but its name ends in %q; rename it to end in %s", strings.ToUpper(string(f)), ext, extensions[f][0])
}

// mayBeTransparent reports whether the header's colour model can carry
// transparency or is a palette (a graphic that JPEG would blur).
func mayBeTransparent(f Format, m color.Model) bool {
	if _, ok := m.(color.Palette); ok {
		return true
	}
	switch f {
	case PNG:
		// Go's PNG decoder reports opaque truecolour and grey as RGBA,
		// RGBA64, Gray and Gray16; alpha channels and tRNS as NRGBA.
		return m == color.NRGBAModel || m == color.NRGBA64Model
	case WebP:
		return m == color.NYCbCrAModel
	}
	return false
}

// orientation reads the EXIF orientation tag; a missing or unreadable one
// is 1 (as stored), which is what browsers do with it too.
func orientation(f Format, data []byte) int {
	var format imagemeta.ImageFormat
	switch f {
	case JPEG:
		format = imagemeta.JPEG
	case PNG:
		format = imagemeta.PNG
	case WebP:
		format = imagemeta.WebP
	default:
		return 1
	}
	o := 1
	_, err := imagemeta.Decode(imagemeta.Options{
		R: bytes.NewReader(data), ImageFormat: format, Sources: imagemeta.EXIF,
		ShouldHandleTag: func(t imagemeta.TagInfo) bool { return t.Tag == "Orientation" },
		HandleTag: func(t imagemeta.TagInfo) error {
			if v, ok := toInt(t.Value); ok && v >= 1 && v <= 8 {
				o = v
			}
			return imagemeta.ErrStopWalking
		},
		LimitNumTags: 1000, LimitTagSize: 1 << 16,
	})
	_ = err // a damaged EXIF block leaves the orientation read so far
	return o
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case uint16:
		return int(n), true
	case uint32:
		return int(n), true
	case int:
		return n, true
	case int64:
		return int(n), true
	case uint8:
		return int(n), true
	}
	return 0, false
}

// Metadata lists the metadata an encoded JPEG or PNG carries: JPEG
// application and comment segments (EXIF, XMP, IPTC and ICC live there)
// and PNG chunks other than the image's own (eXIf, tEXt, iTXt, zTXt, iCCP,
// tIME, ...). Variants list none; tests and checks of output use it.
func Metadata(data []byte) []string {
	var found []string
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8")):
		for i := 2; i+4 <= len(data) && data[i] == 0xff; {
			marker := data[i+1]
			if marker == 0xda { // start of scan: entropy-coded data follows
				break
			}
			if marker >= 0xe0 && marker <= 0xef {
				found = append(found, fmt.Sprintf("APP%d segment", marker-0xe0))
			} else if marker == 0xfe {
				found = append(found, "comment segment")
			}
			i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		}
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		for i := 8; i+8 <= len(data); {
			n := int(binary.BigEndian.Uint32(data[i:]))
			switch typ := string(data[i+4 : i+8]); typ {
			case "IHDR", "PLTE", "tRNS", "IDAT", "IEND":
			default:
				found = append(found, typ+" chunk")
			}
			i += 12 + n
		}
	}
	return found
}
