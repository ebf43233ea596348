package content

import (
	"crypto/sha256"
	"io/fs"
	"sync"
)

// SumFS is a file system that knows a digest of each file's contents, as the
// preview's in-memory copy of a site does. A Cache asks it first, so that an
// unchanged page is neither read nor decoded again.
type SumFS interface {
	fs.FS
	// Sum returns a digest of the file's contents; ok is false when the
	// file is unknown.
	Sum(name string) (sum string, ok bool)
}

// SharedFS is a file system that hands out a file's bytes without copying
// them, as the preview's in-memory copy of a site does: a Cache decodes
// pages from them, and the pages keep the bytes of their bodies. Nothing
// changes them (a file read again gets new bytes), so that a large site's
// Markdown is held once, not twice.
type SharedFS interface {
	fs.FS
	// ReadShared returns the file's contents, which the caller must not
	// change.
	ReadShared(name string) ([]byte, error)
}

// Cache keeps decoded pages between loads of a site that changes a little at
// a time (folio serve), keyed by source path and contents: a rebuild decodes
// only the files that changed. Load hands out copies, since the later stages
// fill in the pages they get. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	pages map[string]cachedPage // by path relative to content/
}

type cachedPage struct {
	sum   string
	page  *Page // as decoded, never handed out
	probs Problems
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{pages: map[string]cachedPage{}}
}

// Load decodes content/rel of fsys, or returns a copy of the page decoded
// from the same contents before. A nil Cache decodes every time.
func (c *Cache) Load(fsys fs.FS, rel string) (*Page, Problems) {
	if c == nil {
		return loadPage(fsys, rel)
	}
	file := ContentDir + "/" + rel
	sum, known := "", false
	if sfs, ok := fsys.(SumFS); ok {
		sum, known = sfs.Sum(file)
	}
	if known {
		if p, probs, hit := c.lookup(rel, sum); hit {
			return p, probs
		}
	}
	src, err := readShared(fsys, file)
	if err != nil {
		return loadPage(fsys, rel) // reports the failure as loading does
	}
	if !known {
		d := sha256.Sum256(src)
		sum = string(d[:])
		if p, probs, hit := c.lookup(rel, sum); hit {
			return p, probs
		}
	}
	p, probs := decodePage(rel, src)
	c.mu.Lock()
	c.pages[rel] = cachedPage{sum: sum, page: p, probs: probs}
	c.mu.Unlock()
	return p.clone(), probs
}

// readShared reads a file of fsys, without a copy when fsys is a SharedFS.
func readShared(fsys fs.FS, file string) ([]byte, error) {
	if sfs, ok := fsys.(SharedFS); ok {
		return sfs.ReadShared(file)
	}
	return fs.ReadFile(fsys, file)
}

func (c *Cache) lookup(rel, sum string) (*Page, Problems, bool) {
	c.mu.Lock()
	e, ok := c.pages[rel]
	c.mu.Unlock()
	if !ok || e.sum != sum {
		return nil, nil, false
	}
	return e.page.clone(), e.probs, true
}

// Decoded returns a copy of the page last decoded from content/rel,
// whatever the file holds now: with the new contents in fsys and the old
// page here, a caller can tell what an edit changed.
func (c *Cache) Decoded(rel string) (*Page, bool) {
	c.mu.Lock()
	e, ok := c.pages[rel]
	c.mu.Unlock()
	if !ok || e.page == nil {
		return nil, false
	}
	return e.page.clone(), true
}

// Forget drops the pages whose paths keep does not accept, so that the
// cache follows the site rather than its history.
func (c *Cache) Forget(keep func(rel string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for rel := range c.pages {
		if !keep(rel) {
			delete(c.pages, rel)
		}
	}
}

// clone copies what the later stages change in place: the page itself and
// its photo, which resolving fills in. Slices and maps of the front matter
// are only read after decoding and are shared.
func (p *Page) clone() *Page {
	if p == nil {
		return nil
	}
	q := *p
	if p.Photo != nil {
		ph := *p.Photo
		q.Photo = &ph
	}
	return &q
}
