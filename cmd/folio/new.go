package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"folio/internal/scaffold"
)

const newSummary = `Starts a site, or adds a chapter, part or post to one. Never overwrites a file.

  folio new site DIR                 a site that builds at once: folio.yaml, a book with a
                                     preface, a part and a chapter, a blog with a first post
                                     in a series, an about page and a .gitignore
  folio new chapter TITLE            a chapter with the next order (gaps of 10), named after
                                     its title; in the book's last part unless --part says
  folio new part TITLE               a part (a folder with _index.md) after the last one
  folio new post TITLE               a draft post dated today (UTC), in --series when given`

// runNew is folio new: the kind of thing to make, then its name.
func runNew(args []string, c *console) int {
	var source, part, book, series, blog, author string
	cmd := newCommand("new", "new site DIR | new chapter TITLE | new part TITLE | new post TITLE [flags]", newSummary)
	cmd.StringVar(&source, "s", ".", "the site `folder` to add to (chapter, part, post)")
	cmd.StringVar(&part, "part", "", "the `part` a new chapter goes into: its folder name or title")
	cmd.StringVar(&book, "book", "", "the `book` a new chapter or part goes into, when the site has several: its folder name or title")
	cmd.StringVar(&series, "series", "", "the `series` a new post belongs to")
	cmd.StringVar(&blog, "blog", "", "the `blog` a new post goes into, when the site has several: its folder name")
	cmd.StringVar(&author, "author", "", "the author's `name` in a new site (default: Your Name)")
	cmd.BoolVar(&c.quiet, "q", false, "print nothing but errors")
	cmd.BoolVar(&c.verbose, "v", false, "also say where each new chapter, part or post was placed and why")
	args, exit, ok := cmd.parse(args, c)
	if !ok {
		return exit
	}
	if len(args) != 2 {
		fmt.Fprintf(c.err, "folio new: say what to make and its name, as in folio new site mysite or folio new chapter \"The Next Step\"\n\n")
		cmd.help(c.err)
		return 2
	}
	kind, name := args[0], args[1]
	today := time.Now().UTC() // a day no later than now anywhere, so a post is never "scheduled"
	var w *scaffold.Written
	var err error
	switch kind {
	case "site":
		return newSite(name, author, today, c)
	case "chapter":
		w, err = scaffold.Chapter(source, name, part, book)
	case "part":
		w, err = scaffold.Part(source, name, book)
	case "post":
		w, err = scaffold.Post(source, name, series, blog, today)
	default:
		fmt.Fprintf(c.err, "folio new: cannot make a %q; make a site, chapter, part or post\n", kind)
		return 2
	}
	if err != nil {
		c.problems(c.err, err)
		return 1
	}
	c.info("wrote %s", filepath.Join(source, filepath.FromSlash(w.File)))
	c.detail("  %s", w.Note)
	return 0
}

func newSite(dir, author string, today time.Time, c *console) int {
	files, err := scaffold.Site(dir, scaffold.SiteOptions{Author: author, Today: today})
	if err != nil {
		fmt.Fprintf(c.err, "folio new site: %v\n", err)
		return 1
	}
	for _, f := range files {
		c.info("wrote %s", filepath.Join(dir, filepath.FromSlash(f)))
	}
	cd := dir
	if strings.ContainsAny(cd, " '\"") {
		cd = fmt.Sprintf("%q", cd)
	}
	c.info("\nNext: cd %s && folio serve, then open the address it prints.", cd)
	return 0
}
