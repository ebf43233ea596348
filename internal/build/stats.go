package build

import (
	"io/fs"

	"folio/internal/content"
)

// Stats counts the words of every book of the site in fsys, drafts
// included, without rendering anything. Warnings of loading and linking come
// back beside the counts, or with the error (content.WarningsOf) that
// fails it as it fails a build.
func Stats(fsys fs.FS, opts Options) ([]content.BookStats, []*content.Error, error) {
	opts.Drafts = true
	cfg, err := Configure(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	site, err := content.Load(fsys, cfg, content.Options{Drafts: true, Future: true, Now: opts.Present()})
	if err != nil {
		return nil, nil, err
	}
	if err := content.Link(site); err != nil {
		return nil, nil, err // carrying the warnings
	}
	out := make([]content.BookStats, 0, len(site.Books))
	for _, b := range site.Books {
		out = append(out, content.StatsOf(b))
	}
	return out, site.Warnings, nil
}
