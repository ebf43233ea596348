// Package epubcheck owns running the W3C EPUB validator, epubcheck, from
// tests: finding it (a test skips when it is missing and fails under CI),
// running it on a file or an unpacked folder, and reading its JSON report.
// epubcheck takes seconds a run, so its tests skip under go test -short.
// It exists so that every package whose output ends up in an EPUB (the
// writer itself, and the build that feeds it a real book) validates the
// same way. It imports no other folio package.
package epubcheck

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Command returns the command that runs epubcheck with args, skipping the
// test under -short and when it is not installed (failing under CI). Debian installs
// /usr/bin/epubcheck as an executable jar, which only runs through
// binfmt_misc; containers often lack that, so a jar is run with java -jar.
func Command(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping a test that runs epubcheck")
	}
	bin, err := exec.LookPath("epubcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("epubcheck is required under CI: %v (install it with: apt-get install -y epubcheck)", err)
		}
		t.Skipf("epubcheck not installed (%v); install it with: apt-get install -y epubcheck", err)
	}
	head := make([]byte, 2)
	if f, err := os.Open(bin); err == nil {
		_, _ = io.ReadFull(f, head)
		f.Close()
	}
	if string(head) == "PK" {
		java, err := exec.LookPath("java")
		if err != nil {
			t.Fatalf("epubcheck at %s is a jar but java is missing: %v", bin, err)
		}
		// C1-only compilation halves epubcheck's run time: it is dominated
		// by loading its schemas once, where the optimising compiler never pays off.
		return exec.Command(java, append([]string{"-XX:TieredStopAtLevel=1", "-jar", bin}, args...)...)
	}
	return exec.Command(bin, args...)
}

// Message is one message of epubcheck's report.
type Message struct {
	ID        string // e.g. "CSS-024"
	Severity  string // FATAL, ERROR, WARNING, USAGE or INFO
	Message   string
	Locations []Location
}

// Location is where a message points: a file of the package, and a line
// and column when epubcheck knows them (-1 otherwise).
type Location struct {
	Path         string
	Line, Column int
}

// Report is the result of validating one file.
type Report struct {
	Messages []Message
	Output   string // what epubcheck printed, for failure messages
}

// Count returns how many messages have the given severity (FATAL, ERROR,
// WARNING, USAGE, INFO).
func (r Report) Count(severity string) int {
	n := 0
	for _, m := range r.Messages {
		if m.Severity == severity {
			n++
		}
	}
	return n
}

// List gives every message on a line of its own, with its locations.
func (r Report) List() string {
	var b strings.Builder
	for _, m := range r.Messages {
		fmt.Fprintf(&b, "%s(%s): %s", m.Severity, m.ID, m.Message)
		for _, l := range m.Locations {
			fmt.Fprintf(&b, " [%s:%d:%d]", l.Path, l.Line, l.Column)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// messagesLine is epubcheck's summary, e.g.
// "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos / 0 usages".
var messagesLine = regexp.MustCompile(`Messages: ([0-9]+) fatals? / ([0-9]+) errors? / ([0-9]+) warnings? / ([0-9]+) infos?(?: / ([0-9]+) usages?)?`)

// messageLine is one message of epubcheck's text report, e.g.
// "USAGE(CSS-024): /tmp/x/book.epub/EPUB/styles/book.css(128,1): CSS class Selector is not used.";
// the location is left out when epubcheck has none.
var messageLine = regexp.MustCompile(`^(FATAL|ERROR|WARNING|USAGE|INFO)\(([A-Z]+-[0-9]+[a-z]?)\): (?:(.*?)\((-?[0-9]+),(-?[0-9]+)\): )?(.*)$`)

// Summary is epubcheck's own summary line, for test logs.
func (r Report) Summary() string {
	return messagesLine.FindString(r.Output)
}

// Run validates the EPUB file, or unpacked EPUB folder, at path and returns
// the parsed report, usage messages included (--profile default -u: unused
// CSS, named entities, spine items missing from the contents...).
//
// It reads the report epubcheck prints, which is what a user running
// epubcheck sees: its JSON report (--json) differs from it in one
// message, NCX-003 (an EPUB 2 table of contents advised), which the printed
// report leaves out, and which an EPUB 3 cannot avoid in 4.2.6 without the
// HTM-010 that any NCX gets. Run fails the test when the messages it reads
// do not add up to epubcheck's own summary line.
func Run(t testing.TB, path string) Report {
	t.Helper()
	args := []string{path, "--profile", "default", "-u"}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		args = append(args, "-mode", "exp") // an unpacked EPUB
	}
	cmd := Command(t, args...)
	out, runErr := cmd.CombinedOutput()
	r := Report{Output: string(out)}
	for _, line := range strings.Split(r.Output, "\n") {
		m := messageLine.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		msg := Message{Severity: m[1], ID: m[2], Message: m[6]}
		if m[3] != "" {
			l, _ := strconv.Atoi(m[4])
			c, _ := strconv.Atoi(m[5])
			p := strings.TrimPrefix(strings.TrimPrefix(m[3], path), "/")
			msg.Locations = append(msg.Locations, Location{Path: p, Line: l, Column: c})
		}
		r.Messages = append(r.Messages, msg)
	}
	sum := messagesLine.FindStringSubmatch(r.Output)
	if sum == nil {
		t.Fatalf("epubcheck printed no summary (run error %v); output:\n%s", runErr, out)
	}
	total := 0
	for _, n := range sum[1:] {
		k, _ := strconv.Atoi(n)
		total += k
	}
	if total != len(r.Messages) {
		t.Fatalf("epubcheck's summary counts %d messages, %d read from its report:\n%s", total, len(r.Messages), out)
	}
	return r
}

// RequireValid fails the test unless epubcheck, with its usage report,
// reports nothing at all for the EPUB in data: no fatal error, error or
// warning, and no usage or info message either.
func RequireValid(t testing.TB, data []byte) Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := Run(t, path)
	if len(r.Messages) > 0 {
		t.Fatalf("epubcheck found problems:\n%s\nfull output:\n%s", r.List(), r.Output)
	}
	return r
}

// Unpack extracts an EPUB into dir, so a test can open its chapters in a
// browser or compare files. It refuses entries that would escape dir.
func Unpack(t testing.TB, data []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("open EPUB: %v", err)
	}
	for _, f := range zr.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			t.Fatalf("EPUB entry %q escapes the target directory", f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// File returns the content of one entry of an EPUB, failing the test when
// the EPUB has no such entry.
func File(t testing.TB, epub []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(epub), int64(len(epub)))
	if err != nil {
		t.Fatalf("open EPUB: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		return data
	}
	t.Fatalf("EPUB has no entry %q", name)
	return nil
}
