package main

import (
	"fmt"
	"io"

	"folio/internal/build"
)

func runStats(args []string, stdout, stderr io.Writer) int {
	var source string
	fs := newFlagSet("stats", "Counts the words of each book: per chapter, per part and in all, with reading times.\nDraft chapters are counted and marked; numbers are those of a build without drafts.", stderr)
	fs.StringVar(&source, "s", ".", "the site `folder` (holding content/)")
	if exit, ok := parseFlags(fs, args, stdout); !ok {
		return exit
	}
	fsys, err := build.SiteFS(source)
	if err != nil {
		fmt.Fprintf(stderr, "folio: %v\n", err)
		return 1
	}
	books, warnings, err := build.Stats(fsys, build.Options{Source: source})
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	if err != nil {
		errs := printProblems(stderr, err)
		fmt.Fprintf(stderr, "folio: cannot count the book until %s fixed\n", plural(len(errs), "the problem is", "problems are"))
		return 1
	}
	if err := build.WriteStats(stdout, books); err != nil {
		fmt.Fprintf(stderr, "folio: %v\n", err)
		return 1
	}
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}
