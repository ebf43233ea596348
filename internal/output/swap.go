package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// swapByRenames moves final aside to tmp.old and tmp into its place. A
// process killed between the two leaves no output folder, only the
// previous one at tmp.old, which the next build removes.
func swapByRenames(tmp, final string) (string, error) {
	old := tmp + oldSuffix
	if err := os.Rename(final, old); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, final)
	} else if err != nil {
		return "", fmt.Errorf("move the previous output aside: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		if rerr := os.Rename(old, final); rerr != nil {
			return "", fmt.Errorf("%w; the previous output is in %s", err, old)
		}
		return "", err
	}
	return old, nil
}
