package preview

import (
	"fmt"
	"time"

	"folio/internal/build"
	"folio/internal/images"
	"folio/internal/resolve"
)

// useImages gives a session's builder the session's image processor, made
// again when folio.yaml changes how variants are made. Unless the session
// waits for images, its builds point pages at originals until their
// variants are ready (ProcessImages makes them, Refresh shows them).
func (s *Session) useImages(b *build.Builder) {
	if !b.Site().Config.Images.Process {
		b.Images().Proc = nil
		return
	}
	dir := resolve.CacheDir(s.tree.Root(), b.Site().Config.Images.Cache)
	if key := fmt.Sprint(b.Site().Config.Images.Quality, "\x00", dir); s.imgs == nil || key != s.imgsKey {
		s.imgs, s.imgsKey = images.New(images.Options{Quality: b.Site().Config.Images.Quality, Cache: images.OpenCache(dir)}), key
	}
	b.Images().Proc, b.Images().Live = s.imgs, !s.opts.WaitForImages
}

// imagesPublished reports whether every image file a patch build's pages
// point at is among the last good build's files: a page given a new image
// needs the whole build, which writes it.
func (s *Session) imagesPublished(b *build.Builder, g *goodBuild) bool {
	for out, vo := range b.Images().Outs {
		if g.files[out] == nil && (!b.Images().Live || b.Images().Proc.Ready(vo.V)) {
			return false
		}
	}
	for rel := range b.Images().Originals {
		if g.files[rel] == nil {
			return false
		}
	}
	return true
}

// ProcessImages makes, in the background, the image variants that the
// last build's pages are waiting for, and calls ready once they are made
// (from another goroutine); the caller then calls Refresh. It returns
// false when nothing is waiting. While it works, builds go on: a build
// that asks for more variants calls it again, and the work under way
// takes them too.
func (s *Session) ProcessImages(ready func()) bool {
	p := s.imgs
	if p == nil || !p.Pending() {
		return false
	}
	if !s.imgsBusy.CompareAndSwap(false, true) {
		return true
	}
	go func() {
		for {
			for p.Pending() {
				p.Process()
			}
			s.imgsBusy.Store(false)
			// A build may have asked for more after the last check and
			// found the work still under way.
			if !p.Pending() || !s.imgsBusy.CompareAndSwap(false, true) {
				break
			}
		}
		ready()
	}()
	return true
}

// Refresh builds the whole site again from the sources already read, so
// that pages that pointed at originals get the variants made since. Not
// safe for concurrent use with Build.
func (s *Session) Refresh() (*Update, error) {
	if !s.started {
		return s.Build(nil)
	}
	start := time.Now()
	s.pending = nil
	up := &Update{Images: true}
	s.full = true
	err := s.build(nil, up, start)
	s.full = false
	up.Elapsed = time.Since(start)
	s.lastErr = err
	return up, err
}
