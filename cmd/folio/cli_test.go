package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"folio/internal/build"
)

// Every command prints the help it was asked for on stdout, and nothing on
// stderr, however it is asked.
func TestHelpOnStdoutForEveryCommand(t *testing.T) {
	for _, name := range []string{"build", "serve", "stats", "epub", "new", "check", "version"} {
		for _, args := range [][]string{{name, "--help"}, {name, "-h"}, {"help", name}} {
			r := runCLI(args...)
			if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage: folio "+name) {
				t.Errorf("folio %s: exit %d, stderr %q, stdout %q", strings.Join(args, " "), r.code, r.stderr, r.stdout)
			}
		}
	}
}

// helpFlag matches a flag line of a command's help.
var helpFlag = regexp.MustCompile(`(?m)^  (--?[a-z-]+)( [A-Za-z]+)?$`)

// Help spells each flag as the README does (-s, --base-url), and the README
// documents every flag of every command.
func TestHelpSpellsFlagsAsREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"build", "serve", "stats", "epub", "new", "check"} {
		r := runCLI(name, "--help")
		flags := helpFlag.FindAllStringSubmatch(r.stdout, -1)
		if len(flags) == 0 {
			t.Errorf("folio %s --help lists no flags:\n%s", name, r.stdout)
		}
		for _, f := range flags {
			spelled := f[1]
			if len(spelled) > 2 && !strings.HasPrefix(spelled, "--") || len(spelled) == 2 && strings.HasPrefix(spelled, "--") {
				t.Errorf("folio %s --help spells %s", name, spelled)
			}
			if !bytes.Contains(readme, []byte("`"+spelled)) {
				t.Errorf("README does not document %s of folio %s (as `%s ...`)", spelled, name, spelled)
			}
		}
	}
	if !bytes.Contains(readme, []byte("HTML, CSS, JS, SVG, XML and JSON as rendered")) {
		t.Errorf("README and help disagree on what --no-minify leaves as rendered")
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(args...)
		if r.code != 0 || r.stderr != "" || !regexp.MustCompile(`^folio \S+, .*; go1\.\d+\S* \w+/\w+\n$`).MatchString(r.stdout) {
			t.Errorf("folio %s: exit %d, stdout %q, stderr %q", args[0], r.code, r.stdout, r.stderr)
		}
	}
	info := &debug.BuildInfo{Main: debug.Module{Path: "folio", Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123"},
		{Key: "vcs.time", Value: "2026-12-02T18:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got := versionLine(info); !strings.HasPrefix(got, "folio v1.2.0, revision 0123456789ab of 2026-12-02T18:00:00Z with uncommitted changes; go") {
		t.Errorf("versionLine = %q", got)
	}
	if got := versionLine(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); !strings.HasPrefix(got, "folio (devel), no revision recorded") {
		t.Errorf("versionLine without VCS = %q", got)
	}
}

// -v adds the settings and the drafts left out; -q prints nothing.
func TestBuildVerbose(t *testing.T) {
	files := map[string]string{}
	for k, v := range goodSite {
		files[k] = v
	}
	files["content/blog/later.md"] = "---\ntitle: Later\ndate: 2026-01-06\ndraft: true\n---\nNot yet.\n"
	site := writeSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	r := runCLI("build", "-v", "-s", site, "-o", out)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "site: "+site+"; output: "+out+"\n") ||
		!strings.Contains(r.stdout, "left out: content/blog/later.md, a draft (draft: true); build with --drafts or set draft: false\nbuilt ") {
		t.Errorf("build -v: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// Off a terminal (tests write to buffers, as a pipe would) nothing is
// coloured and no progress line is drawn.
func TestNoColourOrProgressWhenPiped(t *testing.T) {
	var out, errs bytes.Buffer
	c := newConsole(&out, &errs)
	if c.color || c.live {
		t.Fatalf("a buffer is taken for a terminal: %+v", c)
	}
	c.showProgress(&build.Progress{})()
	if c.label("error:", red) != "error:" || errs.Len() != 0 {
		t.Errorf("piped output is decorated: %q", errs.String())
	}
	c.color = true
	if got := c.label("error:", red); got != "\x1b[1;31merror:\x1b[0m" {
		t.Errorf("colour label = %q", got)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if newConsole(w, w).live {
		t.Error("a pipe is taken for a terminal")
	}
}

// chanWriter hands each write over a channel, so that a test reads them
// in step with the writer.
type chanWriter chan string

func (c chanWriter) Write(p []byte) (int, error) {
	c <- string(p)
	return len(p), nil
}

// The progress line waits for its start, shows pages done of total, and
// erases itself at the end; a build that ends first prints nothing.
func TestProgressLine(t *testing.T) {
	var p build.Progress
	w := make(chanWriter)
	start, tick := make(chan time.Time, 1), make(chan time.Time)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		progressLine(w, &p, start, tick, done)
		close(finished)
	}()
	close(done)
	<-finished // nothing written: a write would block forever

	done, finished = make(chan struct{}), make(chan struct{})
	setPages(&p, 1234, 5000)
	start <- time.Time{}
	go func() {
		progressLine(w, &p, start, tick, done)
		close(finished)
	}()
	var got []string
	got = append(got, <-w)
	setPages(&p, 5000, 5000)
	tick <- time.Time{}
	got = append(got, <-w)
	close(done)
	got = append(got, <-w)
	<-finished
	want := []string{"\r\x1b[Kbuilding: 1,234 of 5,000 pages (24%)", "\r\x1b[Kbuilding: 5,000 of 5,000 pages (100%)", "\r\x1b[K"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("progress output\n got %q\nwant %q", got, want)
	}
}

// Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
func TestColourRules(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tt := range []struct {
		terminal bool
		vars     map[string]string
		color    bool
	}{
		{true, nil, true},
		{false, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
	} {
		c := consoleFor(nil, nil, tt.terminal, env(tt.vars))
		if c.color != tt.color || c.live != tt.terminal {
			t.Errorf("terminal %v, env %v: colour %v, live %v", tt.terminal, tt.vars, c.color, c.live)
		}
	}
}

func TestServeFailedLine(t *testing.T) {
	for _, tt := range []struct {
		errs, warns int
		want        string
	}{
		{1, 0, "content/a.md changed: build failed with an error; the browser shows it over the last good page"},
		{2, 0, "content/a.md changed: build failed with 2 errors; the browser shows them over the last good page"},
		{1, 1, "content/a.md changed: build failed with an error and a warning; the browser shows them over the last good page"},
		{1, 3, "content/a.md changed: build failed with an error and 3 warnings; the browser shows them over the last good page"},
	} {
		if got := failedLine("content/a.md changed", tt.errs, tt.warns); got != tt.want {
			t.Errorf("%d errors, %d warnings: %q, want %q", tt.errs, tt.warns, got, tt.want)
		}
	}
	// The first build, which left no page to show them over.
	for _, tt := range []struct {
		errs, warns int
		want        string
	}{
		{1, 0, "the site did not build: an error; the browser shows it"},
		{2, 1, "the site did not build: 2 errors and a warning; the browser shows them"},
	} {
		if got := failedLine("", tt.errs, tt.warns); got != tt.want {
			t.Errorf("%d errors, %d warnings: %q, want %q", tt.errs, tt.warns, got, tt.want)
		}
	}
}

func setPages(p *build.Progress, done, total int) {
	p.Begin(build.StagePages, total)
	for range done {
		p.Step()
	}
}
