package main

import (
	"fmt"

	"folio/internal/build"
	"folio/internal/content"
)

func runStats(args []string, c *console) int {
	var f siteFlags
	fs := newCommand("stats", "stats [flags]", "Counts the words of each book: per chapter, per part and in all, with reading times.\nDraft chapters are counted and marked; numbers are those of a build without drafts.")
	fs.StringVar(&f.source, "s", ".", "the site `folder` (holding content/)")
	fs.BoolVar(&c.quiet, "q", false, "print the counts and errors only, no warnings")
	fs.BoolVar(&c.verbose, "v", false, "also print the site folder read")
	if exit, ok := fs.parseFlagsOnly(args, c); !ok {
		return exit
	}
	c.settings(f)
	fsys, err := build.SiteFS(f.source)
	if err != nil {
		fmt.Fprintf(c.err, "folio: %v\n", err)
		return 1
	}
	books, warnings, err := build.Stats(fsys, build.Options{Source: f.source})
	c.warn(warnings)
	c.warn(content.WarningsOf(err)) // found before it failed
	if err != nil {
		errs := c.problems(c.err, err)
		fmt.Fprintf(c.err, "folio: cannot count the book until %s fixed\n", plural(len(errs), "the problem is", "problems are"))
		return 1
	}
	if err := content.WriteStats(c.out, books); err != nil {
		fmt.Fprintf(c.err, "folio: %v\n", err)
		return 1
	}
	return 0
}

// pick is one or many by n.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// plural is one, or n and many: "the problem is", "3 problems are".
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}
