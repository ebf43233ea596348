package shelf

import "sync"

// Keyed is a Shelf whose items are found by key, read back as often as
// needed (Read) or taken once (Take): what a build keeps per page. Safe for concurrent use; its zero value is not
// usable (NewKeyed).
type Keyed[K comparable] struct {
	s     *Shelf
	mu    sync.Mutex
	items map[K]Item
}

// NewKeyed makes a Keyed that puts its items on s (a nil s keeps them in
// memory); Close closes s.
func NewKeyed[K comparable](s *Shelf) *Keyed[K] {
	return &Keyed[K]{s: s, items: map[K]Item{}}
}

// Put shelves p under k (Shelf.Put), replacing what k had.
func (k *Keyed[K]) Put(key K, p []byte) { k.set(key, k.s.Put(p)) }

// PutCopy is Put for bytes the caller reuses once it returns
// (Shelf.PutCopy).
func (k *Keyed[K]) PutCopy(key K, p []byte) { k.set(key, k.s.PutCopy(p)) }

func (k *Keyed[K]) set(key K, it Item) {
	k.mu.Lock()
	k.items[key] = it
	k.mu.Unlock()
}

// Take reads back what was put under key and forgets it: ok is false
// when nothing was.
func (k *Keyed[K]) Take(key K) (p []byte, ok bool, err error) {
	return k.read(key, true)
}

// Read reads back what was put under key and keeps it, to be read again.
func (k *Keyed[K]) Read(key K) (p []byte, ok bool, err error) {
	return k.read(key, false)
}

// Append reads back what was put under key after what dst holds (a
// recycled buffer, Shelf.Append) and keeps it, to be read again.
func (k *Keyed[K]) Append(dst []byte, key K) (p []byte, ok bool, err error) {
	k.mu.Lock()
	it, ok := k.items[key]
	k.mu.Unlock()
	if !ok {
		return dst, false, nil
	}
	p, err = k.s.Append(dst, it)
	return p, true, err
}

// Has reports whether something is under key.
func (k *Keyed[K]) Has(key K) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.items[key]
	return ok
}

func (k *Keyed[K]) read(key K, forget bool) (p []byte, ok bool, err error) {
	k.mu.Lock()
	it, ok := k.items[key]
	if forget {
		delete(k.items, key)
	}
	k.mu.Unlock()
	if !ok {
		return nil, false, nil
	}
	p, err = k.s.Take(it)
	return p, true, err
}

// Close closes the shelf (Shelf.Close): an item still on it is not
// forgotten, so that taking it is an error rather than nothing.
func (k *Keyed[K]) Close() {
	if k != nil {
		k.s.Close()
	}
}
