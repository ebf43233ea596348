package output

import (
	"fmt"
	"path/filepath"
	"strings"
)

// GuardSite refuses an output folder that holds the site or lies inside
// its sources. A build replaces its output folder whole, so "-o content"
// or "-o .." would otherwise delete what the author wrote; NewDir's own
// guard only sees the folder, not where the site is.
func GuardSite(source, output string) error {
	src, err := absolute(source)
	if err != nil {
		return err
	}
	out, err := absolute(output)
	if err != nil {
		return err
	}
	switch {
	case out == src:
		return fmt.Errorf("output folder %s is the site folder itself; a build replaces its output folder whole, so choose another, such as %s", output, filepath.Join(output, "public"))
	case inside(src, out):
		return fmt.Errorf("output folder %s holds the site folder %s; a build replaces its output folder whole, so choose one such as %s", output, source, filepath.Join(source, "public"))
	}
	for _, dir := range []string{"content", "layouts", "static"} {
		if d := filepath.Join(src, dir); out == d || inside(out, d) {
			return fmt.Errorf("output folder %s is inside the site's %s/ folder; a build replaces its output folder whole, so choose one outside it, such as %s", output, dir, filepath.Join(source, "public"))
		}
	}
	return nil
}

// absolute resolves a folder to a clean absolute path, through symbolic
// links where the folder exists, so that two spellings of one folder match.
func absolute(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("folder %s: %w", p, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	// The output often does not exist yet: resolve its parent.
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(real, filepath.Base(abs)), nil
	}
	return abs, nil
}

// inside reports whether path lies strictly below dir.
func inside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
