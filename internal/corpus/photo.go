package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// PhotoSpec describes a generated photograph: a landscape (sky, sun, hills,
// grain) that compresses like a camera's JPEG rather than like flat art,
// so that image processing is measured at the cost of real photos.
type PhotoSpec struct {
	// Width and Height are the stored pixels.
	Width, Height int
	// Orientation, 1 to 8, is written as the EXIF orientation, as cameras
	// and phones do instead of turning the pixels; 0 writes none.
	Orientation int
	// GPS writes the position where a phone took it (as EXIF GPS tags).
	GPS bool
	// Quality is the JPEG quality (default 90, as cameras save).
	Quality int
	// Grain is the sensor noise, in levels either side (default 12): it is
	// what makes a photo's JPEG large.
	Grain int
	// Mark puts a red square in the displayed top left corner, for tests
	// of orientation.
	Mark bool
	Seed uint64
}

// Photo draws and encodes a photograph as PhotoSpec says. With an
// Orientation the stored picture is turned so that it shows upright once a
// viewer applies the tag.
func Photo(s PhotoSpec) ([]byte, error) {
	if s.Width <= 0 || s.Height <= 0 {
		return nil, errors.New("corpus: photo without a size")
	}
	if s.Quality == 0 {
		s.Quality = 90
	}
	if s.Grain == 0 {
		s.Grain = 12
	}
	img := landscape(s)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: s.Quality}); err != nil {
		return nil, err
	}
	if s.Orientation == 0 && !s.GPS {
		return buf.Bytes(), nil
	}
	return WithEXIF(buf.Bytes(), s.Orientation, s.GPS), nil
}

// landscape draws the picture in stored pixels.
func landscape(s PhotoSpec) *image.RGBA {
	r := rand.New(rand.NewPCG(s.Seed, 0x9e3779b97f4a7c15))
	img := image.NewRGBA(image.Rect(0, 0, s.Width, s.Height))
	// Draw upright at the displayed size, then store through the inverse
	// of the orientation.
	dw, dh := s.Width, s.Height
	if s.Orientation >= 5 {
		dw, dh = dh, dw
	}
	sunX, sunY, sunR := (0.2+0.6*r.Float64())*float64(dw), (0.15+0.2*r.Float64())*float64(dh), 0.06*float64(dw)
	phase := [3]float64{r.Float64() * 6, r.Float64() * 6, r.Float64() * 6}
	sky := [2]color.RGBA{{0x6a + uint8(r.IntN(40)), 0x9c, 0xd8, 0xff}, {0xf2, 0xc6 + uint8(r.IntN(30)), 0x9a, 0xff}}
	grain := rand.New(rand.NewPCG(s.Seed, 7))
	// The hills' ridge heights, per column, as pixel rows.
	ridges := make([][3]int, dw)
	for x := range dw {
		fx := float64(x) / float64(dw)
		for i := range 3 {
			ridge := 0.45 + 0.15*float64(i) + 0.06*math.Sin(fx*(5+3*float64(i))+phase[i]) + 0.02*math.Sin(fx*(31+7*float64(i))+phase[i])
			ridges[x][i] = int(ridge * float64(dh))
		}
	}
	tex := newTexture(r)
	for y := range dh {
		base := blend(sky[0], sky[1], float64(y)/float64(dh))
		for x := range dw {
			c := base
			// Detail that survives downscaling, as leaves and clouds do:
			// strong on the hills, faint in the sky.
			amp := 6.0
			if dx, dy := float64(x)-sunX, float64(y)-sunY; dx*dx+dy*dy < sunR*sunR {
				c = color.RGBA{0xff, 0xf0, 0xc8, 0xff}
			}
			for i := range 3 {
				if y > ridges[x][i] {
					g := uint8(0x50 - 0x14*i)
					c, amp = color.RGBA{g / 2, g + 0x20, g / 3, 0xff}, 28
				}
			}
			t := int(amp * tex.at(x, y))
			if s.Mark && x < dw/10 && y < dh/10 {
				c = color.RGBA{0xe0, 0x10, 0x10, 0xff}
			}
			n := int(grain.Uint32()%uint32(2*s.Grain+1)) - s.Grain
			sx, sy := storedPoint(s.Orientation, x, y, s.Width, s.Height)
			i := img.PixOffset(sx, sy)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = clamp(int(c.R)+n+t), clamp(int(c.G)+n+t), clamp(int(c.B)+n+t/2), 0xff
		}
	}
	return img
}

// storedPoint is where the displayed pixel (x, y) is stored in a w x h
// image whose EXIF orientation is o: the inverse of what a viewer does.
func storedPoint(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	case 8:
		return w - 1 - y, x
	}
	return x, y
}

// texture is value noise: random values on a grid, interpolated, summed
// over three scales (3, 13 and 47 px).
type texture struct{ v [256][256]float64 }

func newTexture(r *rand.Rand) *texture {
	t := &texture{}
	for y := range 256 {
		for x := range 256 {
			t.v[y][x] = 2*r.Float64() - 1
		}
	}
	return t
}

// at is the texture at a pixel, about -1 to 1.
func (t *texture) at(x, y int) float64 {
	return 0.45*t.sample(float64(x)/3, float64(y)/3) + 0.35*t.sample(float64(x)/13+91, float64(y)/13+17) + 0.2*t.sample(float64(x)/47+33, float64(y)/47+71)
}

func (t *texture) sample(fx, fy float64) float64 {
	x0, y0 := int(fx), int(fy)
	ax, ay := fx-float64(x0), fy-float64(y0)
	x1, y1 := (x0+1)&255, (y0+1)&255
	x0, y0 = x0&255, y0&255
	top := t.v[y0][x0] + (t.v[y0][x1]-t.v[y0][x0])*ax
	bottom := t.v[y1][x0] + (t.v[y1][x1]-t.v[y1][x0])*ax
	return top + (bottom-top)*ay
}

func clamp(v int) uint8 { return uint8(max(0, min(255, v))) }

// WithEXIF inserts an EXIF block after a JPEG's start marker: a camera
// make, the orientation (when not 0) and, with gps, a GPS position.
func WithEXIF(jpg []byte, orientation int, gps bool) []byte {
	tiff := exifTIFF(orientation, gps)
	seg := make([]byte, 0, len(tiff)+10)
	seg = append(seg, 0xff, 0xe1)
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+6+len(tiff)))
	seg = append(seg, "Exif\x00\x00"...)
	seg = append(seg, tiff...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// ifdEntry is one tag of a TIFF directory: its value inline when it fits
// in four bytes, else in data, placed after the directory.
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	inline   [4]byte
	data     []byte
}

// exifTIFF writes the big-endian TIFF structure of the EXIF block.
func exifTIFF(orientation int, gps bool) []byte {
	var ifd0 []ifdEntry
	ifd0 = append(ifd0, ifdEntry{tag: 0x010f, typ: 2, count: 9, data: []byte("FolioCam\x00")})
	if orientation != 0 {
		e := ifdEntry{tag: 0x0112, typ: 3, count: 1}
		binary.BigEndian.PutUint16(e.inline[:], uint16(orientation))
		ifd0 = append(ifd0, e)
	}
	var gpsIFD []ifdEntry
	if gps {
		ifd0 = append(ifd0, ifdEntry{tag: 0x8825, typ: 4, count: 1}) // offset filled below
		rational := func(vals ...uint32) []byte {
			var b []byte
			for _, v := range vals {
				b = binary.BigEndian.AppendUint32(b, v)
			}
			return b
		}
		gpsIFD = []ifdEntry{
			{tag: 0x0000, typ: 1, count: 4, inline: [4]byte{2, 3, 0, 0}},
			{tag: 0x0001, typ: 2, count: 2, inline: [4]byte{'N', 0}},
			{tag: 0x0002, typ: 5, count: 3, data: rational(52, 1, 22, 1, 1234, 100)},
			{tag: 0x0003, typ: 2, count: 2, inline: [4]byte{'E', 0}},
			{tag: 0x0004, typ: 5, count: 3, data: rational(4, 1, 53, 1, 4321, 100)},
		}
	}
	size := func(es []ifdEntry) int {
		n := 2 + 12*len(es) + 4
		for _, e := range es {
			n += len(e.data)
		}
		return n
	}
	gpsAt := 8 + size(ifd0)
	if gps {
		binary.BigEndian.PutUint32(ifd0[len(ifd0)-1].inline[:], uint32(gpsAt))
	}
	out := []byte("MM\x00\x2a\x00\x00\x00\x08")
	out = appendIFD(out, ifd0, 8)
	if gps {
		out = appendIFD(out, gpsIFD, gpsAt)
	}
	return out
}

// appendIFD writes a directory that starts at offset at, then its data.
func appendIFD(out []byte, es []ifdEntry, at int) []byte {
	dataAt := at + 2 + 12*len(es) + 4
	out = binary.BigEndian.AppendUint16(out, uint16(len(es)))
	var data []byte
	for _, e := range es {
		out = binary.BigEndian.AppendUint16(out, e.tag)
		out = binary.BigEndian.AppendUint16(out, e.typ)
		out = binary.BigEndian.AppendUint32(out, e.count)
		if e.data != nil {
			out = binary.BigEndian.AppendUint32(out, uint32(dataAt+len(data)))
			data = append(data, e.data...)
		} else {
			out = append(out, e.inline[:]...)
		}
	}
	out = binary.BigEndian.AppendUint32(out, 0)
	return append(out, data...)
}
