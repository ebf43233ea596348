// Command corpus writes a synthetic folio site for benchmarks and scale
// tests, for example: go run ./cmd/corpus -pages 10000 -o /tmp/c10k
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"folio/internal/corpus"
)

func main() {
	var s corpus.Spec
	out := flag.String("o", "", "output folder, new or empty (required)")
	flag.IntVar(&s.Pages, "pages", 1000, "chapters plus posts")
	flag.IntVar(&s.Chapters, "chapters", 0, "exact number of book chapters (default: 30% of pages)")
	flag.IntVar(&s.Parts, "parts", 0, "parts in the book (default: chapters/20)")
	flag.IntVar(&s.Words, "words", 0, "words per page (default 1000)")
	flag.IntVar(&s.Series, "series", 0, "blog series (default posts/10; negative: none)")
	flag.IntVar(&s.Tags, "tags", 0, "tag vocabulary (default 50; negative: none)")
	flag.IntVar(&s.Photos, "photos", 0, "distinct images (default 20; negative: none)")
	flag.BoolVar(&s.RealPhotos, "real-photos", true, "make the JPEG half of the photos 4000 x 3000 camera photographs (some turned by EXIF, some with GPS) rather than small art")
	flag.Uint64Var(&s.Seed, "seed", 1, "random seed; the same flags write the same bytes")
	flag.BoolVar(&s.Hugo, "hugo", false, "write the Hugo variant of the same site (hugo.toml, weight for order, links by URL, a minimal theme), to build with Hugo")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpus -o DIR [-pages N] [-chapters N] [-seed N] ...")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if s.Chapters > s.Pages {
		s.Pages = s.Chapters
	}
	c, err := s.Resolve()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	if err := corpus.Generate(*out, s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d chapters in %d parts, %d posts in %d series, %d tags, %d photos, ~%d words a page, in %v\n",
		*out, c.Chapters, c.Parts, c.Posts, c.Series, c.Tags, c.Photos, c.Words, time.Since(start).Round(time.Millisecond))
}
