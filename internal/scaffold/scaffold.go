// Package scaffold owns `folio new`: a new site that builds at once, and
// new chapters, parts and posts placed where the site's own order says.
// It writes only new files: a file that exists is never overwritten, and
// every call reports the files it wrote.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
)

//go:embed all:skeleton
var skeleton embed.FS

// SiteOptions are the choices of a new site.
type SiteOptions struct {
	Title  string // default: the folder's name
	Author string
	// Today is the date of the first post.
	Today time.Time
}

// Site writes a new site into dir (created when missing), and returns the
// files it wrote, relative to dir. It writes nothing when any of them
// exists already.
func Site(dir string, opts SiteOptions) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if opts.Title == "" {
		opts.Title = titleOf(filepath.Base(abs))
	}
	if opts.Author == "" {
		opts.Author = "Your Name"
	}
	data := map[string]any{"Title": opts.Title, "Author": opts.Author, "Year": opts.Today.Year(),
		"Today": opts.Today.Format("2006-01-02"), "Dir": filepath.Base(abs)}
	files := map[string][]byte{}
	err = fs.WalkDir(skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := fs.ReadFile(skeleton, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "skeleton/")
		if name == "_gitignore" {
			name = ".gitignore"
		}
		out, err := fill(name, string(text), data)
		files[name] = out
		return err
	})
	if err != nil {
		panic(err) // the skeleton is fixed at compile time
	}
	return writeNew(abs, files)
}

// fill executes a skeleton file as a text template.
func fill(name, text string, data any) ([]byte, error) {
	t, err := template.New(name).Funcs(template.FuncMap{"quote": quote}).Parse(text)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// quote writes a text as a YAML double-quoted scalar, which takes the
// escapes strconv.Quote writes; a title holding ": " stays one value.
func quote(s string) string {
	return strconv.Quote(s)
}

// titleOf turns a folder name into a title: "my-site" → "My Site".
func titleOf(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return "My Site"
	}
	return strings.Join(words, " ")
}

// ExistsError names the files a command would have overwritten.
type ExistsError struct {
	Files []string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; folio new never overwrites a file (pick another folder or title, or move it away)", strings.Join(e.Files, ", "))
}

// writeNew writes files (slash paths relative to root) when none exists,
// and returns their names sorted as written.
func writeNew(root string, files map[string][]byte) ([]string, error) {
	var names, exist []string
	for name := range files {
		names = append(names, name)
	}
	sortFiles(names)
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			exist = append(exist, filepath.Join(filepath.Base(root), filepath.FromSlash(name)))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if len(exist) > 0 {
		return nil, &ExistsError{Files: exist}
	}
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: a file that appeared since the check is still not overwritten.
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", p, err)
		}
		_, werr := f.Write(files[name])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return nil, fmt.Errorf("write %s: %w", p, werr)
		}
	}
	return names, nil
}

// sortFiles orders files folder by folder, a folder's _index.md first, so
// that the list of what was written reads like the site's outline.
func sortFiles(names []string) {
	key := func(n string) string {
		dir, base := path.Split(n)
		if base == "_index.md" {
			base = "\x00"
		}
		return dir + "\x01" + base
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(key(a), key(b)) })
}
