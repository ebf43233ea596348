package images

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Cache keeps variants on disk between builds, each in a file named by its
// key (a hash of the source's bytes and of how the variant is made), so a
// variant is found again whatever its source is called, and a changed
// source or setting simply misses. Entries are written to a temporary file
// and renamed, so a build that stops half-way, or two builds at once,
// leave no torn file. Prune removes what no build since Open asked for.
type Cache struct {
	dir  string
	mu   sync.Mutex
	used map[string]bool // file names asked for since Open
}

// OpenCache uses dir (created on the first Put).
func OpenCache(dir string) *Cache {
	return &Cache{dir: dir, used: map[string]bool{}}
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) file(name string) string {
	return filepath.Join(c.dir, name[:2], name)
}

// use marks an entry as wanted, so Prune keeps it.
func (c *Cache) use(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// has reports whether the entry exists, and marks it used.
func (c *Cache) has(name string) bool {
	c.use(name)
	fi, err := os.Stat(c.file(name))
	return err == nil && fi.Mode().IsRegular()
}

// get reads an entry.
func (c *Cache) get(name string) ([]byte, error) {
	c.use(name)
	return os.ReadFile(c.file(name))
}

// put stores an entry.
func (c *Cache) put(name string, data []byte) error {
	c.use(name)
	file := c.file(name)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Prune removes the entries (and stray temporary files) that nothing asked
// for since the cache was opened, and the folders left empty; it returns
// how many files it removed. Call it after a build that completed, so that
// the cache holds what the site uses now.
func (c *Cache) Prune() (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	removed := 0
	var dirs []string
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != c.dir {
				dirs = append(dirs, p)
			}
			return nil
		}
		if c.used[d.Name()] && !strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removed++
		return nil
	})
	for _, d := range dirs {
		_ = os.Remove(d) // fails, as wanted, unless empty
	}
	return removed, err
}

// CacheEnv names a variant cache shared by several sites (CI, tests): set,
// it overrides folio.yaml's images: cache:, and builds do not prune it.
const CacheEnv = "FOLIO_IMAGE_CACHE"

// ShareTestCache sets $FOLIO_IMAGE_CACHE, unless it is set, to one folder
// under the system's temporary folder that the tests of every package
// share, so that the sample site's photos are processed once, not once
// per test that builds it. It is for TestMain functions.
func ShareTestCache() {
	if os.Getenv(CacheEnv) == "" {
		os.Setenv(CacheEnv, filepath.Join(os.TempDir(), "folio-test-image-cache"))
	}
}
