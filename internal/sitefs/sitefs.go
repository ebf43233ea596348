// Package sitefs owns how folio reads a site folder from the disk, and in
// particular which symbolic links it follows.
//
// A site is often built by someone who did not write it (a pull-request
// preview, CI), so a link in content/ or static/ must not publish files
// from elsewhere on the machine: /proc/self/environ, /etc/passwd, a private
// key. FS follows a link only when its target lies inside the site folder,
// or inside a folder that folio.yaml names under follow_links; /proc, /sys
// and /dev are never followed. Any other link, and a link that leads back
// to a folder holding it (a loop), is an error naming the link and its
// target, which a build reports like any other unreadable file. Folders
// reached through an allowed link are listed as folders, so that a walk
// goes into them.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// never are the folders no link is followed into, whatever folio.yaml says:
// reading them publishes the machine, not the site.
var never = []string{"/proc", "/sys", "/dev"}

// FS is the site folder as an fs.FS with the link rules above.
type FS struct {
	root  string   // absolute, links resolved
	allow []string // absolute, links resolved
	disk  fs.FS
	// dirs caches the real paths of folders already checked ("content/blog/"
	// → its real path), so that a file in them costs one lstat; see Fresh.
	dirs *sync.Map
}

// Fresh returns the same FS with its cache of checked folders emptied, for
// a reader that reads the site again after it may have changed (a preview's
// next sync).
func (f *FS) Fresh() *FS {
	g := *f
	g.dirs = new(sync.Map)
	return &g
}

// New opens the site folder root. allow lists further folders (absolute,
// or relative to root) that links may point into.
func New(root string, allow []string) (*FS, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", root, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, siteFolderError(root, err)
	}
	if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("site folder %s is a file, not a folder; pass the folder that holds content/ and folio.yaml with -s (such as -s %s)", root, filepath.Dir(root))
	}
	f := &FS{root: real, disk: os.DirFS(real), dirs: new(sync.Map)}
	for _, a := range allow {
		if !filepath.IsAbs(a) {
			a = filepath.Join(real, a)
		}
		ra, err := filepath.EvalSymlinks(a)
		if err != nil {
			return nil, fmt.Errorf("folio.yaml: follow_links names %s, which cannot be read (%v); name an existing folder", a, reason(err))
		}
		for _, n := range never {
			if within(ra, n) || within(n, ra) {
				return nil, fmt.Errorf("folio.yaml: follow_links names %s; links into %s are never followed, since that would publish the machine's own files", a, n)
			}
		}
		f.allow = append(f.allow, ra)
	}
	return f, nil
}

func siteFolderError(root string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("site folder %s does not exist; pass the folder that holds content/ with -s, or run folio inside it", root)
	}
	return fmt.Errorf("site folder %s: %v", root, reason(err))
}

// Root is the site folder, absolute, with links resolved.
func (f *FS) Root() string { return f.root }

// LinkError is a symbolic link in the site that folio does not follow.
type LinkError struct {
	Link   string // slash path inside the site folder
	Target string // what the link says
	Why    string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, %s", e.Link, e.Target, e.Why)
}

// ReadProblem says what is wrong with reading file, which is the link or
// lies below it.
func (e *LinkError) ReadProblem(file string) string {
	if file == e.Link {
		return fmt.Sprintf("is a symbolic link to %s, %s", e.Target, e.Why)
	}
	return fmt.Sprintf("is read through %s, a symbolic link to %s, %s", e.Link, e.Target, e.Why)
}

// Check reports whether folio may read name (a slash path inside the site)
// by the link rules, and returns the real path it leads to.
func (f *FS) Check(name string) (string, error) {
	if full, fi := f.plain(name); fi != nil {
		return full, nil
	}
	dir, base := path.Split(name)
	real, err := f.check(name)
	if err == nil && base != "" {
		// When name itself is no link, its real path is its folder's real
		// path and its base name.
		if fi, lerr := os.Lstat(filepath.Join(f.root, filepath.FromSlash(name))); lerr == nil && fi.Mode()&fs.ModeSymlink == 0 {
			if rd := filepath.Dir(real); f.permitted(rd) {
				f.dirs.Store(dir, rd)
			}
		}
	}
	return real, err
}

// plain returns the real path and the Lstat information of name when it
// is no link and lies in a folder already checked: what the link rules let
// through with one lstat. It returns a nil FileInfo otherwise.
func (f *FS) plain(name string) (string, fs.FileInfo) {
	dir, base := path.Split(name)
	realDir, ok := f.dirs.Load(dir)
	if !ok || base == "" {
		return "", nil
	}
	full := filepath.Join(realDir.(string), base)
	if fi, err := os.Lstat(full); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		return full, fi
	}
	return "", nil
}

func (f *FS) check(name string) (string, error) {
	full := filepath.Join(f.root, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if lerr := f.findLink(name); lerr != nil {
				return "", lerr
			}
		}
		if isLoop(err) {
			if lerr := f.findLink(name); lerr != nil {
				return "", lerr
			}
		}
		return "", err
	}
	if f.permitted(real) {
		return real, f.selfLink(name, full, real)
	}
	if lerr := f.findLink(name); lerr != nil {
		return "", lerr
	}
	return "", &LinkError{Link: name, Target: real, Why: f.outside()}
}

func (f *FS) permitted(real string) bool {
	for _, n := range never {
		if within(real, n) {
			return false
		}
	}
	if within(real, f.root) {
		return true
	}
	for _, a := range f.allow {
		if within(real, a) {
			return true
		}
	}
	return false
}

func (f *FS) outside() string {
	return "outside the site folder; folio follows links only to files inside the site (copy the file into the site, or name the folder it is in under follow_links in folio.yaml)"
}

// findLink walks name one element at a time to find the first link that
// breaks the rules, for a message that names it.
func (f *FS) findLink(name string) error {
	cur := f.root
	elems := strings.Split(name, "/")
	for i, el := range elems {
		next := filepath.Join(cur, el)
		fi, err := os.Lstat(next)
		if err != nil {
			return nil
		}
		rel := path.Join(elems[:i+1]...)
		if fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(next)
			real, err := filepath.EvalSymlinks(next)
			switch {
			case isLoop(err):
				return &LinkError{Link: rel, Target: target, Why: "which leads back to itself through other links (a loop); point it at a file or folder, or remove it"}
			case errors.Is(err, fs.ErrNotExist):
				return &LinkError{Link: rel, Target: target, Why: "which does not exist; fix the link or remove it"}
			case err != nil:
				return nil
			case within(real, "/proc") || within(real, "/sys") || within(real, "/dev"):
				return &LinkError{Link: rel, Target: target, Why: "a file of the machine, not of the site; links into /proc, /sys and /dev are never followed: remove the link"}
			case !f.permitted(real):
				return &LinkError{Link: rel, Target: target, Why: f.outside()}
			}
			next = real
		}
		cur = next
	}
	return nil
}

func isLoop(err error) bool {
	return err != nil && (errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links"))
}

// within reports whether p is dir or lies below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if _, err := f.Check(name); err != nil {
		return nil, pathError("open", name, err)
	}
	file, err := f.disk.Open(name)
	if err != nil {
		return nil, err
	}
	if fi, err := file.Stat(); err == nil && fi.IsDir() {
		return &dirFile{File: file, list: func() ([]fs.DirEntry, error) { return f.ReadDir(name) }}, nil
	}
	return file, nil
}

// dirFile lists a folder by the link rules, as ReadDir does.
type dirFile struct {
	fs.File
	list    func() ([]fs.DirEntry, error)
	entries []fs.DirEntry
	read    bool
}

// ReadDir implements fs.ReadDirFile.
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		entries, err := d.list()
		if err != nil {
			return nil, err
		}
		d.entries, d.read = entries, true
	}
	if n <= 0 {
		rest := d.entries
		d.entries = nil
		return rest, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// Stat implements fs.StatFS.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if _, fi := f.plain(name); fi != nil {
		return fi, nil // no link: its Lstat is its Stat
	}
	if _, err := f.Check(name); err != nil {
		return nil, pathError("stat", name, err)
	}
	return fs.Stat(f.disk, name)
}

// ReadFile implements fs.ReadFileFS.
func (f *FS) ReadFile(name string) ([]byte, error) { return f.ReadFileIn(name, nil) }

// ReadFileIn is ReadFile reading into buf: the bytes come back in buf
// (from its start, sharing its memory) when the file fits in it with a
// byte to spare, in memory of their own otherwise. A caller reading many
// files whose sizes it knows reads them into one Slab.
func (f *FS) ReadFileIn(name string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := f.readPlain(name, buf); ok {
		return data, nil
	}
	if _, err := f.Check(name); err != nil {
		return nil, pathError("read", name, err)
	}
	return fs.ReadFile(f.disk, name)
}

func pathError(op, name string, err error) error {
	var le *LinkError
	if errors.As(err, &le) {
		return le
	}
	return &fs.PathError{Op: op, Path: name, Err: reason(err)}
}

// ReadDir implements fs.ReadDirFS. An entry that is a link the rules allow
// is listed as what it leads to (a folder as a folder); a link they do not
// allow, or a link to a folder holding it, is listed as a file, and opening
// it gives the error that says why.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	real, err := f.Check(name)
	if err != nil {
		return nil, pathError("readdir", name, err)
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: reason(err)}
	}
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		rel := path.Join(name, e.Name())
		target, err := f.Check(rel)
		if err != nil {
			continue // listed as a link; Open reports it
		}
		fi, err := os.Stat(target)
		if err != nil {
			continue
		}
		entries[i] = fs.FileInfoToDirEntry(renamed{fi, e.Name()})
	}
	return entries, nil
}

// selfLink reports a link at name to a folder that holds it.
func (f *FS) selfLink(name, full, real string) error {
	fi, err := os.Lstat(full)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 || name == "." {
		return nil
	}
	if ti, err := os.Stat(real); err != nil || !ti.IsDir() || !f.loops(path.Dir(name), real) {
		return nil
	}
	target, _ := os.Readlink(full)
	return &LinkError{Link: name, Target: target, Why: "a folder that holds the link, so reading it would never end (a loop); remove the link"}
}

// loops reports whether the folder target is dir (a slash path inside the
// site) or holds it, once links are resolved: walking into it would never
// end.
func (f *FS) loops(dir, target string) bool {
	for d := dir; ; d = path.Dir(d) {
		real, err := filepath.EvalSymlinks(filepath.Join(f.root, filepath.FromSlash(d)))
		if err == nil && within(real, target) {
			return true
		}
		if d == "." {
			return false
		}
	}
}

// renamed is a link's target's info under the link's name.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }
