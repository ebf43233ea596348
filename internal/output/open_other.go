//go:build !unix

package output

// openNoFollow is not available here: a link in a previous output may be
// read through when its file is compared, but it is replaced, never
// written through.
const openNoFollow = 0
