package check

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// BuiltFor says which base URL the site in the output folder dir was built
// for, as its robots.txt tells it: folio writes a Sitemap line there, an
// absolute URL under the base, whenever the site has a base URL. known is
// false when dir has no robots.txt (not a folio build, or one without it);
// base is "" for a site built without a base URL (published at the root of
// whatever host serves it).
//
// folio check -o reads it so that an output built with --base-url is
// checked against the base it was built for, not folio.yaml's.
func BuiltFor(dir string) (base string, known bool, err error) {
	data, err := os.ReadFile(filepath.Join(dir, "robots.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	for _, r := range extractRobots(data).refs {
		if b, ok := strings.CutSuffix(r.url, "/sitemap.xml"); ok {
			return b + "/", true, nil
		}
	}
	return "", true, nil
}
