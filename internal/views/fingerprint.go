package build

import (
	"encoding/binary"
	"hash/maphash"
	"time"

	"folio/internal/content"
)

// fingerprint hashes the inputs of an output. Fingerprints are compared only
// within one process (one preview session), so a random seed is fine; they
// are 64 bits, which makes a false "unchanged" about as likely as a cosmic
// ray flipping the output.
type fingerprint struct {
	h   maphash.Hash
	buf [8]byte
}

var fingerprintSeed = maphash.MakeSeed()

// seeded is a fingerprint to keep on the stack.
func seeded() fingerprint {
	var f fingerprint
	f.h.SetSeed(fingerprintSeed)
	return f
}

func newFingerprint() *fingerprint {
	f := &fingerprint{}
	f.h.SetSeed(fingerprintSeed)
	return f
}

func (f *fingerprint) u64(v uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], v)
	f.h.Write(f.buf[:])
}

func (f *fingerprint) int(v int) { f.u64(uint64(v)) }

func (f *fingerprint) bool(v bool) {
	if v {
		f.h.WriteByte(1)
	} else {
		f.h.WriteByte(0)
	}
}

// str writes the length first, so that ("ab", "c") and ("a", "bc") differ.
func (f *fingerprint) str(s string) {
	f.int(len(s))
	f.h.WriteString(s)
}

func (f *fingerprint) bytes(b []byte) {
	f.int(len(b))
	f.h.Write(b)
}

// time writes the instant and the zone offset, which templates show.
func (f *fingerprint) time(t time.Time) {
	_, off := t.Zone()
	f.u64(uint64(t.UnixNano()))
	f.int(off)
	f.bool(t.IsZero())
}

func (f *fingerprint) sum() uint64 { return f.h.Sum64() }

// convPrint fingerprints what conversion derives for a page that lists show.
func convPrint(pc *pageConv) uint64 {
	f := newFingerprint()
	f.str(string(pc.summary))
	f.str(pc.description)
	return f.sum()
}

// headsPrint fingerprints a page's outline.
func headsPrint(hs []content.Heading) uint64 {
	f := newFingerprint()
	for _, h := range hs {
		f.int(h.Level)
		f.str(h.ID)
		f.str(h.Text)
	}
	return f.sum()
}

// ownPrint fingerprints what only the page itself (and feeds) show of its
// conversion.
func ownPrint(c *converted) uint64 {
	f := newFingerprint()
	f.str(string(c.html))
	f.int(len(c.headings))
	for _, h := range c.headings {
		f.int(h.Level)
		f.str(h.ID)
		f.str(h.Text)
	}
	f.bytes(c.absHTML)
	return f.sum()
}
