package resolve

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/images"
	"folio/internal/markdown"
	"folio/internal/siteurl"
	"folio/internal/workpool"
)

// Images resolves the images of one build's pages to what they show:
// every photo and every image in Markdown becomes a set of variants
// (srcset), list thumbnails small ones, the print edition and the EPUB one
// each, made by package images. Asking for a variant costs a cache lookup;
// Images records what was asked for, so that the build makes the missing
// variants on all cores after its page stage (Process), one decode per
// source, and writes them at the end (Write). A preview that does not wait
// for images (Live) points a page at the original until all its variants
// are ready.
//
// Its methods are safe for concurrent use; Outs and Originals are read
// once the build's stages are done.
type Images struct {
	Links  Links
	URLs   siteurl.Base
	Config config.Images
	// EPUBs is set when the site's books get EPUBs, whose photo variants
	// are asked for with the page's.
	EPUBs bool
	// Proc makes the variants; nil when folio.yaml turns processing off.
	// Live is set in a preview that does not wait for them.
	Proc *images.Processor
	Live bool

	infos sync.Map // site path → imageInfo
	mu    sync.Mutex
	// Outs are the variants asked for, by output path, with their source.
	Outs map[string]Out
	// users is the first use of each source, for messages.
	users map[string]user
	// processed marks the sources that have variants; Originals those
	// whose file is published too (passed through, linked to, or shown
	// while their variants are made).
	processed, Originals map[string]bool
	// rasters are the image files whose publishing waits for the build to
	// know whether variants replace them (Defer).
	rasters []rasterFile
}

// Out is a variant asked for, and the site path of its source.
type Out struct {
	V   images.Variant
	Rel string
}

type user struct {
	file string
	line int
}

type rasterFile struct{ rel, file string }

// imageInfo is what a build knows of one image file.
type imageInfo struct {
	width, height int
	info          images.Info
	err           error
}

// NewImages starts the image bookkeeping of a build of the site that links
// resolves.
func NewImages(links Links, urls siteurl.Base, cfg config.Config, proc *images.Processor) *Images {
	return &Images{Links: links, URLs: urls, Config: cfg.Images, EPUBs: cfg.EPUB, Proc: proc,
		Outs: map[string]Out{}, users: map[string]user{}, processed: map[string]bool{}, Originals: map[string]bool{}}
}

// CacheDir is the variant cache of the site in source: $FOLIO_IMAGE_CACHE
// when set, else folio.yaml's images: cache: (relative to the site).
func CacheDir(source, dir string) string {
	if env := os.Getenv(images.CacheEnv); env != "" {
		return env
	}
	if filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(source, filepath.FromSlash(dir))
}

// info reads and probes an image once per build; photos are reused
// across pages.
func (im *Images) info(rel string) imageInfo {
	if v, ok := im.infos.Load(rel); ok {
		return v.(imageInfo)
	}
	var in imageInfo
	var err error
	in.info, err = im.probe(rel)
	in.width, in.height = in.info.Width, in.info.Height
	if err != nil {
		in.err = fmt.Errorf("image %s %v", im.Links.File(rel), err)
	}
	// The bytes are not kept: variants reads them again for the variants
	// still to make, which with a warm cache are none.
	v, _ := im.infos.LoadOrStore(rel, in)
	return v.(imageInfo)
}

// probe reads and probes the image rel, or takes its probe from the cache
// when the file did not change since (images.Cache.Probed).
func (im *Images) probe(rel string) (images.Info, error) {
	file, maxPixels := im.Links.File(rel), int64(im.Config.MaxMegapixels)*1_000_000
	var cache *images.Cache
	if im.Proc != nil {
		cache = im.Proc.Cache()
	}
	fi, serr := fs.Stat(im.Links.FS, file)
	if serr == nil {
		if in, ok := cache.Probed(rel, fi, maxPixels); ok {
			return in, nil
		}
	}
	data, err := fs.ReadFile(im.Links.FS, file)
	if err != nil {
		return images.Info{}, err
	}
	in, err := images.Probe(rel, data, maxPixels)
	if err == nil && serr == nil {
		cache.RememberProbe(rel, fi, in, time.Now())
	}
	return in, err
}

// Image resolves an image source of page p, written on line, to its
// variants for the web page.
func (im *Images) Image(p *content.Page, src string, line int) (markdown.Image, error) {
	rel, err := im.Links.Asset(p, src)
	if err != nil {
		return markdown.Image{}, err
	}
	vs, in, err := im.variants(p.File, line, rel, im.Config.Widths)
	if err != nil {
		return markdown.Image{}, err
	}
	if vs == nil {
		return markdown.Image{URL: im.URLs.Path("/" + rel), Width: in.width, Height: in.height}, nil
	}
	fallback := Fallback(vs)
	return markdown.Image{URL: im.URLs.Path("/" + fallback.Path), Width: fallback.Width, Height: fallback.Height,
		SrcSet: SrcSet(im.URLs, vs), Sizes: im.Config.Sizes}, nil
}

// one is the single variant of an image for an edition (print, EPUB) at
// width w: its site path and size. Without processing (or while the
// variant is being made in a preview) it is the original.
func (im *Images) one(file string, line int, rel string, w func(images.Info) int) (string, int, int, error) {
	in := im.info(rel)
	if in.err != nil || !im.processing(in) {
		return rel, in.width, in.height, in.err
	}
	vs, _, err := im.variants(file, line, rel, []int{w(in.info)})
	if err != nil || vs == nil {
		return rel, in.width, in.height, err
	}
	return vs[0].Path, vs[0].Width, vs[0].Height, nil
}

// Print is the print edition's variant of the image rel, used on line of
// file: its site path (no leading slash) and size.
func (im *Images) Print(file string, line int, rel string) (string, int, int, error) {
	return im.one(file, line, rel, func(images.Info) int { return im.Config.PrintWidth })
}

// EPUB is the EPUB's variant of an image: its long edge capped.
func (im *Images) EPUB(file string, line int, rel string) (string, int, int, error) {
	return im.one(file, line, rel, func(in images.Info) int { return images.Fit(in, im.Config.EPUBMax) })
}

// processing reports whether an image gets variants.
func (im *Images) processing(in imageInfo) bool {
	return im.Proc != nil && in.err == nil && !in.info.PassThrough()
}

// variants asks for the variants of image rel at widths, for a use on line
// of file. It returns nil variants when the image is published as it is:
// processing off, an SVG or animated GIF, or (in a preview) variants not
// ready yet.
func (im *Images) variants(file string, line int, rel string, widths []int) ([]images.Variant, imageInfo, error) {
	in := im.info(rel)
	if in.err != nil {
		if im.Proc == nil {
			return nil, in, nil // published as it is, as before processing
		}
		return nil, in, in.err
	}
	if !im.processing(in) {
		im.KeepOriginal(rel)
		return nil, in, nil
	}
	ws := images.Widths(in.info, widths)
	vs := make([]images.Variant, len(ws))
	ready := true
	var data []byte
	for i, w := range ws {
		if data == nil && im.Proc.Needs(in.info, w) {
			var err error
			if data, err = fs.ReadFile(im.Links.FS, im.Links.File(rel)); err != nil {
				return nil, in, fmt.Errorf("image %s %v", im.Links.File(rel), err)
			}
		}
		vs[i] = im.Proc.Variant(rel, data, in.info, w)
		if err := im.Proc.Failed(vs[i]); err != nil {
			return nil, in, fmt.Errorf("image %s: %v", im.Links.File(rel), err)
		}
		ready = ready && (!im.Live || im.Proc.Ready(vs[i]))
	}
	im.mu.Lock()
	defer im.mu.Unlock()
	if _, ok := im.users[rel]; !ok {
		im.users[rel] = user{file, line}
	}
	im.processed[rel] = true
	for _, v := range vs {
		im.Outs[v.Path] = Out{v, rel}
	}
	if !ready {
		im.Originals[rel] = true
		return nil, in, nil
	}
	return vs, in, nil
}

// KeepOriginal publishes an image's own file (a link to it, a
// pass-through).
func (im *Images) KeepOriginal(rel string) {
	im.mu.Lock()
	im.Originals[rel] = true
	im.mu.Unlock()
}

// Photo fills in a front matter photo of page p, whose file is the site
// path rel: its variants for the page, the list thumbnails and the
// credits, and the print edition. Its URLs are site paths, which templates
// pass through url; its srcsets carry the base path already.
func (im *Images) Photo(p *content.Page, ph *content.Photo, rel string) error {
	vs, in, err := im.variants(p.File, ph.Line, rel, im.Config.Widths)
	if err != nil {
		return err
	}
	// Every variant is asked for now, even while (in a preview) the page's
	// own are not ready, so that one decode makes them all.
	thumbs, _, _ := im.variants(p.File, ph.Line, rel, im.Config.ThumbWidths)
	ph.URL, ph.Width, ph.Height, ph.SrcSet, ph.ThumbURL, ph.ThumbSrcSet, ph.PrintURL = "/"+rel, in.width, in.height, "", "/"+rel, "", "/"+rel
	ph.Sizes = im.Config.Sizes
	if p.Book != nil {
		pr, _, _, _ := im.Print(p.File, ph.Line, rel)
		ph.PrintURL = "/" + pr
		if im.EPUBs {
			_, _, _, _ = im.EPUB(p.File, ph.Line, rel)
		}
	}
	if vs != nil {
		fallback := Fallback(vs)
		ph.URL, ph.Width, ph.Height, ph.SrcSet = "/"+fallback.Path, fallback.Width, fallback.Height, SrcSet(im.URLs, vs)
	}
	if thumbs != nil {
		ph.ThumbURL, ph.ThumbSrcSet = "/"+thumbs[0].Path, SrcSet(im.URLs, thumbs)
	}
	return nil
}

// Bytes is an image's data for the EPUB: a variant's or the file's.
func (im *Images) Bytes(rel string) ([]byte, error) {
	im.mu.Lock()
	out, ok := im.Outs[rel]
	im.mu.Unlock()
	if ok {
		return im.Proc.Bytes(out.V)
	}
	return fs.ReadFile(im.Links.FS, im.Links.File(rel))
}

// Process makes the variants asked for so far, unless a preview makes them
// in the background, so that a source that does not decode is reported.
func (im *Images) Process() {
	if im.Proc == nil || im.Live {
		return
	}
	im.Proc.Process()
}

// Defer leaves an image file of static/ or content/ (file, published at
// rel) for Write, which publishes it unless variants replace it. A file
// that cannot be read is reported now, with the other files.
func (im *Images) Defer(rel, file string) error {
	f, err := im.Links.FS.Open(file)
	if err != nil {
		return err
	}
	f.Close()
	im.rasters = append(im.rasters, rasterFile{rel, file})
	return nil
}

// Write hands write the variants the build asked for (in a preview, those
// ready), then the image files published as they are: originals of
// processed images only when folio.yaml asks or something needs them. A
// variant found in the image cache goes to copyFile instead, as the cache's
// file, which returns an error only when that file cannot be read. A
// source that failed is reported once, at its first use. It returns how
// many image files were published as they are.
func (im *Images) Write(write func(out, by string, data []byte), copyFile func(out, by, file string) error, problem func(*content.Error)) int {
	im.Process()
	outs := slices.Sorted(maps.Keys(im.Outs))
	errs := make([]error, len(outs))
	// Each variant is a read of the cache and a file written, which wait
	// on the file system more than on the cores; this runs at the very end
	// of a build, so on several goroutines.
	workpool.Indexes(4*workpool.Cores(), len(outs), func(i int) {
		vo := im.Outs[outs[i]]
		if im.Live && !im.Proc.Ready(vo.V) {
			return
		}
		if file := im.Proc.CacheFile(vo.V); file != "" {
			if err := copyFile(outs[i], im.Links.File(vo.Rel), file); err != nil {
				errs[i] = fmt.Errorf("read the image cache: %w", err)
			}
			return
		}
		data, err := im.Proc.Bytes(vo.V)
		if err != nil {
			errs[i] = err
			return
		}
		write(outs[i], im.Links.File(vo.Rel), data)
	})
	failed := map[string]bool{}
	for i, err := range errs {
		if vo := im.Outs[outs[i]]; err != nil && !failed[vo.Rel] {
			failed[vo.Rel] = true
			u := im.users[vo.Rel]
			problem(content.Errorf(u.file, u.line, "image %s: %v", im.Links.File(vo.Rel), err))
		}
	}
	n := 0
	for _, r := range im.rasters {
		if im.processed[r.rel] && !im.Originals[r.rel] && !im.Config.Originals {
			continue
		}
		data, err := fs.ReadFile(im.Links.FS, r.file)
		if err != nil {
			problem(content.ReadError(r.file, err))
			continue
		}
		write(r.rel, r.file, data)
		n++
	}
	return n
}

// PruneCache removes the cache entries this build did not use, unless the
// cache is shared by several sites ($FOLIO_IMAGE_CACHE), whose entries this
// site cannot know. Only a clean build that succeeded calls it.
func (im *Images) PruneCache() {
	if im.Proc == nil || os.Getenv(images.CacheEnv) != "" {
		return
	}
	if c := im.Proc.Cache(); c != nil {
		_, _ = c.Prune() // a cache that cannot be pruned only grows
	}
}
