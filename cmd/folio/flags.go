package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"folio/internal/suggest"
)

// command is one flag set with what its help says about it.
type command struct {
	*flag.FlagSet
	usage   string // after "folio ": "build [flags]"
	summary string
}

func newCommand(name, usage, summary string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own messages are replaced by parse's.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{FlagSet: fs, usage: usage, summary: summary}
}

// verbosity registers -q and -v, which every command that prints has.
func (c *command) verbosity(con *console) {
	c.BoolVar(&con.quiet, "q", false, "print nothing but errors")
	c.BoolVar(&con.verbose, "v", false, "also print the settings in effect and every page left out of the build, with why")
}

// spelling is a flag as help and README write it: -s for one letter,
// --base-url for a word. Go's flag package takes either form.
func spelling(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// help writes the command's usage, summary and flags.
func (c *command) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: folio %s\n\n%s\n", c.usage, c.summary)
	first := true
	c.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		arg, usage := flag.UnquoteUsage(f)
		line := "  " + spelling(f.Name)
		if arg != "" {
			line += " " + arg
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			usage += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, strings.ReplaceAll(usage, "\n", "\n      "))
	})
}

// wantsHelp reports whether the flags ask for help (-h, --help) before any
// "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return false
}

// parse parses args, flags and arguments in any order, and reports whether
// to go on; when not, exit is the exit code. Help that was asked for goes
// to stdout, where a reader can page it; a mistake goes to stderr with the
// usage, and a misspelt flag with the flag that was probably meant.
func (c *command) parse(args []string, con *console) (positional []string, exit int, ok bool) {
	if wantsHelp(args) {
		c.help(con.out)
		return nil, 0, false
	}
	for {
		if err := c.Parse(args); err != nil {
			fmt.Fprintf(con.err, "folio %s: %s\n\n", c.Name(), c.explain(err))
			c.help(con.err)
			return nil, 2, false
		}
		rest := c.Args()
		if len(rest) == 0 {
			return positional, 0, true
		}
		// A "--" stops flags: everything after it is an argument.
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), 0, true
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

// explain rewrites the flag package's errors in the README's spelling,
// with a suggestion for an unknown flag.
func (c *command) explain(err error) string {
	msg := err.Error()
	name, unknown := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !unknown {
		if errors.Is(err, flag.ErrHelp) {
			return "help was asked for"
		}
		return msg
	}
	var names []string
	c.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	name = strings.TrimLeft(name, "-")
	msg = fmt.Sprintf("unknown flag %s", spelling(name))
	if near, ok := suggest.Nearest(name, names); ok {
		msg += fmt.Sprintf("; did you mean %s?", spelling(near))
	}
	return msg
}

// parseFlagsOnly parses the flags of a command that takes no arguments,
// reporting a stray one (folio build site) rather than ignoring it.
func (c *command) parseFlagsOnly(args []string, con *console) (exit int, ok bool) {
	args, exit, ok = c.parse(args, con)
	if !ok || len(args) == 0 {
		return exit, ok
	}
	fmt.Fprintf(con.err, "folio %s: unexpected argument %q; give the site folder with -s\n\n", c.Name(), args[0])
	c.help(con.err)
	return 2, false
}
