package views

import (
	"encoding/binary"
	"hash/maphash"
	"time"
)

// Fingerprint hashes the inputs of an output. Fingerprints are compared only
// within one process (one preview session), so a random seed is fine; they
// are 64 bits, which makes a false "unchanged" about as likely as a cosmic
// ray flipping the output.
type Fingerprint struct {
	h   maphash.Hash
	buf [8]byte
}

var fingerprintSeed = maphash.MakeSeed()

// Seeded is a Fingerprint to keep on the stack.
func Seeded() Fingerprint {
	var f Fingerprint
	f.h.SetSeed(fingerprintSeed)
	return f
}

// NewFingerprint is a Fingerprint to keep on the heap.
func NewFingerprint() *Fingerprint {
	f := &Fingerprint{}
	f.h.SetSeed(fingerprintSeed)
	return f
}

// U64, Int, Bool, Str, Bytes and Time write a value.
func (f *Fingerprint) U64(v uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], v)
	f.h.Write(f.buf[:])
}

func (f *Fingerprint) Int(v int) { f.U64(uint64(v)) }

func (f *Fingerprint) Bool(v bool) {
	if v {
		f.h.WriteByte(1)
	} else {
		f.h.WriteByte(0)
	}
}

// Str writes the length first, so that ("ab", "c") and ("a", "bc") differ.
func (f *Fingerprint) Str(s string) {
	f.Int(len(s))
	f.h.WriteString(s)
}

func (f *Fingerprint) Bytes(b []byte) {
	f.Int(len(b))
	f.h.Write(b)
}

// Time writes the instant and the zone offset, which templates show.
func (f *Fingerprint) Time(t time.Time) {
	_, off := t.Zone()
	f.U64(uint64(t.UnixNano()))
	f.Int(off)
	f.Bool(t.IsZero())
}

// Sum is the fingerprint of what was written.
func (f *Fingerprint) Sum() uint64 { return f.h.Sum64() }
