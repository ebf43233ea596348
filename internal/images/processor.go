package images

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/workpool"
)

// codecVersion is part of every variant's key: change it when the same
// parameters would make different bytes (a new filter, encoder settings),
// so that caches built before are not trusted.
const codecVersion = 1

// Options are the settings of a Processor.
type Options struct {
	// Quality is the JPEG quality of variants, 1 to 100.
	Quality int
	// Cache, when set, keeps variants between builds.
	Cache *Cache
}

// Variant is one derived file of a source image.
type Variant struct {
	// Path is the output path (slash-separated, no leading slash): the
	// source's folder and name, the width and a short key, such as
	// blog/img/partnership-800w-1c9e52a07f3b.jpg. The key changes with the
	// source's bytes and the settings, so a browser never keeps a stale
	// copy under the same URL.
	Path          string
	Width, Height int
	name          string // the cache entry: full key and extension
}

// Processor makes variants. Asking for a variant (Variant) costs nothing
// but a cache lookup; the work is done by Process, on all cores, one decode
// per source for everything asked of it so far, or by Bytes for one
// source when its variants are needed at once. It is safe for concurrent
// use, and a preview session keeps one for its whole life.
type Processor struct {
	opts Options

	mu       sync.Mutex
	variants map[string]*entry        // by name
	sources  map[[32]byte]*sourceWork // by the source's sum

	// Decoded counts source images decoded, Encoded variants made; a build
	// that found everything in the cache leaves both at zero.
	Decoded, Encoded atomic.Int64
	cacheErr         atomic.Pointer[error]
}

// entry is the state of one variant.
type entry struct {
	v     Variant
	src   *sourceWork
	done  chan struct{} // closed once data or err is set
	data  []byte
	err   error
	ready atomic.Bool // done, or in the cache
}

// sourceWork gathers what is asked of one source image.
type sourceWork struct {
	name    string
	info    Info
	data    []byte     // held while variants are pending
	pending []*entry   // asked for, not in the cache, not yet being made
	mu      sync.Mutex // guards data and pending
	run     sync.Mutex // held while the source is being processed
}

// New makes a Processor.
func New(opts Options) *Processor {
	if opts.Quality < 1 || opts.Quality > 100 {
		opts.Quality = 80
	}
	return &Processor{opts: opts, variants: map[string]*entry{}, sources: map[[32]byte]*sourceWork{}}
}

// Widths plans the widths of a source's variants from the widths wanted:
// never wider than the source (a wanted width beyond it becomes the
// source's own width, once), in increasing order.
func Widths(in Info, want []int) []int {
	var out []int
	for _, w := range want {
		if w <= 0 {
			continue
		}
		out = append(out, min(w, in.Width))
	}
	if len(out) == 0 {
		out = append(out, in.Width)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Fit is the width that keeps the image's long edge within long.
func Fit(in Info, long int) int {
	if in.Height > in.Width {
		return max(1, int(int64(in.Width)*int64(long)/int64(in.Height)))
	}
	return long
}

// Needs reports whether Variant for the image in at width w needs the
// image's bytes: neither asked for before nor in the cache. A caller can
// then read the source only for variants still to make, instead of
// holding every source's bytes while the build runs.
func (p *Processor) Needs(in Info, w int) bool {
	_, _, name := p.size(in, w)
	p.mu.Lock()
	_, asked := p.variants[name]
	p.mu.Unlock()
	if asked {
		return false
	}
	c := p.opts.Cache
	return c == nil || !c.has(name)
}

// Variant asks for the variant of the image rel (its output path; data its
// bytes, in as Probe described them) at width w (capped at the source's
// width). It returns at once; the variant is made by Process or Bytes
// unless the cache has it.
func (p *Processor) Variant(rel string, data []byte, in Info, w int) Variant {
	w, h, name := p.size(in, w)
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.variants[name]; ok {
		if c := p.opts.Cache; c != nil {
			c.use(name)
		}
		return p.named(e.v, rel)
	}
	e := &entry{v: Variant{Width: w, Height: h, name: name}, done: make(chan struct{})}
	p.variants[name] = e
	if c := p.opts.Cache; c != nil && c.has(name) {
		e.ready.Store(true)
		return p.named(e.v, rel)
	}
	src := p.sources[in.Sum]
	if src == nil {
		src = &sourceWork{name: rel, info: in}
		p.sources[in.Sum] = src
	}
	src.mu.Lock()
	src.data = data
	src.pending = append(src.pending, e)
	src.mu.Unlock()
	e.src = src
	return p.named(e.v, rel)
}

// size is the variant of in at width w (capped at the source's width):
// its size and its name in the cache.
func (p *Processor) size(in Info, w int) (int, int, string) {
	w = min(max(w, 1), in.Width)
	h := max(1, int((int64(in.Height)*int64(w)+int64(in.Width)/2)/int64(in.Width)))
	ext := ".jpg"
	if in.Alpha {
		ext = ".png"
	}
	return w, h, p.key(in, w, h, ext) + ext
}

// named gives a variant its output path beside the source rel.
func (p *Processor) named(v Variant, rel string) Variant {
	dir, file := path.Split(rel)
	stem := strings.TrimSuffix(file, path.Ext(file))
	v.Path = fmt.Sprintf("%s%s-%dw-%s%s", dir, stem, v.Width, v.name[:12], path.Ext(v.name))
	return v
}

// key hashes what makes a variant's bytes.
func (p *Processor) key(in Info, w, h int, ext string) string {
	d := sha256.New()
	d.Write(in.Sum[:])
	var buf [8 * 5]byte
	for i, n := range []int{codecVersion, w, h, p.opts.Quality, in.Orientation} {
		binary.LittleEndian.PutUint64(buf[8*i:], uint64(n))
	}
	d.Write(buf[:])
	d.Write([]byte(ext))
	return hex.EncodeToString(d.Sum(nil)[:16])
}

// Cache is the processor's cache, nil without one.
func (p *Processor) Cache() *Cache { return p.opts.Cache }

// Ready reports whether v can be had without processing: made already, or
// in the cache.
func (p *Processor) Ready(v Variant) bool {
	p.mu.Lock()
	e := p.variants[v.name]
	p.mu.Unlock()
	return e != nil && e.ready.Load()
}

// Failed is the error that making v met, if it was made and failed.
func (p *Processor) Failed(v Variant) error {
	p.mu.Lock()
	e := p.variants[v.name]
	p.mu.Unlock()
	if e == nil || e.src == nil {
		return nil
	}
	select {
	case <-e.done:
		return e.err
	default:
		return nil
	}
}

// Pending reports whether any variant asked for is still to be made.
func (p *Processor) Pending() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.sources {
		s.mu.Lock()
		n := len(s.pending)
		s.mu.Unlock()
		if n > 0 {
			return true
		}
	}
	return false
}

// Bytes returns v's bytes, making v's source's pending variants first when
// v is among them; an error says why the source could not be processed.
func (p *Processor) Bytes(v Variant) ([]byte, error) {
	p.mu.Lock()
	e := p.variants[v.name]
	p.mu.Unlock()
	if e == nil {
		panic("images: Bytes of a variant never asked for: " + v.Path)
	}
	if e.src != nil {
		p.work(e.src)
		<-e.done
		if e.data != nil || e.err != nil {
			return e.data, e.err
		}
	}
	data, err := p.opts.Cache.get(e.v.name)
	if err != nil {
		return nil, fmt.Errorf("read the image cache: %w", err)
	}
	return data, nil
}

// CacheFile is the file of the cache that holds v when this build found v
// there, for a caller to copy rather than read (Bytes); "" when v was made
// by this build, whose bytes are in memory, or there is no cache.
func (p *Processor) CacheFile(v Variant) string {
	p.mu.Lock()
	e := p.variants[v.name]
	p.mu.Unlock()
	c := p.opts.Cache
	if e == nil || e.src != nil || c == nil {
		return ""
	}
	c.use(e.v.name)
	return c.file(e.v.name)
}

// Process makes every pending variant, each source on one of as many
// goroutines as there are cores, and returns when all are made.
func (p *Processor) Process() {
	p.mu.Lock()
	var todo []*sourceWork
	for _, s := range p.sources {
		todo = append(todo, s)
	}
	p.mu.Unlock()
	workpool.Each(workpool.Cores(), todo, p.work)
}

// work decodes a source once and makes the variants pending on it.
func (p *Processor) work(s *sourceWork) {
	s.run.Lock()
	defer s.run.Unlock()
	s.mu.Lock()
	todo, data := s.pending, s.data
	s.pending, s.data = nil, nil
	s.mu.Unlock()
	if len(todo) == 0 {
		return
	}
	img, err := decode(data, s.info)
	if err != nil {
		for _, e := range todo {
			e.err = err
			close(e.done)
		}
		return
	}
	p.Decoded.Add(1)
	p.makeAll(rgba(img), s.info, todo)
}

// makeAll renders the variants of one decoded source, widest first: each
// is scaled from the smallest image already made that is at least twice
// its size (or from the source), which keeps Catmull-Rom's quality while
// the small variants cost a fraction of scaling from 12 megapixels.
func (p *Processor) makeAll(src *image.RGBA, in Info, todo []*entry) {
	slices.SortFunc(todo, func(a, b *entry) int { return b.v.Width - a.v.Width })
	made := []*image.RGBA{src}
	for _, e := range todo {
		sw, sh := storedSize(in, e.v.Width, e.v.Height)
		from := src
		for _, m := range made {
			if m.Rect.Dx() >= 2*sw && m.Rect.Dx() < from.Rect.Dx() {
				from = m
			}
		}
		scaled := resize(from, sw, sh)
		made = append(made, scaled)
		e.data, e.err = p.encodeVariant(orient(scaled, in.Orientation), in, e.v)
		e.ready.Store(e.err == nil)
		close(e.done)
	}
}

// encodeVariant encodes one variant and keeps it in the cache.
func (p *Processor) encodeVariant(img *image.RGBA, in Info, v Variant) ([]byte, error) {
	data, err := encode(img, in.Alpha, p.opts.Quality)
	if err != nil {
		return nil, fmt.Errorf("encode a %d px variant: %w", v.Width, err)
	}
	p.Encoded.Add(1)
	if c := p.opts.Cache; c != nil {
		if err := c.put(v.name, data); err != nil {
			p.cacheErr.CompareAndSwap(nil, &err)
		}
	}
	return data, nil
}

// CacheErr is the first failure to write the cache, if any: the build
// goes on without it, but the next build will process those images again.
func (p *Processor) CacheErr() error {
	if e := p.cacheErr.Load(); e != nil {
		return *e
	}
	return nil
}
