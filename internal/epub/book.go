package epub

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"folio/internal/shelf"
)

// Book is everything needed to write one EPUB file. Paths (chapter file
// names, resource hrefs, nav hrefs) are relative to the package directory,
// so a chapter refers to an image as "images/a.jpg" and to another chapter
// as "chapter-02.xhtml#anchor".
type Book struct {
	Identifier  string // stable unique id, e.g. "urn:uuid:..."; required
	Title       string // required
	Subtitle    string
	Language    string // BCP 47 tag such as "en" or "en-GB"; required
	Description string
	Publisher   string
	Rights      string
	Creators    []string
	Date        string    // dc:date as YYYY, YYYY-MM or YYYY-MM-DD; optional
	Modified    time.Time // dcterms:modified and the zip entry time; required, deterministic
	Cover       *Resource // optional cover image
	Stylesheet  []byte    // optional; nil means DefaultStylesheet
	TOCTitle    string    // heading of the contents page; default "Contents"
	Chapters    []Chapter // spine in reading order
	// Start is the file name of the chapter where the body matter begins,
	// the "start reading" point of the landmarks, so a reader opens past the
	// cover and title page; empty means the first linear chapter.
	Start     string
	Nav       []NavItem // contents tree; empty means one entry per linear chapter
	Resources []Resource
	// Shelf, when set, holds the compressed chapters from their
	// conversion until the zip is written (a temporary file, package
	// shelf), so that a long book's package is not held in memory whole;
	// it must stay open until Write returns.
	Shelf *shelf.Shelf

	// Accessibility metadata; zero fields are filled with defaults derived
	// from the content (see Accessibility).
	Accessibility Accessibility
}

// Chapter is one content document of the spine.
type Chapter struct {
	FileName string // e.g. "chapter-01.xhtml": unique, no directory, ends in ".xhtml"
	Title    string // the document <title>; required
	Body     []byte // HTML fragment (goldmark output, may contain raw HTML)
	Source   string // source file named in error messages
	Linear   bool   // false puts the chapter outside the default reading order
	// Load, when Body is nil, makes the body at the moment Write converts
	// the chapter (and again should Write convert it twice), so that a
	// caller need not hold a long book's text whole while it is zipped. It
	// appends the body to dst, a buffer Write recycles, and returns the
	// result, which is then Write's: Load keeps no reference to either.
	Load func(dst []byte) ([]byte, error)
}

// NavItem is one entry of the contents tree. An item without Href (a part
// without its own page) must have children.
type NavItem struct {
	Title    string
	Href     string // chapter file name, optionally with "#anchor"
	Children []NavItem
}

// Resource is a file packaged next to the chapters, such as an image.
type Resource struct {
	Href      string // e.g. "images/a.jpg", relative to the package directory
	MediaType string // empty: inferred from the extension
	Data      []byte
}

// Accessibility holds the schema.org accessibility metadata of the package
// document. Each empty field is filled by Write: accessMode "textual" (plus
// "visual" when the book has images), accessModeSufficient "textual",
// features structuralNavigation, tableOfContents and readingOrder (plus
// alternativeText when every image in the chapters has a non-empty alt),
// hazard "none" and a summary describing those defaults.
type Accessibility struct {
	AccessModes          []string // schema:accessMode
	AccessModeSufficient []string // schema:accessModeSufficient, each a comma-separated set
	Features             []string // schema:accessibilityFeature
	Hazards              []string // schema:accessibilityHazard
	Summary              string   // schema:accessibilitySummary
	// ConformsTo is dcterms:conformsTo, the accessibility standard the
	// book meets; by default EPUB Accessibility 1.1 with WCAG 2.2 AA,
	// claimed only when every image has a text alternative.
	ConformsTo string
}

// ConformanceAA is the conformance a book claims by default.
const ConformanceAA = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

// coreImageTypes are the EPUB core media types for images: reading systems
// must render them, so they need no fallback.
var coreImageTypes = map[string]string{
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".gif":  "image/gif",
	".svg":  "image/svg+xml",
	".webp": "image/webp",
}

// allowedImageTypes lists coreImageTypes for error messages.
const allowedImageTypes = "image/jpeg (.jpg, .jpeg), image/png (.png), image/gif (.gif), image/svg+xml (.svg), image/webp (.webp)"

// mediaType returns the resource's media type, inferred from the extension
// when empty, and an error when it is not an EPUB core image type.
func (r Resource) mediaType() (string, error) {
	ext := strings.ToLower(path.Ext(r.Href))
	mt := r.MediaType
	if mt == "" {
		mt = coreImageTypes[ext]
	}
	for _, core := range coreImageTypes {
		if mt == core {
			return mt, nil
		}
	}
	what := "media type " + mt
	if mt == "" {
		what = "extension " + ext
	}
	return "", fmt.Errorf("resource %q: %s is not an EPUB core image type, so e-readers need not display it; convert the image to one of %s",
		r.Href, what, allowedImageTypes)
}

var (
	datePattern     = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	fileNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\.xhtml$`)
	hrefPattern     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)
)

// reserved names are generated by Write and cannot be used by the caller.
const (
	navFile        = "nav.xhtml"
	stylesheetFile = "styles/book.css"
	packageFile    = "package.opf"
)

// validate checks the metadata and file names that do not depend on chapter
// content and returns all problems together.
func (b *Book) validate() error {
	var errs []error
	if strings.TrimSpace(b.Identifier) == "" {
		errs = append(errs, errors.New("book identifier is empty; derive a stable one such as urn:uuid:... from the book's config"))
	}
	if strings.TrimSpace(b.Title) == "" {
		errs = append(errs, errors.New("book title is empty"))
	}
	if strings.TrimSpace(b.Language) == "" {
		errs = append(errs, errors.New("book language is empty; set a BCP 47 tag such as \"en\""))
	}
	if b.Date != "" && !datePattern.MatchString(b.Date) {
		errs = append(errs, fmt.Errorf("book date %q is not YYYY, YYYY-MM or YYYY-MM-DD", b.Date))
	}
	if b.Modified.IsZero() {
		errs = append(errs, errors.New("book modified time is zero; pass a deterministic time such as the newest source file's"))
	}
	switch {
	case len(b.Chapters) == 0:
		errs = append(errs, errors.New("book has no chapters"))
	case !hasLinear(b.Chapters):
		errs = append(errs, errNoLinear)
	}
	errs = append(errs, b.validateNames()...)
	if b.Start != "" && !b.hasChapter(b.Start) {
		errs = append(errs, fmt.Errorf("start %q is not the file name of a chapter", b.Start))
	}
	return errors.Join(errs...)
}

// validateNames checks that chapter and resource paths are unique, safe and
// do not collide with the files Write generates.
func (b *Book) validateNames() []error {
	var errs []error
	seen := map[string]string{navFile: "the navigation document", stylesheetFile: "the stylesheet", packageFile: "the package document"}
	claim := func(name, owner string) {
		if prev, ok := seen[name]; ok {
			errs = append(errs, fmt.Errorf("%s: file name %q is already used by %s", owner, name, prev))
			return
		}
		seen[name] = owner
	}
	for i, c := range b.Chapters {
		owner := c.describe(i)
		if !fileNamePattern.MatchString(c.FileName) {
			errs = append(errs, fmt.Errorf("%s: file name %q must be a plain name of letters, digits, '.', '_' or '-' ending in .xhtml", owner, c.FileName))
		}
		if strings.TrimSpace(c.Title) == "" {
			errs = append(errs, fmt.Errorf("%s: chapter title is empty", owner))
		}
		claim(c.FileName, owner)
	}
	for _, r := range b.resources() {
		owner := fmt.Sprintf("resource %q", r.Href)
		if !hrefPattern.MatchString(r.Href) || strings.HasSuffix(r.Href, ".xhtml") {
			errs = append(errs, fmt.Errorf("%s: href must be a relative path of letters, digits, '.', '_' or '-' such as images/a.jpg", owner))
		}
		if _, err := r.mediaType(); err != nil {
			errs = append(errs, err)
		}
		claim(r.Href, owner)
	}
	return errs
}

// describe names a chapter in error messages by its source when known.
func (c Chapter) describe(i int) string {
	switch {
	case c.Source != "":
		return c.Source
	case c.FileName != "":
		return c.FileName
	}
	return fmt.Sprintf("chapter %d", i+1)
}

// resources returns the cover and the other resources sorted by href, so the
// manifest and the zip do not depend on the caller's ordering. A cover that
// also appears in Resources is listed once.
func (b *Book) resources() []Resource {
	var out []Resource
	if b.Cover != nil {
		out = append(out, *b.Cover)
	}
	for _, r := range b.Resources {
		if b.Cover != nil && r.Href == b.Cover.Href && string(r.Data) == string(b.Cover.Data) {
			continue
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Href < out[j].Href })
	return out
}

func (b *Book) hasChapter(fileName string) bool {
	for _, c := range b.Chapters {
		if c.FileName == fileName {
			return true
		}
	}
	return false
}

func hasLinear(chapters []Chapter) bool {
	for _, c := range chapters {
		if c.Linear {
			return true
		}
	}
	return false
}
