// Command folio builds an author's book and blog into a static site, and
// previews it live while they write. This file is the command line only:
// flags, wiring, messages and exit codes; the work happens in internal/.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"folio/internal/build"
	"folio/internal/content"
	_ "folio/internal/memprofile" // before any package allocates: no heap profile sampled unless asked
	"folio/internal/suggest"
)

const usage = `folio builds a book and its companion blog into a static site.

Usage:
  folio new site DIR      start a new site in DIR, ready to serve and build
  folio new chapter TITLE add a chapter to the book (also: new part, new post)
  folio serve [flags]     preview the site while you write: every save shows in the browser
  folio build [flags]     build the site into public/
  folio stats [flags]     count the words of the book, per chapter and part
  folio epub [flags]      write each book as an EPUB file
  folio pdf [flags]       write each book as a print-ready PDF (needs Chromium or Chrome)
  folio check [flags]     check every link, anchor and image of the built site before publishing
  folio version           print folio's version and revision (also --version)
  folio help [command]    explain a command

Run "folio help build" (or "folio build --help") for the flags of a command.
`

// commands maps each command name to what runs it.
var commands map[string]func(args []string, c *console) int

func init() {
	commands = map[string]func(args []string, c *console) int{
		"build": runBuild, "serve": runServe, "stats": runStats, "epub": runEPUB,
		"new": runNew, "version": runVersion, "help": runHelp, "check": runCheck, "pdf": runPDF,
	}
}

func main() {
	stop := startHeapProfile(os.Getenv("FOLIO_HEAPPROFILE"), os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the exit, so that tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	c := newConsole(stdout, stderr)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "--version", "-version":
		name = "version"
	}
	if cmd, ok := commands[name]; ok {
		return cmd(rest, c)
	}
	fmt.Fprintf(stderr, "folio: unknown command %q%s\n\n%s", name, commandHint(name), usage)
	return 2
}

// commandHint names the command a mistyped one probably meant.
func commandHint(name string) string {
	if strings.HasPrefix(name, "-") {
		return "; flags come after the command, as in folio build --drafts"
	}
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	if near, ok := suggest.Nearest(name, names); ok {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	if name == "init" || name == "create" {
		return "; to start a site, run folio new site DIR"
	}
	return ""
}

func runHelp(args []string, c *console) int {
	if len(args) == 0 {
		fmt.Fprint(c.out, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok || args[0] == "help" {
		fmt.Fprintf(c.err, "folio help: unknown command %q%s\n\n%s", args[0], commandHint(args[0]), usage)
		return 2
	}
	return cmd([]string{"--help"}, c)
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source, output, baseURL  string
	drafts, future, noMinify bool
	strict                   bool
}

func (f *siteFlags) register(cmd *command) {
	cmd.StringVar(&f.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/, i18n/)")
	cmd.StringVar(&f.output, "o", "", "the output `folder` (default: public/ inside the site folder); replaced whole by each build")
	cmd.StringVar(&f.baseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in folio.yaml")
	cmd.BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
	cmd.BoolVar(&f.future, "future", false, "include posts dated in the future")
	cmd.BoolVar(&f.noMinify, "no-minify", false, "write HTML, CSS, JS, SVG, XML and JSON as rendered, not minified")
	cmd.BoolVar(&f.strict, "strict", false, "treat warnings (a photo without credit or alt text, ...) as errors")
}

func (f *siteFlags) options() build.Options {
	return build.Options{Source: f.source, Output: f.output, BaseURL: f.baseURL, Drafts: f.drafts,
		Future: f.future, NoMinify: f.noMinify, Strict: f.strict}
}

func runBuild(args []string, c *console) int {
	var f siteFlags
	cmd := newCommand("build", "build [flags]", "Builds the site into its output folder. A failed build leaves the previous output untouched.")
	f.register(cmd)
	cmd.verbosity(c)
	if exit, ok := cmd.parseFlagsOnly(args, c); !ok {
		return exit
	}
	opts := f.options()
	opts.Progress = &build.Progress{}
	c.settings(f)
	stop := c.showProgress(opts.Progress)
	stopInterrupt := onInterrupt(c.err)
	res, err := build.Build(opts)
	stopInterrupt()
	stop()
	c.warnBuild(res, err)
	if err != nil {
		c.reportError(err)
		return 1
	}
	for _, p := range res.Scheduled {
		c.info("scheduled: %s (%s), left out until then; --future includes it", p.File, p.Date.Format("2006-01-02"))
	}
	c.detail("output folder: %d files written, %d unchanged, %d stale entries removed", res.Disk.Written, res.Disk.Unchanged, res.Disk.Removed)
	c.leftOut(res)
	c.info("%s", res.Summary())
	return 0
}

// leftOut lists, with -v, the drafts a build left out (scheduled posts are
// listed anyway).
func (c *console) leftOut(res *build.Result) {
	for _, o := range res.Omitted {
		if !strings.HasPrefix(o.Why, "scheduled") {
			c.detail("left out: %s, %s", o.File, o.Why)
		}
	}
}

// settings prints, with -v, what a command reads and writes.
func (c *console) settings(f siteFlags) {
	if !c.verbose {
		return
	}
	src, _ := filepath.Abs(f.source)
	line := "site: " + src
	if f.output != "" {
		out, _ := filepath.Abs(f.output)
		line += "; output: " + out
	}
	if f.baseURL != "" {
		line += "; base URL: " + f.baseURL
	}
	if f.drafts {
		line += "; with drafts"
	}
	if f.future {
		line += "; with future posts"
	}
	c.detail("%s", line)
}

// reportError prints every problem of a failed build, one per line, with
// a count, so that an author can fix them all before building again.
func (c *console) reportError(err error) {
	c.reportFailure(err, "build failed", "the previous output is unchanged")
}

// reportFailure prints the problems of err and a last line saying what
// failed, how often, and what became of the output.
func (c *console) reportFailure(err error, what, outcome string) {
	errs := c.problems(c.err, err)
	if len(errs) > 1 {
		fmt.Fprintf(c.err, "folio: %s with %d errors; %s\n", what, len(errs), outcome)
	} else {
		fmt.Fprintf(c.err, "folio: %s; %s\n", what, outcome)
	}
}

// problems prints each problem inside err on its own line of w.
func (c *console) problems(w io.Writer, err error) []*content.Error {
	errs := content.Flatten(err)
	for _, e := range errs {
		if e.File == "" {
			fmt.Fprintf(w, "%s %s\n", c.label("error:", red), e.Message)
			continue
		}
		fmt.Fprintf(w, "%s %v\n", c.label("error:", red), e)
	}
	return errs
}
