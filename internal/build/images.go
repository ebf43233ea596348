package build

import (
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/resolve"
)

// This file wires package images into the build through resolve.Images,
// which records the variants the pages ask for. A clean build makes the
// missing ones on all cores after the page stage and writes them at the
// end. A preview session that does not wait for images (folio serve)
// points a page at the original until all its variants are ready and
// makes them in the background (Session.ProcessImages), so that an edit
// never waits for them.

// newProcessor makes the processor of a clean build, with the site's cache.
func newProcessor(b *builder) *images.Processor {
	if !b.cfg.Images.Process {
		return nil
	}
	return images.New(images.Options{Quality: b.cfg.Images.Quality, Cache: images.OpenCache(resolve.CacheDir(b.opts.Source, b.cfg.Images.Cache))})
}

// writeImages writes the variants the build asked for and the image files
// published as they are.
func (b *builder) writeImages() {
	b.static += b.img.Write(b.write, b.copyFile, b.problem)
}

// deferRaster leaves an image file for writeImages, reporting now, with
// the other files, one that cannot be read.
func (b *builder) deferRaster(rel, file string) {
	if err := b.img.Defer(rel, file); err != nil {
		b.problem(content.ReadError(file, err))
	}
}
