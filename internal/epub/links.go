package epub

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// index knows which files and ids the package holds, so every reference can
// be checked before anything is written: epubcheck rejects a link to a file
// or fragment that is not in the package.
type index struct {
	ids       map[string]map[string]bool // chapter file name → ids in it
	resources map[string]bool
}

func newIndex(chapters []Chapter, resources []Resource) *index {
	x := &index{ids: make(map[string]map[string]bool, len(chapters)), resources: map[string]bool{}}
	for _, c := range chapters {
		x.ids[c.FileName] = map[string]bool{}
	}
	for _, r := range resources {
		x.resources[r.Href] = true
	}
	return x
}

// localPath splits a reference into the package path it points to and its
// fragment. local is false for references with a scheme or a host (web
// links, mailto:), which leave the package.
func localPath(ref string) (p, fragment string, local bool, err error) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", "", false, fmt.Errorf("malformed URL %q: %w", ref, err)
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return "", "", false, nil
	}
	if u.Path == "" {
		return "", u.Fragment, true, nil
	}
	p = path.Clean(u.Path)
	if path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return "", "", true, fmt.Errorf("%q points outside the book; use a chapter file name such as chapter-02.xhtml or an absolute URL", ref)
	}
	return p, u.Fragment, true, nil
}

// isResource reports whether a hyperlink points at a packaged resource.
func (x *index) isResource(href string) bool {
	if strings.HasPrefix(href, "#") || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://") {
		return false // most links, and none to a file in the book (localPath)
	}
	p, _, local, err := localPath(href)
	return err == nil && local && x.resources[p]
}

// checkRefs checks the references of one chapter; owner names the chapter
// in errors and file is its own file name, the target of "#id" links.
func (x *index) checkRefs(owner, file string, refs []reference) []error {
	var errs []error
	for _, r := range refs {
		var err error
		if r.Embedded {
			err = x.resolveImage(r.URL)
		} else {
			err = x.resolveLink(file, r.URL)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", owner, err))
		}
	}
	return errs
}

// resolveImage checks an image source: it must be a packaged resource,
// since EPUB reading systems do not fetch images from the web.
func (x *index) resolveImage(src string) error {
	p, _, local, err := localPath(src)
	switch {
	case err != nil:
		return fmt.Errorf("image %w", err)
	case !local:
		return fmt.Errorf("image %q is on the web; EPUB images must be inside the book, so add the file to the book's images", src)
	case !x.resources[p]:
		return fmt.Errorf("image %q is not among the book's resources; add the file or fix the path (paths are relative to the book, e.g. images/photo.jpg)", src)
	}
	return nil
}

// resolveLink checks a hyperlink from file (empty for the contents page):
// a relative link must reach a chapter and, with a fragment, an id in it.
func (x *index) resolveLink(file, href string) error {
	p, fragment, local, err := localPath(href)
	switch {
	case err != nil:
		return fmt.Errorf("link %w", err)
	case !local:
		return nil
	case p == "":
		p = file
	}
	ids, ok := x.ids[p]
	if !ok {
		return fmt.Errorf("link %q points to a file that is not in the book; link to a chapter file such as chapter-02.xhtml, or use an absolute URL", href)
	}
	if fragment != "" && !ids[fragment] {
		return fmt.Errorf("link %q points to id %q, which %s does not have", href, fragment, p)
	}
	return nil
}
