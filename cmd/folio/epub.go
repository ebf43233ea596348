package main

import (
	"fmt"
	"os"
	"path/filepath"

	"folio/internal/build"
	"folio/internal/content"
)

func runEPUB(args []string, c *console) int {
	var f siteFlags
	var out, only string
	fs := newCommand("epub", "epub [flags]", "Writes each book of the site as an EPUB 3 file, <book-title-slug>.epub in the current folder.\n`folio build` also writes it beside the book's home page unless folio.yaml says epub: false.")
	fs.StringVar(&f.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/, i18n/)")
	fs.StringVar(&out, "o", "", "the EPUB `file` to write (one book only: name it with --book when the site has several)")
	fs.StringVar(&only, "book", "", "write only the book with this `slug` (its EPUB file name without .epub) or folder name")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in folio.yaml; links to blog posts become plain text without one")
	fs.BoolVar(&f.drafts, "drafts", false, "include chapters with draft: true")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings (a photo without credit or alt text, ...) as errors")
	fs.verbosity(c)
	if exit, ok := fs.parseFlagsOnly(args, c); !ok {
		return exit
	}
	c.settings(f)
	res, err := build.MakeEPUBs(f.options(), only)
	if res != nil {
		c.warn(res.Warnings)
	}
	c.warn(content.WarningsOf(err)) // found before it failed
	if err != nil {
		c.reportFailure(err, "epub failed", "no EPUB file was written")
		return 1
	}
	if out != "" && len(res.Books) > 1 {
		fmt.Fprintf(c.err, "folio epub: -o names one file but the site has %d books; pick one with --book\n", len(res.Books))
		return 2
	}
	for _, e := range res.Books {
		file := e.Name
		if out != "" {
			file = out
		}
		if err := writeFileAtomic(file, e.Data); err != nil {
			fmt.Fprintf(c.err, "folio epub: %v\n", err)
			return 1
		}
		c.info("wrote %s: %q, %d documents, %d images, %d KB", file, e.Book.Index.Title, e.Chapters, e.Images, (len(e.Data)+1023)/1024)
	}
	return 0
}

// writeFileAtomic writes through a temporary file in the same folder, so a
// reader that has the previous EPUB open never sees half a file.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), name)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, werr)
	}
	return nil
}
