//go:build !linux

package output

// swap puts the folder tmp in place of final by two renames (only Linux has
// an exchange of two folders in one step) and returns where the previous
// output now is.
func swap(tmp, final string) (string, error) { return swapByRenames(tmp, final) }
