package output

import (
	"errors"
	"os"
	"path/filepath"
	"sync"

	"folio/internal/workpool"
)

// removeOutput removes a whole output folder: quickly with removeTree, then,
// if that stopped at an entry it could not remove, with os.RemoveAll, which
// goes on past such entries and removes all it can.
func removeOutput(root string) error {
	// A link is removed, never followed: what it points to is not ours.
	if fi, err := os.Lstat(root); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	} else if !fi.IsDir() {
		return os.Remove(root)
	}
	if err := removeTree(root); err != nil {
		return os.RemoveAll(root)
	}
	return nil
}

// removeTree removes a previous output, which is thousands of page folders
// of one or two files. os.RemoveAll does it one entry at a time and tries
// every folder as a file first; here the folder entries' types (from the
// directory listing, no stat) say which call each needs, and the page
// folders are emptied by several goroutines, since on a disk each removal
// waits on the file system more than on the processor.
func removeTree(root string) error {
	var (
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	// The two top levels are listed here, so that the folders handed out
	// are the many small page folders rather than a few large sections.
	var rest []string
	var err error
	workpool.Feed(2*workpool.Cores(), func(send func(string)) {
		err = walkTop(root, 2, send, &rest)
	}, func(dir string) {
		if err := removeSerial(dir); err != nil {
			fail(err)
		}
	})
	if err != nil {
		return err
	}
	if first != nil {
		return first
	}
	for i := len(rest) - 1; i >= 0; i-- { // deepest first
		if err := os.Remove(rest[i]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// walkTop removes the files of the first depth levels under dir, sends the
// folders below them to send, and appends the folders of those levels to
// rest, parents before children, for the caller to remove once empty.
func walkTop(dir string, depth int, send func(string), rest *[]string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	*rest = append(*rest, dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case !e.IsDir():
			if err := os.Remove(p); err != nil {
				return err
			}
		case depth > 1:
			if err := walkTop(p, depth-1, send, rest); err != nil {
				return err
			}
		default:
			send(p)
		}
	}
	return nil
}

// removeSerial removes one small folder and what it holds.
func removeSerial(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			err = removeSerial(p)
		} else {
			err = os.Remove(p)
		}
		if err != nil {
			return err
		}
	}
	return os.Remove(dir)
}
