package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// entry is one published file. The etag is computed once, when the file first
// appears with this content, and carried over by every later snapshot in which
// the file is unchanged.
type entry struct {
	data []byte
	etag string
}

// snapshot is one complete, immutable build of the site. Requests load the
// current snapshot once and answer entirely from it.
//
// Its files are base, which successive snapshots share, with over on top:
// the files changed since base was made (a nil entry: removed). An edit
// changes a handful of files among thousands, so a new snapshot copies
// only over, and folds it into a new base once it has grown (layers).
type snapshot struct {
	version uint64
	base    map[string]*entry // never changed once made
	over    map[string]*entry
	count   int // files in the snapshot
	// styles fingerprints every stylesheet in the snapshot, so a browser
	// can tell whether its stylesheets are current without a reload.
	styles string
}

func newEntry(data []byte) *entry {
	sum := sha256.Sum256(data)
	return &entry{data: data, etag: hex.EncodeToString(sum[:8])}
}

// sameBytes reports whether a and b hold the same content. The build hands
// over the very same slice for an unchanged file, so the pointer comparison
// answers almost every call without reading the contents.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// file returns the entry of name, or nil.
func (s *snapshot) file(name string) *entry {
	if e, ok := s.over[name]; ok {
		return e
	}
	return s.base[name]
}

// each calls f for every file of the snapshot, in no order.
func (s *snapshot) each(f func(name string, e *entry)) {
	for name, e := range s.over {
		if e != nil {
			f(name, e)
		}
	}
	for name, e := range s.base {
		if _, ok := s.over[name]; !ok {
			f(name, e)
		}
	}
}

// layers bounds over: once it holds more than a base's size divided by
// layers (and more than a few files), the next snapshot folds it in.
const layers = 16

// nextSnapshot builds the snapshot that follows prev from files, and returns
// the sorted file paths that were added, changed or removed. Unchanged files
// keep prev's entry. When nothing changed, next is prev itself. The
// unchanged files cost a lookup each (see snapshot).
func nextSnapshot(prev *snapshot, files map[string][]byte) (next *snapshot, changed []string) {
	fresh := map[string]*entry{}
	added := 0
	for name, data := range files {
		old := prev.file(name)
		if old != nil && sameBytes(old.data, data) {
			continue
		}
		if old == nil {
			if !validFilePath(name) {
				panic("server: Publish got file path " + `"` + name + `"` +
					"; want a slash path relative to the site root, like \"blog/index.html\"")
			}
			added++
		}
		fresh[name] = newEntry(data)
		changed = append(changed, name)
	}
	// Some of prev's files are gone when fewer of them are in files than
	// prev has.
	if len(files)-added < prev.count {
		prev.each(func(name string, _ *entry) {
			if _, ok := files[name]; !ok {
				fresh[name] = nil
				changed = append(changed, name)
			}
		})
	}
	if len(changed) == 0 {
		return prev, nil
	}
	next = &snapshot{version: prev.version + 1, base: prev.base, over: maps.Clone(prev.over), count: len(files)}
	if next.over == nil {
		next.over = map[string]*entry{}
	}
	maps.Copy(next.over, fresh)
	if len(next.over) > 64 && len(next.over) > len(next.base)/layers {
		base := make(map[string]*entry, next.count)
		next.each(func(name string, e *entry) { base[name] = e })
		next.base, next.over = base, nil
	}
	slices.Sort(changed)
	next.styles = prev.styles
	if slices.ContainsFunc(changed, isStylesheet) {
		next.styles = stylesFingerprint(next)
	}
	return next, changed
}

func isStylesheet(name string) bool { return strings.HasSuffix(name, ".css") }

// stylesFingerprint hashes the names and etags of all stylesheets.
func stylesFingerprint(snap *snapshot) string {
	var names []string
	snap.each(func(name string, _ *entry) {
		if isStylesheet(name) {
			names = append(names, name)
		}
	})
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		h.Write([]byte(name + "\x00" + snap.file(name).etag + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// validFilePath accepts the keys a snapshot may hold: fs.ValidPath (no empty,
// "." or ".." elements, no leading or trailing slash) and no backslash or NUL,
// which no request path can reach.
func validFilePath(name string) bool {
	return fs.ValidPath(name) && name != "." && !strings.ContainsAny(name, "\\\x00")
}

// urlForFile maps a snapshot file path to the URL path a browser shows for
// it: "a/b/index.html" is "/a/b/", "index.html" is "/", anything else keeps
// its name.
func urlForFile(name string) string {
	if name == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(name, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + name
}

// lookup is the outcome of resolving a request path against a snapshot.
type lookup struct {
	status   int    // 200, 302 (see resolve) or 404
	file     string // snapshot path served; "404.html" for a custom not-found page; "" when none
	entry    *entry // nil when no file is served
	location string // redirect target when status is a redirect
}

// resolve maps a clean URL path (see cleanRequestPath) to a snapshot file.
// "/x/" serves "x/index.html"; "/x" redirects to "/x/" when only the
// directory form exists; misses serve "404.html" when the site has one.
// The redirect is 302, not 301: browsers cache a 301 for good, and in a dev
// server "x" may become a file of its own a minute later.
func (s *snapshot) resolve(urlPath string) lookup {
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if e := s.file(name); e != nil {
		return lookup{status: 200, file: name, entry: e}
	}
	if !strings.HasSuffix(urlPath, "/") {
		if s.file(path.Join(name, "index.html")) != nil {
			return lookup{status: 302, location: urlPath + "/"}
		}
	}
	if e := s.file("404.html"); e != nil {
		return lookup{status: 404, file: "404.html", entry: e}
	}
	return lookup{status: 404}
}
