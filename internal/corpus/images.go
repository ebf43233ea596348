package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
)

// photoPlan describes one tiny abstract image: a two-colour gradient with a
// disc, small enough (a few KB) that thousands of pages can share them.
type photoPlan struct {
	file       string // name inside plan.imgDir
	png        bool
	from, to   color.RGBA
	disc       color.RGBA
	cx, cy, rr float64 // disc centre and radius as fractions of the width
	alt        string
	real       *PhotoSpec // a real-sized photograph instead of art
}

var colourNames = []struct {
	name string
	c    color.RGBA
}{
	{"brick red", color.RGBA{0xc4, 0x55, 0x3b, 0xff}},
	{"teal", color.RGBA{0x2f, 0x6f, 0x73, 0xff}},
	{"sand", color.RGBA{0xe8, 0xd5, 0xb5, 0xff}},
	{"navy", color.RGBA{0x1d, 0x27, 0x38, 0xff}},
	{"amber", color.RGBA{0xe0, 0xa0, 0x3f, 0xff}},
	{"sage", color.RGBA{0x9f, 0xbf, 0xae, 0xff}},
	{"plum", color.RGBA{0x5b, 0x4a, 0x8a, 0xff}},
	{"cream", color.RGBA{0xfa, 0xf1, 0xd6, 0xff}},
}

func (p *plan) planPhotos(r *rand.Rand) {
	for i := range p.counts.Photos {
		a, b, d := r.IntN(len(colourNames)), r.IntN(len(colourNames)), r.IntN(len(colourNames))
		ph := photoPlan{
			png:  i%2 == 0,
			from: colourNames[a].c, to: colourNames[b].c, disc: colourNames[d].c,
			cx: 0.2 + 0.6*r.Float64(), cy: 0.2 + 0.3*r.Float64(), rr: 0.08 + 0.15*r.Float64(),
		}
		ext := "jpg"
		if ph.png {
			ext = "png"
		}
		ph.file = fmt.Sprintf("photo-%02d.%s", i+1, ext)
		ph.alt = fmt.Sprintf("Abstract art: %s %s disc over a %s to %s gradient.",
			article(colourNames[d].name), colourNames[d].name, colourNames[a].name, colourNames[b].name)
		if p.realPhotos && !ph.png {
			// Every third is stored turned, as phones do; every other
			// carries the position it was taken at.
			spec := &PhotoSpec{Width: 4000, Height: 3000, GPS: i%4 == 1, Seed: r.Uint64()}
			if i%3 == 0 {
				spec.Width, spec.Height, spec.Orientation = 3000, 4000, 6
			}
			ph.real = spec
			ph.alt = "A generated photograph of hills under an evening sky."
		}
		p.photos = append(p.photos, ph)
	}
}

// encode draws the photo and returns its PNG or JPEG bytes.
func (ph photoPlan) encode() ([]byte, error) {
	if ph.real != nil {
		return Photo(*ph.real)
	}
	const w, h = 120, 80
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy, rr := ph.cx*w, ph.cy*w, ph.rr*w
	for y := range h {
		for x := range w {
			c := blend(ph.from, ph.to, float64(y)/float64(h-1))
			if d := math.Hypot(float64(x)-cx, float64(y)-cy); d < rr+1 {
				c = blend(c, ph.disc, math.Min(1, rr+1-d))
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	var err error
	if ph.png {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 70})
	}
	return buf.Bytes(), err
}

func blend(a, b color.RGBA, t float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
