package config

import (
	"fmt"
	"reflect"
	"sort"

	"gopkg.in/yaml.v3"
)

// Images are the settings of image processing (folio.yaml's images:).
type Images struct {
	// Process turns processing on (the default); false publishes every
	// image as it is, as folio did before it processed images.
	Process bool `yaml:"process"`
	// Widths are the widths of the variants of photos and of images in
	// Markdown; ThumbWidths those of list thumbnails.
	Widths      []int `yaml:"widths"`
	ThumbWidths []int `yaml:"thumb_widths"`
	// PrintWidth is the width of images in the print edition.
	PrintWidth int `yaml:"print_width"`
	// EPUBMax caps the long edge of an EPUB's images.
	EPUBMax int `yaml:"epub_max"`
	// Quality is the JPEG quality of variants.
	Quality int `yaml:"quality"`
	// Originals publishes the original files beside their variants.
	Originals bool `yaml:"originals"`
	// MaxMegapixels refuses larger images before decoding them.
	MaxMegapixels int `yaml:"max_megapixels"`
	// Sizes is the sizes attribute of images in Markdown and of page
	// photos: how wide the theme shows them.
	Sizes string `yaml:"sizes"`
	// Cache is the folder of the variant cache, relative to the site.
	Cache string `yaml:"cache"`
}

// DefaultImages are the image settings without folio.yaml. Sizes follows
// the built-in theme: the text column is 38rem wide, with 1.25rem of
// padding either side on narrow screens.
func DefaultImages() Images {
	return Images{
		Process:       true,
		Widths:        []int{480, 800, 1200, 1600, 2400},
		ThumbWidths:   []int{160, 320, 640},
		PrintWidth:    2400,
		EPUBMax:       1600,
		Quality:       80,
		MaxMegapixels: 64,
		Sizes:         "(max-width: 40.5rem) calc(100vw - 2.5rem), 38rem",
		Cache:         ".folio/cache/images",
	}
}

func (im *Images) validate() error {
	if im.Quality < 1 || im.Quality > 100 {
		return fmt.Errorf("%s: images: quality must be 1 to 100, got %d", FileName, im.Quality)
	}
	for _, list := range []struct {
		key string
		ws  []int
	}{{"widths", im.Widths}, {"thumb_widths", im.ThumbWidths}} {
		if len(list.ws) == 0 {
			return fmt.Errorf("%s: images: %s must list at least one width, such as [480, 800, 1200]", FileName, list.key)
		}
		for _, w := range list.ws {
			if w < 16 || w > 10000 {
				return fmt.Errorf("%s: images: %s: %d is not a width in pixels between 16 and 10000", FileName, list.key, w)
			}
		}
	}
	for key, v := range map[string]int{"print_width": im.PrintWidth, "epub_max": im.EPUBMax} {
		if v < 16 || v > 10000 {
			return fmt.Errorf("%s: images: %s must be a width in pixels between 16 and 10000, got %d", FileName, key, v)
		}
	}
	if im.MaxMegapixels < 1 {
		return fmt.Errorf("%s: images: max_megapixels must be at least 1, got %d", FileName, im.MaxMegapixels)
	}
	if im.Cache == "" {
		return fmt.Errorf("%s: images: cache must name a folder (the default is .folio/cache/images)", FileName)
	}
	return nil
}

// checkImageKeys reports unknown keys under images:, which the strict
// top-level check does not reach.
func checkImageKeys(doc *yaml.Node) []error {
	known := map[string]bool{}
	t := reflect.TypeOf(Images{})
	for i := range t.NumField() {
		known[t.Field(i).Tag.Get("yaml")] = true
	}
	var problems []error
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != "images" || doc.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		m := doc.Content[i+1]
		for j := 0; j+1 < len(m.Content); j += 2 {
			if k := m.Content[j]; !known[k.Value] {
				keys := make([]string, 0, len(known))
				for k := range known {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				problems = append(problems, fmt.Errorf("%s:%d: unknown key images: %q; known keys: %v", FileName, k.Line, k.Value, keys))
			}
		}
	}
	return problems
}
