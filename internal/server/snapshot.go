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
type snapshot struct {
	version uint64
	files   map[string]*entry
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

// nextSnapshot builds the snapshot that follows prev from files, and returns
// the sorted file paths that were added, changed or removed. Unchanged files
// keep prev's entry. When nothing changed, next is prev itself.
//
// An edit changes a handful of files among thousands, so the unchanged
// ones cost a lookup each: the new map is a clone of prev's with the
// changes applied, not one built entry by entry.
func nextSnapshot(prev *snapshot, files map[string][]byte) (next *snapshot, changed []string) {
	fresh := map[string]*entry{}
	for name, data := range files {
		old, ok := prev.files[name]
		if ok && sameBytes(old.data, data) {
			continue
		}
		if !ok && !validFilePath(name) { // every name in prev was checked when it came
			panic("server: Publish got file path " + `"` + name + `"` +
				"; want a slash path relative to the site root, like \"blog/index.html\"")
		}
		fresh[name] = newEntry(data)
		changed = append(changed, name)
	}
	var gone []string
	// Some of prev's files are gone when fewer of them are in files than
	// prev has.
	if len(files)-countNew(prev, fresh) < len(prev.files) {
		for name := range prev.files {
			if _, ok := files[name]; !ok {
				gone = append(gone, name)
			}
		}
	}
	if len(fresh) == 0 && len(gone) == 0 {
		return prev, nil
	}
	next = &snapshot{version: prev.version + 1, files: maps.Clone(prev.files)}
	maps.Copy(next.files, fresh)
	for _, name := range gone {
		delete(next.files, name)
	}
	changed = append(changed, gone...)
	slices.Sort(changed)
	next.styles = prev.styles
	if slices.ContainsFunc(changed, isStylesheet) {
		next.styles = stylesFingerprint(next.files)
	}
	return next, changed
}

// countNew counts the fresh entries whose names prev does not have.
func countNew(prev *snapshot, fresh map[string]*entry) int {
	n := 0
	for name := range fresh {
		if _, ok := prev.files[name]; !ok {
			n++
		}
	}
	return n
}

func isStylesheet(name string) bool { return strings.HasSuffix(name, ".css") }

// stylesFingerprint hashes the names and etags of all stylesheets.
func stylesFingerprint(files map[string]*entry) string {
	var names []string
	for name := range files {
		if isStylesheet(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		h.Write([]byte(name + "\x00" + files[name].etag + "\x00"))
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
	if e, ok := s.files[name]; ok {
		return lookup{status: 200, file: name, entry: e}
	}
	if !strings.HasSuffix(urlPath, "/") {
		if _, ok := s.files[path.Join(name, "index.html")]; ok {
			return lookup{status: 302, location: urlPath + "/"}
		}
	}
	if e, ok := s.files["404.html"]; ok {
		return lookup{status: 404, file: "404.html", entry: e}
	}
	return lookup{status: 404}
}
