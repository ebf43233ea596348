package build

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"folio/internal/content"
	"folio/internal/output"
	"folio/internal/progress"
)

// Progress counts a build's work while it runs (package progress).
type Progress = progress.Progress

// The stages a Progress reports, in order.
const (
	StageReading = progress.Reading
	StagePages   = progress.Pages
	StageLists   = progress.Lists
)

// Result describes a finished build.
type Result struct {
	Pages     map[content.Kind]int
	Generated int // list pages, feeds, sitemap and other pages without a source
	Static    int
	Files     int64
	Bytes     int64
	Elapsed   time.Duration
	Warnings  []*content.Error
	Scheduled []*content.Page
	// SearchFiles and SearchBytes describe the search index (none in a
	// preview session, which writes it in Complete).
	SearchFiles int
	SearchBytes int64
	// Decoded counts the images decoded, Variants the image variants made
	// (the rest came from the cache).
	Decoded, Variants int64
	// Omitted lists the sources left out (drafts, scheduled posts) and why.
	Omitted []content.Omission
	// Disk says how Build's files reached the output folder: written, or
	// left alone because the previous output held the same bytes.
	Disk output.WriteCounts
}

// Summary is the one line a build prints: pages by kind, static files,
// bytes written and time taken.
func (r *Result) Summary() string {
	kinds := make([]string, 0, len(r.Pages))
	for k := range r.Pages {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", r.Pages[content.Kind(k)], k))
	}
	images := ""
	if r.Variants > 0 {
		images = fmt.Sprintf(", %d image variants made from %d images", r.Variants, r.Decoded)
	}
	search := ""
	if r.SearchFiles > 0 {
		search = fmt.Sprintf(" (search index: %d files, %s)", r.SearchFiles, humanBytes(r.SearchBytes))
	}
	return fmt.Sprintf("built %s pages (%s), %d generated, %d static files%s; %s%s in %d ms",
		fmt.Sprint(r.total()), strings.Join(parts, ", "), r.Generated, r.Static, images, humanBytes(r.Bytes), search, r.Elapsed.Milliseconds())
}

func (r *Result) total() int {
	n := 0
	for _, c := range r.Pages {
		n += c
	}
	return n
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
