package epub

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// epubcheckCommand returns the command that runs epubcheck, skipping the
// test when it is not installed (failing under CI). Debian installs
// /usr/bin/epubcheck as an executable jar, which only runs through
// binfmt_misc; containers often lack that, so a jar is run with java -jar.
func epubcheckCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
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

// epubcheckMessage is one entry of epubcheck's JSON report.
type epubcheckMessage struct {
	ID        string `json:"ID"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Locations []struct {
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	} `json:"locations"`
}

// epubcheckReport is the result of validating one file.
type epubcheckReport struct {
	Messages []epubcheckMessage
	Output   string // what epubcheck printed, for failure messages
}

// count returns how many messages have the given severity.
func (r epubcheckReport) count(severity string) int {
	n := 0
	for _, m := range r.Messages {
		if m.Severity == severity {
			n++
		}
	}
	return n
}

// summary lists every message in one line each.
func (r epubcheckReport) summary() string {
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

// runEpubcheck validates the EPUB at path and returns the parsed report.
func runEpubcheck(t *testing.T, path string) epubcheckReport {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	args := []string{path, "--json", jsonPath}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		args = append(args, "-mode", "exp") // an unpacked EPUB
	}
	cmd := epubcheckCommand(t, args...)
	out, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatalf("epubcheck wrote no report (%v, run error %v); output:\n%s", err, runErr, out)
	}
	var report struct {
		Messages []epubcheckMessage `json:"messages"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("parse epubcheck report: %v\n%s", err, data)
	}
	return epubcheckReport{Messages: report.Messages, Output: string(out)}
}

// requireValid fails the test unless epubcheck reports no fatal error, no
// error and no warning for the EPUB in data.
func requireValid(t *testing.T, data []byte) epubcheckReport {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runEpubcheck(t, path)
	if r.count("FATAL")+r.count("ERROR")+r.count("WARNING") > 0 {
		t.Fatalf("epubcheck found problems:\n%s\nfull output:\n%s", r.summary(), r.Output)
	}
	return r
}

// unpackEPUB extracts an EPUB into dir, so a test can open its chapters in
// a browser or compare files. It refuses entries that would escape dir.
func unpackEPUB(t *testing.T, data []byte, dir string) {
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
