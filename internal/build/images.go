package build

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/markdown"
	"folio/internal/resolve"
)

// This file wires package images into the build: every photo and every
// image in Markdown becomes a set of variants (srcset), list thumbnails
// small ones, the print edition and the EPUB one each. Asking for a
// variant costs a cache lookup; a clean build makes the missing ones on
// all cores after the page stage, one decode per source, and writes them
// at the end. A preview session that does not wait for images (folio
// serve) points a page at the original until all its variants are ready
// and makes them in the background (Session.ProcessImages), so that an
// edit never waits for them.

// imageInfo is what a build knows of one image file.
type imageInfo struct {
	width, height int
	info          images.Info
	err           error
}

// imageState is the image bookkeeping of one build.
type imageState struct {
	// outs are the variants asked for, by output path, with their source.
	outs map[string]variantOut
	// users is the first use of each source, for messages.
	users map[string]imageUser
	// processed marks the sources that have variants; originals those
	// whose file is published too (passed through, linked to, or shown
	// while their variants are made).
	processed, originals map[string]bool
	// waiting is set when a page points at an original because its
	// variants are not ready.
	waiting bool
}

type variantOut struct {
	v   images.Variant
	rel string
}

type imageUser struct {
	file string
	line int
}

// newProcessor makes the processor of a clean build, with the site's cache.
func newProcessor(b *builder) *images.Processor {
	if !b.cfg.Images.Process {
		return nil
	}
	return images.New(images.Options{Quality: b.cfg.Images.Quality, Cache: images.OpenCache(imageCacheDir(b.opts.Source, b.cfg.Images.Cache))})
}

// imageCacheDir is the variant cache of the site in source: $FOLIO_IMAGE_CACHE
// when set, else folio.yaml's images: cache: (relative to the site).
func imageCacheDir(source, dir string) string {
	if env := os.Getenv(images.CacheEnv); env != "" {
		return env
	}
	if filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(source, filepath.FromSlash(dir))
}

// imageInfo reads and probes an image once per build; photos are reused
// across pages.
func (b *builder) imageInfo(rel string) imageInfo {
	if v, ok := b.images.Load(rel); ok {
		return v.(imageInfo)
	}
	var in imageInfo
	data, err := fs.ReadFile(b.fsys, b.links.File(rel))
	if err == nil {
		in.info, err = images.Probe(rel, data, int64(b.cfg.Images.MaxMegapixels)*1_000_000)
		in.width, in.height = in.info.Width, in.info.Height
	}
	if err != nil {
		in.err = fmt.Errorf("image %s %v", b.links.File(rel), err)
	}
	// The bytes are not kept: variants reads them again for the variants
	// still to make, which with a warm cache are none.
	v, _ := b.images.LoadOrStore(rel, in)
	return v.(imageInfo)
}

// image resolves an image source of page p, written on line, to its
// variants for the web page.
func (b *builder) image(p *content.Page, src string, line int) (markdown.Image, error) {
	rel, err := b.links.Asset(p, src)
	if err != nil {
		return markdown.Image{}, err
	}
	vs, in, err := b.variants(p.File, line, rel, b.cfg.Images.Widths)
	if err != nil {
		return markdown.Image{}, err
	}
	if vs == nil {
		return markdown.Image{URL: b.urls.Path("/" + rel), Width: in.width, Height: in.height}, nil
	}
	fallback := resolve.Fallback(vs)
	return markdown.Image{URL: b.urls.Path("/" + fallback.Path), Width: fallback.Width, Height: fallback.Height,
		SrcSet: resolve.SrcSet(b.urls, vs), Sizes: b.cfg.Images.Sizes}, nil
}

// oneImage is the single variant of an image for an edition (print, EPUB)
// at width w: its site path and size. Without processing (or while the
// variant is being made in a preview) it is the original.
func (b *builder) oneImage(file string, line int, rel string, w func(images.Info) int) (string, int, int, error) {
	in := b.imageInfo(rel)
	if in.err != nil || !b.processing(in) {
		return rel, in.width, in.height, in.err
	}
	vs, _, err := b.variants(file, line, rel, []int{w(in.info)})
	if err != nil || vs == nil {
		return rel, in.width, in.height, err
	}
	return vs[0].Path, vs[0].Width, vs[0].Height, nil
}

// printImage is the print edition's variant of an image.
func (b *builder) printImage(file string, line int, rel string) (string, int, int, error) {
	return b.oneImage(file, line, rel, func(images.Info) int { return b.cfg.Images.PrintWidth })
}

// epubImage is the EPUB's variant of an image: its long edge capped.
func (b *builder) epubImage(file string, line int, rel string) (string, int, int, error) {
	return b.oneImage(file, line, rel, func(in images.Info) int { return images.Fit(in, b.cfg.Images.EPUBMax) })
}

// processing reports whether an image gets variants.
func (b *builder) processing(in imageInfo) bool {
	return b.imgs != nil && in.err == nil && !in.info.PassThrough()
}

// variants asks for the variants of image rel at widths, for a use on line
// of file. It returns nil variants when the image is published as it is:
// processing off, an SVG or animated GIF, or (in a preview) variants not
// ready yet.
func (b *builder) variants(file string, line int, rel string, widths []int) ([]images.Variant, imageInfo, error) {
	in := b.imageInfo(rel)
	if in.err != nil {
		if b.imgs == nil {
			return nil, in, nil // published as it is, as before processing
		}
		return nil, in, in.err
	}
	if !b.processing(in) {
		b.keepOriginal(rel)
		return nil, in, nil
	}
	ws := images.Widths(in.info, widths)
	vs := make([]images.Variant, len(ws))
	ready := true
	var data []byte
	for i, w := range ws {
		if data == nil && b.imgs.Needs(in.info, w) {
			var err error
			if data, err = fs.ReadFile(b.fsys, b.links.File(rel)); err != nil {
				return nil, in, fmt.Errorf("image %s %v", b.links.File(rel), err)
			}
		}
		vs[i] = b.imgs.Variant(rel, data, in.info, w)
		if err := b.imgs.Failed(vs[i]); err != nil {
			return nil, in, fmt.Errorf("image %s: %v", b.links.File(rel), err)
		}
		ready = ready && (!b.live || b.imgs.Ready(vs[i]))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	st := &b.img
	if _, ok := st.users[rel]; !ok {
		st.users[rel] = imageUser{file, line}
	}
	st.processed[rel] = true
	for _, v := range vs {
		st.outs[v.Path] = variantOut{v, rel}
	}
	if !ready {
		st.waiting, st.originals[rel] = true, true
		return nil, in, nil
	}
	return vs, in, nil
}

// keepOriginal publishes an image's own file (a link to it, a pass-through).
func (b *builder) keepOriginal(rel string) {
	b.mu.Lock()
	b.img.originals[rel] = true
	b.mu.Unlock()
}

// photoImages fills in a front matter photo: its variants for the page,
// the list thumbnails and the credits, and the print edition. Its URLs are
// site paths, which templates pass through url; its srcsets carry the
// base path already.
func (b *builder) photoImages(p *content.Page, ph *content.Photo, rel string) error {
	vs, in, err := b.variants(p.File, ph.Line, rel, b.cfg.Images.Widths)
	if err != nil {
		return err
	}
	// Every variant is asked for now, even while (in a preview) the page's
	// own are not ready, so that one decode makes them all.
	thumbs, _, _ := b.variants(p.File, ph.Line, rel, b.cfg.Images.ThumbWidths)
	ph.URL, ph.Width, ph.Height, ph.SrcSet, ph.ThumbURL, ph.ThumbSrcSet, ph.PrintURL = "/"+rel, in.width, in.height, "", "/"+rel, "", "/"+rel
	ph.Sizes = b.cfg.Images.Sizes
	if p.Book != nil {
		pr, _, _, _ := b.printImage(p.File, ph.Line, rel)
		ph.PrintURL = "/" + pr
		if b.cfg.EPUB {
			_, _, _, _ = b.epubImage(p.File, ph.Line, rel)
		}
	}
	if vs != nil {
		fallback := resolve.Fallback(vs)
		ph.URL, ph.Width, ph.Height, ph.SrcSet = "/"+fallback.Path, fallback.Width, fallback.Height, resolve.SrcSet(b.urls, vs)
	}
	if thumbs != nil {
		ph.ThumbURL, ph.ThumbSrcSet = "/"+thumbs[0].Path, resolve.SrcSet(b.urls, thumbs)
	}
	return nil
}

// imageBytes is an image's data for the EPUB: a variant's or the file's.
func (b *builder) imageBytes(rel string) ([]byte, error) {
	b.mu.Lock()
	out, ok := b.img.outs[rel]
	b.mu.Unlock()
	if ok {
		return b.imgs.Bytes(out.v)
	}
	return fs.ReadFile(b.fsys, b.links.File(rel))
}

// processImages makes the variants asked for so far, unless a preview
// makes them in the background, and reports the sources that failed.
func (b *builder) processImages() {
	if b.imgs == nil || b.live {
		return
	}
	b.imgs.Process()
}

// writeImages writes the variants the build asked for (in a preview, those
// ready), then the image files published as they are: originals of
// processed images only when folio.yaml asks or something needs them.
// A source that failed is reported once, at its first use, naming how many
// other pages use it.
func (b *builder) writeImages() {
	b.processImages()
	st := &b.img
	failed := map[string]bool{}
	for _, out := range slices.Sorted(maps.Keys(st.outs)) {
		vo := st.outs[out]
		if failed[vo.rel] || b.live && !b.imgs.Ready(vo.v) {
			continue
		}
		data, err := b.imgs.Bytes(vo.v)
		if err != nil {
			failed[vo.rel] = true
			u := st.users[vo.rel]
			b.problem(content.Errorf(u.file, u.line, "image %s: %v", b.links.File(vo.rel), err))
			continue
		}
		b.write(out, b.links.File(vo.rel), data)
	}
	for _, r := range b.rasters {
		if st.processed[r.rel] && !st.originals[r.rel] && !b.cfg.Images.Originals {
			continue
		}
		data, err := fs.ReadFile(b.fsys, r.file)
		if err != nil {
			b.problem(content.ReadError(r.file, err))
			continue
		}
		b.write(r.rel, r.file, data)
		b.static++
	}
}

// pruneImageCache removes the cache entries this build did not use, after
// a clean build that succeeded, unless the cache is shared by several
// sites ($FOLIO_IMAGE_CACHE), whose entries this site cannot know.
func (b *builder) pruneImageCache() {
	if b.imgs == nil || b.memo != nil || os.Getenv(images.CacheEnv) != "" {
		return
	}
	if c := b.imgs.Cache(); c != nil {
		_, _ = c.Prune() // a cache that cannot be pruned only grows
	}
}

// rasterFile is an image file of static/ or content/ whose publishing
// waits until the build knows whether its variants replace it.
type rasterFile struct{ rel, file string }

// deferRaster leaves an image file for writeImages, reporting now, with
// the other files, one that cannot be read.
func (b *builder) deferRaster(rel, file string) {
	f, err := b.fsys.Open(file)
	if err != nil {
		b.problem(content.ReadError(file, err))
		return
	}
	f.Close()
	b.rasters = append(b.rasters, rasterFile{rel, file})
}
