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
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// Message is one entry of epubcheck's JSON report.
type Message struct {
	ID        string `json:"ID"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Locations []struct {
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	} `json:"locations"`
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
// "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos".
var messagesLine = regexp.MustCompile(`Messages: .*`)

// Summary is epubcheck's own summary line, for test logs.
func (r Report) Summary() string {
	return messagesLine.FindString(r.Output)
}

// Run validates the EPUB file, or unpacked EPUB folder, at path and returns
// the parsed report.
func Run(t testing.TB, path string) Report {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	args := []string{path, "--json", jsonPath}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		args = append(args, "-mode", "exp") // an unpacked EPUB
	}
	cmd := Command(t, args...)
	out, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatalf("epubcheck wrote no report (%v, run error %v); output:\n%s", err, runErr, out)
	}
	var report struct {
		Messages []Message `json:"messages"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("parse epubcheck report: %v\n%s", err, data)
	}
	return Report{Messages: report.Messages, Output: string(out)}
}

// RequireValid fails the test unless epubcheck reports no fatal error, no
// error and no warning for the EPUB in data.
func RequireValid(t testing.TB, data []byte) Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := Run(t, path)
	if r.Count("FATAL")+r.Count("ERROR")+r.Count("WARNING") > 0 {
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
