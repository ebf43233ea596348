package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"folio/internal/build"
	"folio/internal/content"
)

// console is where a command prints: its two streams, whether each is a
// terminal (colour, the progress line), and how much the author asked to
// hear (-q, -v).
type console struct {
	out, err io.Writer
	// color is set when stderr is a terminal and NO_COLOR is not.
	color bool
	// live is set when stderr is a terminal, which can take a progress
	// line rewritten in place; never when it is piped or a file.
	live           bool
	quiet, verbose bool
}

func newConsole(stdout, stderr io.Writer) *console {
	return consoleFor(stdout, stderr, isTerminal(stderr), os.Getenv)
}

// consoleFor is newConsole with the terminal test and the environment
// given: colour needs a terminal, and NO_COLOR (set to anything) or a dumb
// terminal turns it off.
func consoleFor(stdout, stderr io.Writer, terminal bool, env func(string) string) *console {
	c := &console{out: stdout, err: stderr, live: terminal}
	c.color = terminal && env("NO_COLOR") == "" && env("TERM") != "dumb"
	return c
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// ANSI colours for the labels of problems.
const (
	red    = "\x1b[1;31m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

func (c *console) label(text, colour string) string {
	if !c.color {
		return text
	}
	return colour + text + reset
}

// warn prints warnings unless -q.
func (c *console) warn(ws []*content.Error) {
	if c.quiet {
		return
	}
	for _, e := range ws {
		fmt.Fprintf(c.err, "%s %v\n", c.label("warning:", yellow), e)
	}
}

// warnBuild prints a build's warnings: its result's, or those found before
// it failed (carried by err), which are printed with its errors.
func (c *console) warnBuild(res *build.Result, err error) {
	if res != nil {
		c.warn(res.Warnings)
	}
	c.warn(content.WarningsOf(err))
}

// info prints a line on stdout unless -q.
func (c *console) info(format string, args ...any) {
	if !c.quiet {
		fmt.Fprintf(c.out, format+"\n", args...)
	}
}

// detail prints a line on stdout only with -v.
func (c *console) detail(format string, args ...any) {
	if c.verbose {
		fmt.Fprintf(c.out, format+"\n", args...)
	}
}

// progressDelay is how long a build runs before it gets a progress line:
// a quick build should print just its summary.
const (
	progressDelay = 2 * time.Second
	progressEvery = 200 * time.Millisecond
)

// showProgress keeps a progress line on a terminal for a build that takes
// longer than progressDelay, and returns the function that ends it (and
// erases the line). Off a terminal, or with -q, it does nothing.
func (c *console) showProgress(p *build.Progress) (stop func()) {
	if !c.live || c.quiet {
		return func() {}
	}
	delay := time.NewTimer(progressDelay)
	tick := time.NewTicker(progressEvery)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		progressLine(c.err, p, delay.C, tick.C, done)
		close(finished)
	}()
	return func() {
		delay.Stop()
		tick.Stop()
		close(done)
		<-finished
	}
}

// progressLine writes the progress of p over one line, rewriting it on
// each tick once start has fired, until done; then it erases the line.
func progressLine(w io.Writer, p *build.Progress, start, tick <-chan time.Time, done <-chan struct{}) {
	select {
	case <-start:
	case <-done:
		return
	}
	for {
		stage, n, total := p.Snapshot()
		line := "building: " + stage + "…"
		if stage == build.StagePages && total > 0 {
			line = fmt.Sprintf("building: %s of %s pages (%d%%)", thousands(n), thousands(total), n*100/total)
		}
		fmt.Fprintf(w, "\r\x1b[K%s", line)
		select {
		case <-tick:
		case <-done:
			fmt.Fprint(w, "\r\x1b[K")
			return
		}
	}
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
