package watch

import (
	"os"
	"path/filepath"
	"strings"
)

// isEditorTemp reports whether a file name belongs to an editor's save
// machinery rather than to the author. Such files appear and vanish around
// every save; reporting them would trigger builds for files folio never reads,
// and a build started mid-save can see a half-written page (zola#2552).
func isEditorTemp(name string) bool {
	switch {
	case name == ".DS_Store",
		strings.HasSuffix(name, "~"),                                 // vim/emacs/gedit backups
		strings.HasPrefix(name, ".#"),                                // emacs lock symlinks
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs auto-save
		strings.HasPrefix(name, ".goutputstream-"),                   // GNOME gio atomic writes
		strings.HasPrefix(name, ".sb-"),                              // Byword
		strings.Contains(name, "___jb_"),                             // JetBrains ___jb_tmp___/___jb_old___/___jb_bak___
		allDigits(name):                                              // vim's 4913 write probe (and its successors)
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swn", ".swx", ".swpx", // vim swap files
		".kate-swp", // Kate
		".bck",      // helix backup written during save
		".tmp":
		return true
	}
	return false
}

// allDigits is vim's probe rule: vim creates "4913" (then 5036, ...) to test
// whether it may write in the folder. Zola drops every extensionless name;
// folio is narrower because an extensionless static file (CNAME) is real.
func allDigits(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isIgnoredDirName reports folders that are never the author's content:
// version control and tool state (.git, .idea, .cache) and node_modules, which
// can hold more folders than the inotify watch limit allows. .well-known is
// kept because static sites publish it (security.txt, ACME challenges).
func isIgnoredDirName(name string) bool {
	if name == "node_modules" {
		return true
	}
	return strings.HasPrefix(name, ".") && name != ".well-known" && name != "." && name != ".."
}

// rootSet answers "does this path matter?" for both backends, so the notify
// and poll watchers cannot disagree about what a change is.
type rootSet struct {
	paths  []string
	ignore func(path string) bool
	follow func(path string) bool // see Options.Follow
}

// newRootSet cleans and absolutizes roots; order is kept and duplicates are
// dropped.
func newRootSet(roots []string, ignore func(string) bool) (rootSet, error) {
	rs := rootSet{ignore: ignore}
	seen := map[string]bool{}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return rootSet{}, err
		}
		if !seen[abs] {
			seen[abs] = true
			rs.paths = append(rs.paths, abs)
		}
	}
	return rs, nil
}

// isWithin reports whether path is dir itself or lies below it.
func isWithin(path, dir string) bool {
	if path == dir {
		return true
	}
	if !strings.HasPrefix(path, dir) {
		return false
	}
	rest := path[len(dir):]
	return strings.HasPrefix(rest, string(filepath.Separator)) || strings.HasSuffix(dir, string(filepath.Separator))
}

// within reports whether path is a root or lies below one.
func (rs rootSet) within(path string) bool {
	for _, r := range rs.paths {
		if isWithin(path, r) {
			return true
		}
	}
	return false
}

// rootsBelow lists the roots that are path itself or lie below it: when such
// a path appears or disappears, the watches for those roots must be redone.
func (rs rootSet) rootsBelow(path string) []string {
	var out []string
	for _, r := range rs.paths {
		if isWithin(r, path) {
			out = append(out, r)
		}
	}
	return out
}

// isRoot reports whether path is one of the roots.
func (rs rootSet) isRoot(path string) bool {
	for _, r := range rs.paths {
		if r == path {
			return true
		}
	}
	return false
}

// skipDir reports whether a folder below a root must be neither watched nor
// reported. Roots themselves are never skipped: the caller asked for them.
func (rs rootSet) skipDir(path string) bool {
	if rs.isRoot(path) {
		return false
	}
	return isIgnoredDirName(filepath.Base(path)) || (rs.ignore != nil && rs.ignore(path))
}

// relevant reports whether a change at path should reach the consumer. isDir
// is only known for paths that still exist; a removed dot-folder is therefore
// reported, which costs one extra build and never a missed one.
func (rs rootSet) relevant(path string, isDir bool) bool {
	if !rs.within(path) {
		return false
	}
	if isDir {
		return !rs.skipDir(path)
	}
	if rs.ignore != nil && rs.ignore(path) {
		return false
	}
	return !isEditorTemp(filepath.Base(path))
}

// everything is the "anything below may have changed" signal: one Write per
// root, sent when events were lost.
func (rs rootSet) everything() []Change {
	cs := make([]Change, 0, len(rs.paths))
	for _, r := range rs.paths {
		cs = append(cs, Change{Path: r, Op: Write})
	}
	return cs
}

// existingAncestor returns the nearest folder at or above dir that exists, so
// that a missing root's creation can be seen from the folder it appears in.
func existingAncestor(dir string) string {
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
