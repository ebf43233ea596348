package views

import (
	"slices"
	"strings"
)

// ReadKind says what a read took.
type ReadKind uint8

const (
	ReadPage              ReadKind = iota // aspects of the page at path
	ReadSite                              // settings, words, navigation
	ReadNow                               // the site's present
	ReadBook                              // a book's contents (path: its page)
	ReadBlog                              // a blog's posts (path: its page)
	ReadSeries                            // a series' name, URL, page, book and posts (path: slug)
	ReadSeriesDescription                 // a series' description (path: slug)
	ReadTag                               // a tag's name, URL and pages (path: slug)
	ReadPages                             // the site's pages, in order
	ReadAllSeries                         // the site's series
	ReadAllTags                           // the site's tags, as named
	ReadScheduled                         // the scheduled pages
	ReadAssets                            // the files of content/
	ReadOmitted                           // Omitted(path); "" for all of them
	ReadLookup                            // PageByPath(path)
	ReadWorld                             // what links and images point at (the preview's world print)
)

// Read is one recorded read: of the page at Path, which aspects; of
// anything else, its kind and name. Reads are comparable, so that what
// a read gave can be kept by read.
type Read struct {
	Kind ReadKind
	Path string
	What Aspect
}

// Compact merges the reads of one thing into one entry each, sorting rs.
func Compact(rs []Read) []Read {
	if len(rs) < 2 {
		return rs
	}
	slices.SortFunc(rs, func(a, b Read) int {
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return strings.Compare(a.Path, b.Path)
	})
	out := rs[:1]
	for _, r := range rs[1:] {
		if last := &out[len(out)-1]; last.Kind == r.Kind && last.Path == r.Path {
			last.What |= r.What
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out)
}
