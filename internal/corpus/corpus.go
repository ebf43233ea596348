// Package corpus generates synthetic folio sites for benchmarks and scale
// tests: a book in parts and a blog with series, tags, photos and
// cross-links, at any size, valid by folio's content conventions (every link
// target and anchor exists) and byte-identical for the same Spec.
//
// It owns only the generation of sources; it imports no other folio package,
// so benchmarks of every stage can use it without cycles.
package corpus

import (
	"errors"
	"fmt"
	"math"
	"os"
)

// Spec sizes a generated site. Zero values take the documented defaults.
type Spec struct {
	// Pages is the number of Markdown pages counted as content: book
	// chapters plus blog posts. Section indexes, the home page and series
	// pages come on top.
	Pages int
	// BookShare is the fraction of Pages that are chapters (default 0.3;
	// negative: no book). Ignored when Chapters is set.
	BookShare float64
	// Chapters, when positive, is the exact number of book chapters; the
	// rest of Pages are posts. Pages may be left 0 to get a book alone.
	Chapters int
	// Parts is the number of parts in the book (default Chapters/20, min 1).
	Parts int
	// Words is the approximate number of words per page (default 1000).
	Words int
	// Series is the number of blog series (default posts/10; negative: none).
	// Each holds 5 to 10 posts while posts last; the rest stand alone.
	Series int
	// Tags is the tag vocabulary size (default 50; negative: no tags).
	// Every post gets 1 to 4 of them.
	Tags int
	// Photos is the number of distinct generated images (default 20;
	// negative: none), reused as page photos and inline figures.
	Photos int
	// RealPhotos makes the JPEG half of the photos real-sized camera
	// photographs (4000 x 3000, some stored turned with an EXIF
	// orientation, some with a GPS position; 1 to 4 MB each) instead of
	// small art, so that image processing is measured at its real cost.
	RealPhotos bool
	// Seed makes the output reproducible: the same Spec writes the same bytes.
	Seed uint64
	// Hugo writes the Hugo variant of the same site (see hugo.go): the
	// same pages and bodies, for measuring folio against Hugo.
	Hugo bool
}

// Counts reports what a Spec expands to once defaults are applied.
type Counts struct {
	Chapters, Parts, Posts, Series, Tags, Photos, Words int
}

// Resolve applies the defaults to s and checks it, returning the numbers
// Generate will use.
func (s Spec) Resolve() (Counts, error) {
	var c Counts
	if s.Pages < 0 || s.Chapters < 0 || s.Parts < 0 || s.Words < 0 {
		return c, errors.New("corpus: Pages, Chapters, Parts and Words must not be negative")
	}
	if s.BookShare > 1 {
		return c, fmt.Errorf("corpus: BookShare %v is above 1; use a fraction between 0 and 1", s.BookShare)
	}
	pages := s.Pages
	switch {
	case s.Chapters > 0 && pages == 0:
		pages = s.Chapters
	case s.Chapters > pages:
		return c, fmt.Errorf("corpus: Chapters (%d) exceeds Pages (%d); raise Pages or leave it 0", s.Chapters, pages)
	case pages == 0:
		return c, errors.New("corpus: Pages must be positive")
	}
	c.Chapters = s.Chapters
	if c.Chapters == 0 {
		share := s.BookShare
		if share == 0 {
			share = 0.3
		}
		c.Chapters = int(math.Round(float64(pages) * math.Max(share, 0)))
	}
	c.Posts = pages - c.Chapters
	c.Parts = defaultInt(s.Parts, c.Chapters/20)
	if c.Chapters > 0 {
		c.Parts = max(1, min(c.Parts, c.Chapters))
	} else {
		c.Parts = 0
	}
	c.Words = defaultInt(s.Words, 1000)
	c.Series = optionalInt(s.Series, c.Posts/10)
	c.Tags = optionalInt(s.Tags, 50)
	c.Photos = optionalInt(s.Photos, 20)
	if c.Posts == 0 {
		c.Series, c.Tags = 0, 0
	}
	return c, nil
}

func defaultInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// optionalInt is defaultInt where a negative value switches the feature off.
func optionalInt(v, def int) int {
	if v < 0 {
		return 0
	}
	return defaultInt(v, def)
}

// Generate writes a site for s into dir, which must be new or empty:
// folio.yaml, content/ (book, parts, chapters, blog, posts, series pages and
// images), or with s.Hugo the Hugo variant of the same site. Pages are rendered in parallel; the output depends only on s.
func Generate(dir string, s Spec) error {
	c, err := s.Resolve()
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("corpus: %s is not empty; generate into a new or empty directory", dir)
	}
	pl := newPlan(c, s.Seed, s.RealPhotos)
	pl.hugo = s.Hugo
	return pl.write(dir)
}
