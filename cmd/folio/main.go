// Command folio builds an author's book and blog into a static site, and
// previews it live while they write. This file is the command line only:
// flags, wiring, messages and exit codes; the work happens in internal/.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/output"
)

const usage = `folio builds a book and its companion blog into a static site.

Usage:
  folio build [flags]   build the site into public/
  folio serve [flags]   preview the site while you write: every save shows in the browser
  folio stats [flags]   count the words of the book, per chapter and part
  folio epub [flags]    write each book as an EPUB file
  folio check [flags]   check every link, anchor and image of the built site before publishing
  folio help [command]  explain a command

Run "folio help build" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the exit, so that tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "stats":
		return runStats(rest, stdout, stderr)
	case "epub":
		return runEPUB(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "folio: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return 0
	}
	return run([]string{args[0], "-h"}, stdout, stderr)
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source, output, baseURL  string
	drafts, future, noMinify bool
	strict, quiet            bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/)")
	fs.StringVar(&f.output, "o", "", "the output `folder` (default: public/ inside the site folder); replaced whole by each build")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in folio.yaml")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&f.future, "future", false, "include posts dated in the future")
	fs.BoolVar(&f.noMinify, "no-minify", false, "write HTML, CSS and XML as rendered, not minified")
	fs.BoolVar(&f.strict, "strict", false, "treat warnings (a photo without credit or alt text, ...) as errors")
	fs.BoolVar(&f.quiet, "q", false, "print nothing but errors")
}

func (f *siteFlags) options() build.Options {
	return build.Options{Source: f.source, Output: f.output, BaseURL: f.baseURL, Drafts: f.drafts,
		Future: f.future, NoMinify: f.noMinify, Strict: f.strict}
}

func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: folio %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses a command's flags and reports whether to go on; when
// not, exit is the exit code. Help that was asked for goes to stdout, where
// a reader can page it; a mistake goes to stderr with the usage. Commands
// take no arguments besides their flags, so a stray one (folio build site)
// is a mistake rather than silently ignored.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (exit int, ok bool) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
		}
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err), false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "folio %s: unexpected argument %q; give the site folder with -s\n\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("build", "Builds the site into its output folder. A failed build leaves the previous output untouched.", stderr)
	f.register(fs)
	if exit, ok := parseFlags(fs, args, stdout); !ok {
		return exit
	}
	stop := onInterrupt(stderr)
	res, err := build.Build(f.options())
	stop()
	if !f.quiet {
		printWarnings(stderr, res)
	}
	if err != nil {
		reportError(stderr, err)
		return 1
	}
	if !f.quiet {
		for _, p := range res.Scheduled {
			fmt.Fprintf(stdout, "scheduled: %s (%s), left out until then; --future includes it\n", p.File, p.Date.Format("2006-01-02"))
		}
		fmt.Fprintln(stdout, res.Summary())
	}
	return 0
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func printWarnings(w io.Writer, res *build.Result) {
	if res == nil {
		return
	}
	for _, e := range res.Warnings {
		fmt.Fprintf(w, "warning: %v\n", e)
	}
}

// reportError prints every problem of a failed build, one per line, with
// a count, so that an author can fix them all before building again.
func reportError(w io.Writer, err error) {
	var left *output.LeftoverError
	if errors.As(err, &left) {
		// The swap happened: saying the output is unchanged would be false.
		fmt.Fprintf(w, "folio: %v\n", left)
		return
	}
	reportFailure(w, err, "build failed", "the previous output is unchanged")
}

// reportFailure prints the problems of err and a last line saying what
// failed, how often, and what became of the output.
func reportFailure(w io.Writer, err error, what, outcome string) {
	errs := printProblems(w, err)
	if len(errs) > 1 {
		fmt.Fprintf(w, "folio: %s with %d errors; %s\n", what, len(errs), outcome)
	} else {
		fmt.Fprintf(w, "folio: %s; %s\n", what, outcome)
	}
}

// printProblems prints each problem inside err on its own line.
func printProblems(w io.Writer, err error) []*content.Error {
	errs := content.Flatten(err)
	for _, e := range errs {
		if e.File == "" {
			fmt.Fprintf(w, "error: %s\n", e.Message)
			continue
		}
		fmt.Fprintf(w, "error: %v\n", e)
	}
	return errs
}
