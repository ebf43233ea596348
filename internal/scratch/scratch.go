// Package scratch owns the byte buffers a build makes again and again for
// bytes it copies out before it is done with them: an EPUB chapter on
// its way to the shelf compressed, a feed entry on its way into its feed.
// A build runs under a memory limit (package membudget), and every byte
// allocated brings the next collection nearer; a buffer reused is one the
// collector never sees.
//
// A Buffers recycles its slices through a sync.Pool, whose contents the
// collector may drop at any time, and keeps none larger than its bound,
// so that one large file does not leave a large buffer behind for every
// small one. The package imports no other folio package.
package scratch

import "sync"

// Buffers is a pool of byte slices of at most max bytes' capacity each.
// Its zero value is not usable (New).
type Buffers struct {
	pool sync.Pool
	max  int
}

// New makes a pool that keeps buffers of up to max bytes.
func New(max int) *Buffers {
	return &Buffers{pool: sync.Pool{New: func() any { return new([]byte) }}, max: max}
}

// Get returns a buffer of length 0, new or recycled: the caller appends
// to *p (storing the grown slice back in *p) and hands p back to Put once
// nothing refers to its bytes any more.
func (b *Buffers) Get() *[]byte {
	p := b.pool.Get().(*[]byte)
	*p = (*p)[:0]
	return p
}

// Put recycles p, unless it grew beyond the pool's bound. Neither the
// caller nor anything it gave the bytes to may use them after.
func (b *Buffers) Put(p *[]byte) {
	if cap(*p) <= b.max {
		b.pool.Put(p)
	}
}
