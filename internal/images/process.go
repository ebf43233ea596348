package images

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"strings"

	xdraw "golang.org/x/image/draw"
)

// decode reads every pixel of an image Probe accepted.
func decode(data []byte, in Info) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s does not decode (%v): the file is damaged or truncated; export it again", strings.ToUpper(string(in.Format)), err)
	}
	return img, nil
}

// rgba converts a decoded image to RGBA once, so that each resize reads
// plain pixels instead of converting YCbCr at every filter tap.
func rgba(src image.Image) *image.RGBA {
	if r, ok := src.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
	return dst
}

// resize scales src, as stored, to sw x sh with Catmull-Rom.
func resize(src *image.RGBA, sw, sh int) *image.RGBA {
	if src.Rect.Dx() == sw && src.Rect.Dy() == sh {
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Rect, xdraw.Src, nil)
	return dst
}

// storedSize is the stored size of a variant shown at w x h.
func storedSize(in Info, w, h int) (int, int) {
	if in.Orientation >= 5 {
		return h, w
	}
	return w, h
}

// orient applies an EXIF orientation (1 to 8): the pixels are moved so that
// the image shows as intended with no tag.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := range w {
			dx, dy := orientedPoint(o, x, y, w, h)
			i := dy*dst.Stride + 4*dx
			copy(dst.Pix[i:i+4], row[4*x:4*x+4])
		}
	}
	return dst
}

// orientedPoint is where the stored pixel (x, y) of a w x h image goes.
func orientedPoint(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // mirrored
		return w - 1 - x, y
	case 3: // turned half
		return w - 1 - x, h - 1 - y
	case 4: // mirrored upside down
		return x, h - 1 - y
	case 5: // mirrored along the main diagonal
		return y, x
	case 6: // needs a quarter turn clockwise
		return h - 1 - y, x
	case 7: // mirrored along the other diagonal
		return h - 1 - y, w - 1 - x
	case 8: // needs a quarter turn anticlockwise
		return y, w - 1 - x
	}
	return x, y
}

// encode writes a variant: JPEG at quality, or PNG for images that may be
// transparent. Go's encoders write no metadata at all: no EXIF, XMP, IPTC
// or GPS, no ICC profile, no text chunks.
func encode(img *image.RGBA, alpha bool, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if alpha {
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, img); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
