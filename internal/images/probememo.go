package images

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"time"
)

// A build probes every image it shows (Probe), which reads the whole file
// and hashes it: with a warm cache, for a site of twenty camera photos of
// 4 MB, that is most of what the images cost a build, and it runs before
// the pages. The cache therefore also remembers each probe, keyed by the
// file's name and identity on disk (device, inode, size, modification and
// change times to the nanosecond). Any write to the file, or its
// replacement by another (a rename, a checkout, an export over it), changes
// its change time, which no program can set back, so a changed image is
// probed again. A probe is remembered only once the file's times are two
// seconds old, so that a file written again within the granularity of a
// coarse file system's clock is not mistaken for the one probed (as git
// does with its index).

// racyWindow is how old a file's times must be for its probe to be kept.
const racyWindow = 2 * time.Second

// probeEntry names the cache entry of the probe of the file called name
// with the information fi, or "" when the file system gives no identity.
func probeEntry(name string, fi fs.FileInfo) string {
	id, ok := fileIdentity(fi)
	if !ok {
		return ""
	}
	sum := sha256.Sum256([]byte(name + "\x00" + id))
	return hex.EncodeToString(sum[:]) + ".probe"
}

// Probed returns the remembered probe of the file called name (its path in
// the site, for the extension check), described by fi, when the cache has
// one for the file as it is now and the image is within maxPixels.
func (c *Cache) Probed(name string, fi fs.FileInfo, maxPixels int64) (Info, bool) {
	entry := probeEntry(name, fi)
	if c == nil || entry == "" {
		return Info{}, false
	}
	data, err := c.get(entry)
	if err != nil {
		return Info{}, false
	}
	var in Info
	if json.Unmarshal(data, &in) != nil || in.Format == "" || int64(in.Width)*int64(in.Height) > maxPixels {
		return Info{}, false // what Probe refuses, it refuses again with its message
	}
	return in, true
}

// RememberProbe keeps the probe of a file that Probe accepted, unless its
// times are too recent to be trusted (racyWindow). It is a cache: failures
// are ignored.
func (c *Cache) RememberProbe(name string, fi fs.FileInfo, in Info, now time.Time) {
	entry := probeEntry(name, fi)
	if c == nil || entry == "" || !settled(fi, now) {
		return
	}
	if data, err := json.Marshal(in); err == nil {
		_ = c.put(entry, data)
	}
}
