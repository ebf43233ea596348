package preview

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/sitefs"
	"folio/internal/workpool"
)

// sourceRoots are the parts of a site folder a build reads. The output
// folder is not among them: the preview never reads what it writes.
var sourceRoots = []string{"folio.yaml", "content", "layouts", "static", "i18n"}

// SourceRoots lists the files and folders of a site that a build reads,
// which a preview watches.
func SourceRoots() []string { return slices.Clone(sourceRoots) }

// sourceTree is a session's in-memory copy of the sources of a site. Builds
// read it instead of the disk, so a build sees one consistent state of the
// site however the author saves during it, and the tree knows a digest of
// every file, which is how the caches recognise unchanged pages without
// reading them. It is an fs.FS; only the session changes it, between builds.
type sourceTree struct {
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

// changeKind says what happened to a source file between two builds.
type changeKind uint8

const (
	added changeKind = iota + 1
	modified
	removed
)

// sourceChange is one file that differs from the previous build.
type sourceChange struct {
	rel  string // slash path relative to the site folder
	kind changeKind
}

func newSourceTree(root string) *sourceTree {
	return &sourceTree{root: root, files: map[string]*sourceFile{}, gen: map[string]uint64{},
		dirs: map[string]*sourceDir{".": {children: map[string]bool{}}}}
}

// sync brings the tree up to date with the disk at the given paths (absolute
// or relative to the site folder; files or folders, existing or not) and
// returns the files that changed, sorted. A path that is the site folder
// itself resyncs every root.
func (t *sourceTree) sync(paths []string) ([]sourceChange, error) {
	changes := map[string]changeKind{}
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
		rel, ok := t.relative(p)
		if !ok {
			continue
		}
		if rel == "." {
			for _, r := range sourceRoots {
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
	out := make([]sourceChange, 0, len(changes))
	for rel, k := range changes {
		out = append(out, sourceChange{rel: rel, kind: k})
		t.gen[rootOf(rel)]++
	}
	slices.SortFunc(out, func(a, b sourceChange) int { return strings.Compare(a.rel, b.rel) })
	return out, nil
}

// open opens the site folder for reading, again when folio.yaml may have
// changed what links it allows, and reports whether it did: everything is
// then read again.
func (t *sourceTree) open(paths []string) (bool, error) {
	if t.disk != nil && !slices.ContainsFunc(paths, func(p string) bool {
		rel, _ := t.relative(p)
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

// relative maps a path to a slash path inside the site folder, and reports
// whether a build reads it.
func (t *sourceTree) relative(p string) (string, bool) {
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
	return rel, slices.Contains(sourceRoots, rootOf(rel))
}

func rootOf(rel string) string {
	root, _, _ := strings.Cut(rel, "/")
	return root
}

// syncPath makes rel and everything below it match the disk.
func (t *sourceTree) syncPath(rel string, changes map[string]changeKind) error {
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
func (t *sourceTree) syncDir(rel string, changes map[string]changeKind) error {
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
		fi, err := t.disk.Stat(r) // follows the links the rules allow
		var le *sitefs.LinkError
		if errors.As(err, &le) {
			t.brokenLink(r, le, changes)
			return nil
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone while walking; the watcher reports it
			}
			return err
		}
		if d.IsDir() {
			t.addDir(r, fi.ModTime())
			return nil
		}
		found = append(found, walkedFile{rel: r, fi: fi})
		return nil
	})
	if err != nil {
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
func (t *sourceTree) brokenLink(rel string, le *sitefs.LinkError, changes map[string]changeKind) {
	sum := "link: " + le.Error()
	old := t.files[rel]
	if old != nil && old.sum == sum {
		return
	}
	t.files[rel] = &sourceFile{err: le, sum: sum, mode: fs.ModeSymlink}
	if old == nil {
		t.link(rel, false)
		note(changes, rel, added)
	} else {
		note(changes, rel, modified)
	}
}

func under(name, dir string) bool {
	return name == dir || strings.HasPrefix(name, dir+"/")
}

// readFile reads one file and records whether it changed.
func (t *sourceTree) readFile(rel string, fi fs.FileInfo, changes map[string]changeKind) error {
	data, err := t.disk.ReadFile(rel)
	return t.takeFile(rel, fi, data, err, changes)
}

// walkedFile is a file a folder's walk found, to be read.
type walkedFile struct {
	rel string
	fi  fs.FileInfo
}

// readFiles reads the files a walk found on several goroutines (the first
// build of a large site reads thousands; the disk and the page cache
// answer several at once), then takes them into the tree one by one, in
// the walk's order, so that the tree changes as readFile would change it.
func (t *sourceTree) readFiles(found []walkedFile, changes map[string]changeKind) error {
	data := make([][]byte, len(found))
	errs := make([]error, len(found))
	workpool.Indexes(4*workpool.Cores(), len(found), func(i int) {
		data[i], errs[i] = t.disk.ReadFile(found[i].rel)
	})
	for i, f := range found {
		if err := t.takeFile(f.rel, f.fi, data[i], errs[i], changes); err != nil {
			return err
		}
	}
	return nil
}

// takeFile takes what reading the file rel gave into the tree.
func (t *sourceTree) takeFile(rel string, fi fs.FileInfo, data []byte, err error, changes map[string]changeKind) error {
	if le := (*sitefs.LinkError)(nil); errors.As(err, &le) {
		t.brokenLink(rel, le, changes)
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.removeFile(rel, changes)
		return nil
	}
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	old := t.files[rel]
	if old != nil && old.sum == string(sum[:]) {
		if !old.mod.Equal(fi.ModTime()) {
			old.mod = fi.ModTime() // the sitemap dates undated pages by it
			note(changes, rel, modified)
		}
		return nil
	}
	t.files[rel] = &sourceFile{data: data, sum: string(sum[:]), mode: fi.Mode(), mod: fi.ModTime()}
	if old == nil {
		t.link(rel, false)
		note(changes, rel, added)
	} else {
		note(changes, rel, modified)
	}
	return nil
}

// note merges what happened to a file within one sync: a file removed and
// created again (a rename-save) is modified.
func note(changes map[string]changeKind, rel string, k changeKind) {
	switch prev := changes[rel]; {
	case prev == 0:
		changes[rel] = k
	case prev == removed && k == added:
		changes[rel] = modified
	case prev == added && k == removed:
		delete(changes, rel)
	case k == removed:
		changes[rel] = removed
	}
}

func (t *sourceTree) addDir(rel string, mod time.Time) {
	if d := t.dirs[rel]; d != nil {
		d.mod = mod
		return
	}
	t.dirs[rel] = &sourceDir{mod: mod, children: map[string]bool{}}
	t.link(rel, true)
}

// link enters rel into its parent folder, creating the folders above it.
func (t *sourceTree) link(rel string, isDir bool) {
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

func (t *sourceTree) unlink(rel string) {
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
func (t *sourceTree) removeBelow(rel string, changes map[string]changeKind) {
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

func (t *sourceTree) removeFile(rel string, changes map[string]changeKind) {
	if t.files[rel] == nil {
		return
	}
	delete(t.files, rel)
	t.unlink(rel)
	note(changes, rel, removed)
}

func (t *sourceTree) removeDir(rel string) {
	delete(t.dirs, rel)
	t.unlink(rel)
}
