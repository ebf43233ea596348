// Package sourcetree holds the sources of a site in memory for folio
// serve's preview (package preview): a Tree is an fs.FS that builds read
// instead of the disk, so that a build sees one consistent state of the
// site however the author saves during it, and it knows a digest of every
// file, which is how the preview's caches recognise unchanged pages
// without reading them. The preview syncs it with the disk at the paths a
// watcher names (Sync), between builds; it reads the site folder with the
// link rules of package sitefs. It imports no package of the build.
package sourcetree

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/sitefs"
)

// roots are the parts of a site folder a build reads. The output
// folder is not among them: the preview never reads what it writes.
var roots = []string{"folio.yaml", "content", "layouts", "static", "i18n"}

// Roots lists the files and folders of a site that a build reads, which
// a preview watches.
func Roots() []string { return slices.Clone(roots) }

// Tree is a session's in-memory copy of the sources of a site (see the
// package comment). Only the session changes it, between builds.
type Tree struct {
	root string
	// disk reads the site folder with the link rules of package sitefs;
	// allow is the follow_links of folio.yaml it was opened with.
	disk  *sitefs.FS
	allow []string
	files map[string]*sourceFile
	dirs  map[string]*sourceDir
	// gen counts changes below each root, so that what is derived from a
	// whole root (the templates from layouts/) is redone only when it changed.
	gen map[string]uint64
}

type sourceFile struct {
	// err is why a link in the site cannot be read (sitefs.LinkError);
	// the build reports it when it opens the file.
	err  error
	data []byte
	sum  string
	mode fs.FileMode
	mod  time.Time
}

type sourceDir struct {
	mod      time.Time
	children map[string]bool // name → is a folder
	sorted   []fs.DirEntry   // nil until asked for after a change
}

// ChangeKind says what happened to a source file between two builds.
type ChangeKind uint8

const (
	Added ChangeKind = iota + 1
	Modified
	Removed
)

// Change is one file that differs from the previous build: its slash
// path relative to the site folder, and what happened to it.
type Change struct {
	Rel  string
	Kind ChangeKind
}

// New is the tree of the site folder root, empty until the first Sync.
func New(root string) *Tree {
	return &Tree{root: root, files: map[string]*sourceFile{}, gen: map[string]uint64{},
		dirs: map[string]*sourceDir{".": {children: map[string]bool{}}}}
}

// Sync brings the tree up to date with the disk at the given paths (absolute
// or relative to the site folder; files or folders, existing or not) and
// returns the files that changed, sorted. A path that is the site folder
// itself resyncs every root.
func (t *Tree) Sync(paths []string) ([]Change, error) {
	changes := map[string]ChangeKind{}
	reopened, err := t.open(paths)
	if err != nil {
		return nil, err
	}
	if reopened {
		paths = []string{"."}
	} else {
		t.disk = t.disk.Fresh() // folders may have become links since
	}
	for _, p := range paths {
		rel, ok := t.Relative(p)
		if !ok {
			continue
		}
		if rel == "." {
			for _, r := range roots {
				if err := t.syncPath(r, changes); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := t.syncPath(rel, changes); err != nil {
			return nil, err
		}
	}
	out := make([]Change, 0, len(changes))
	for rel, k := range changes {
		out = append(out, Change{Rel: rel, Kind: k})
		t.gen[rootOf(rel)]++
	}
	slices.SortFunc(out, func(a, b Change) int { return strings.Compare(a.Rel, b.Rel) })
	return out, nil
}

// open opens the site folder for reading, again when folio.yaml may have
// changed what links it allows, and reports whether it did: everything is
// then read again.
func (t *Tree) open(paths []string) (bool, error) {
	if t.disk != nil && !slices.ContainsFunc(paths, func(p string) bool {
		rel, _ := t.Relative(p)
		return rel == "." || rel == config.FileName
	}) {
		return false, nil
	}
	plain, err := sitefs.New(t.root, nil)
	if err != nil {
		return false, err
	}
	var allow []string
	if cfg, err := config.Load(plain); err == nil { // a bad folio.yaml is the build's to report
		allow = cfg.FollowLinks
	}
	if t.disk != nil && slices.Equal(allow, t.allow) {
		return false, nil
	}
	disk, err := sitefs.New(t.root, allow)
	if err != nil {
		return false, err
	}
	t.disk, t.allow = disk, allow
	return true, nil
}

// Relative maps a path to a slash path inside the site folder, and reports
// whether a build reads it.
func (t *Tree) Relative(p string) (string, bool) {
	if filepath.IsAbs(p) {
		r, err := filepath.Rel(t.root, p)
		if err != nil {
			return "", false
		}
		p = r
	}
	rel := path.Clean(filepath.ToSlash(p))
	if rel == "." {
		return rel, true
	}
	return rel, slices.Contains(roots, rootOf(rel))
}

func rootOf(rel string) string {
	root, _, _ := strings.Cut(rel, "/")
	return root
}

// syncPath makes rel and everything below it match the disk.
func (t *Tree) syncPath(rel string, changes map[string]ChangeKind) error {
	fi, err := t.disk.Stat(rel)
	var le *sitefs.LinkError
	switch {
	case errors.As(err, &le):
		if t.dirs[rel] != nil {
			t.removeBelow(rel, changes)
		}
		t.brokenLink(rel, le, changes)
		return nil
	case errors.Is(err, fs.ErrNotExist):
		t.removeBelow(rel, changes)
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return t.syncDir(rel, changes)
	}
	if t.dirs[rel] != nil {
		t.removeBelow(rel, changes) // a folder replaced by a file
	}
	return t.readFile(rel, fi, changes)
}

// syncDir reads a folder from the disk and drops what it no longer holds.
func (t *Tree) syncDir(rel string, changes map[string]ChangeKind) error {
	if f := t.files[rel]; f != nil {
		t.removeBelow(rel, changes) // a file replaced by a folder
	}
	seen := map[string]bool{}
	var found []walkedFile
	err := fs.WalkDir(t.disk, rel, func(r string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		seen[r] = true
		if !d.IsDir() {
			found = append(found, walkedFile{rel: r}) // stated below, on several goroutines
			return nil
		}
		fi, err := t.disk.Stat(r) // follows the links the rules allow
		if ok, err := t.statResult(r, err, changes); !ok {
			return err
		}
		t.addDir(r, fi.ModTime())
		return nil
	})
	if err != nil {
		return err
	}
	if found, err = t.statFiles(found, changes); err != nil {
		return err
	}
	if err := t.readFiles(found, changes); err != nil {
		return err
	}
	for name := range t.files {
		if under(name, rel) && !seen[name] {
			t.removeFile(name, changes)
		}
	}
	for name := range t.dirs {
		if under(name, rel) && name != rel && !seen[name] {
			t.removeDir(name)
		}
	}
	return nil
}

// brokenLink records a link that cannot be read as a file whose reading
// fails with le.
func (t *Tree) brokenLink(rel string, le *sitefs.LinkError, changes map[string]ChangeKind) {
	sum := "link: " + le.Error()
	old := t.files[rel]
	if old != nil && old.sum == sum {
		return
	}
	t.files[rel] = &sourceFile{err: le, sum: sum, mode: fs.ModeSymlink}
	if old == nil {
		t.link(rel, false)
		note(changes, rel, Added)
	} else {
		note(changes, rel, Modified)
	}
}

func under(name, dir string) bool {
	return name == dir || strings.HasPrefix(name, dir+"/")
}

// note merges what happened to a file within one sync: a file removed and
// created again (a rename-save) is modified.
func note(changes map[string]ChangeKind, rel string, k ChangeKind) {
	switch prev := changes[rel]; {
	case prev == 0:
		changes[rel] = k
	case prev == Removed && k == Added:
		changes[rel] = Modified
	case prev == Added && k == Removed:
		delete(changes, rel)
	case k == Removed:
		changes[rel] = Removed
	}
}

func (t *Tree) addDir(rel string, mod time.Time) {
	if d := t.dirs[rel]; d != nil {
		d.mod = mod
		return
	}
	t.dirs[rel] = &sourceDir{mod: mod, children: map[string]bool{}}
	t.link(rel, true)
}

// link enters rel into its parent folder, creating the folders above it.
func (t *Tree) link(rel string, isDir bool) {
	parent, name := path.Split(rel)
	parent = strings.TrimSuffix(parent, "/")
	if parent == "" {
		parent = "."
	}
	d := t.dirs[parent]
	if d == nil {
		t.addDir(parent, time.Time{})
		d = t.dirs[parent]
	}
	d.children[name] = isDir
	d.sorted = nil
}

func (t *Tree) unlink(rel string) {
	parent, name := path.Split(rel)
	parent = strings.TrimSuffix(parent, "/")
	if parent == "" {
		parent = "."
	}
	if d := t.dirs[parent]; d != nil {
		delete(d.children, name)
		d.sorted = nil
	}
}

// removeBelow removes rel (a file or a folder) and everything below it; a
// prefix ending in "/" removes only what is below.
func (t *Tree) removeBelow(rel string, changes map[string]ChangeKind) {
	dir := strings.TrimSuffix(rel, "/")
	for name := range t.files {
		if name == rel || strings.HasPrefix(name, dir+"/") {
			t.removeFile(name, changes)
		}
	}
	for name := range t.dirs {
		if name != "." && (name == rel || strings.HasPrefix(name, dir+"/")) {
			t.removeDir(name)
		}
	}
}

func (t *Tree) removeFile(rel string, changes map[string]ChangeKind) {
	if t.files[rel] == nil {
		return
	}
	delete(t.files, rel)
	t.unlink(rel)
	note(changes, rel, Removed)
}

func (t *Tree) removeDir(rel string) {
	delete(t.dirs, rel)
	t.unlink(rel)
}

// Root is the site folder, absolute.
func (t *Tree) Root() string { return t.root }

// Gen counts the changes below a root (content, layouts, i18n, ...), so
// that what is derived from a whole root is redone only when it changed.
func (t *Tree) Gen(root string) uint64 { return t.gen[root] }

// Has reports whether the tree holds the file rel.
func (t *Tree) Has(rel string) bool { return t.files[rel] != nil }

// Data is the content of the file rel as last read, nil for none.
func (t *Tree) Data(rel string) []byte {
	if f := t.files[rel]; f != nil {
		return f.data
	}
	return nil
}

// ModTime is when the file rel was last saved, as last read.
func (t *Tree) ModTime(rel string) (time.Time, bool) {
	if f := t.files[rel]; f != nil {
		return f.mod, true
	}
	return time.Time{}, false
}

// Sums calls each with every file and its digest, in no particular order.
func (t *Tree) Sums(each func(rel, sum string)) {
	for rel, f := range t.files {
		each(rel, f.sum)
	}
}
