//go:build !linux

package sitefs

// Slab returns n bytes of new memory to read many files into (see
// ReadFileIn); the advice the Linux version gives the kernel has no
// counterpart here.
func Slab(n int) []byte { return make([]byte, n) }
