package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes a site of the given files (slash paths) into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	for name, text := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// goodSite has one page of each common kind and nothing to warn about.
var goodSite = map[string]string{
	"folio.yaml":              "title: CLI\nbase_url: https://cli.example.org/\n",
	"content/_index.md":       "---\ntitle: Home\n---\nHello.\n",
	"content/about.md":        "---\ntitle: About\n---\nMe.\n",
	"content/blog/_index.md":  "---\ntitle: Blog\n---\n",
	"content/blog/first.md":   "---\ntitle: First\ndate: 2026-01-05\n---\nA post.\n",
	"content/book/_index.md":  "---\ntitle: Book\n---\n",
	"content/book/one.md":     "---\ntitle: One\n---\nA chapter.\n",
	"static/css/site.css":     "body { margin: 0 }\n",
	"content/book/figure.png": "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\x68\x70\x50\x00\x22\x06\x08\x05\x00\x1a\x0e\x03\x81\x9c\x0e\x39\xc7\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82", // a 2 x 2 PNG
}

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string // a regular expression the whole of stdout matches
		stderr    string // the same for stderr
		stdoutHas string
		stderrHas string
	}{
		{name: "no arguments", args: nil, code: 2, stdout: `^$`, stderrHas: "Usage:\n  folio new site DIR"},
		{name: "help", args: []string{"help"}, code: 0, stderr: `^$`, stdoutHas: "Usage:\n  folio new site DIR"},
		{name: "--help", args: []string{"--help"}, code: 0, stderr: `^$`, stdoutHas: "Usage:\n  folio new site DIR"},
		{name: "help build", args: []string{"help", "build"}, code: 0, stderr: `^$`, stdoutHas: "Usage: folio build [flags]"},
		{name: "build --help", args: []string{"build", "--help"}, code: 0, stderr: `^$`, stdoutHas: "A failed build leaves the previous output untouched."},
		{name: "build -h", args: []string{"build", "-h"}, code: 0, stderr: `^$`, stdoutHas: "-no-minify"},
		{name: "unknown command", args: []string{"biuld"}, code: 2, stdout: `^$`, stderr: `^folio: unknown command "biuld"; did you mean "build"\?\n\nfolio builds`},
		{name: "transposed command", args: []string{"buidl"}, code: 2, stdout: `^$`, stderr: `^folio: unknown command "buidl"; did you mean "build"\?\n`},
		{name: "far command", args: []string{"publish"}, code: 2, stdout: `^$`, stderr: `^folio: unknown command "publish"\n\nfolio builds`},
		{name: "init", args: []string{"init"}, code: 2, stdout: `^$`, stderr: `^folio: unknown command "init"; to start a site, run folio new site DIR\n`},
		{name: "flag before command", args: []string{"--drafts", "build"}, code: 2, stdout: `^$`, stderr: `^folio: unknown command "--drafts"; flags come after the command`},
		{name: "unknown flag", args: []string{"build", "-minify"}, code: 2, stdout: `^$`, stderr: `^folio build: unknown flag --minify; did you mean --no-minify\?\n\nUsage: folio build`},
		{name: "unknown flag far", args: []string{"serve", "--zzz"}, code: 2, stdout: `^$`, stderr: `^folio serve: unknown flag --zzz\n\nUsage: folio serve`},
		{name: "misspelt flag", args: []string{"epub", "--drfts"}, code: 2, stdout: `^$`, stderr: `^folio epub: unknown flag --drfts; did you mean --drafts\?\n`},
		{name: "help unknown", args: []string{"help", "srve"}, code: 2, stdout: `^$`, stderr: `^folio help: unknown command "srve"; did you mean "serve"\?\n`},
		{name: "stray argument", args: []string{"build", "mysite"}, code: 2, stdout: `^$`, stderr: `^folio build: unexpected argument "mysite"; give the site folder with -s\n\nUsage: folio build`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d", r.code, tt.code)
			}
			check := func(stream, got, pattern, has string) {
				if pattern != "" && !regexp.MustCompile(pattern).MatchString(got) {
					t.Errorf("%s does not match %q:\n%s", stream, pattern, got)
				}
				if has != "" && !strings.Contains(got, has) {
					t.Errorf("%s lacks %q:\n%s", stream, has, got)
				}
			}
			check("stdout", r.stdout, tt.stdout, tt.stdoutHas)
			check("stderr", r.stderr, tt.stderr, tt.stderrHas)
		})
	}
}

// Every flag of build is explained in its help.
func TestBuildHelpExplainsEveryFlag(t *testing.T) {
	r := runCLI("build", "--help")
	for _, flag := range []string{"-s folder", "-o folder", "--base-url URL", "--drafts", "--future", "--no-minify", "--strict", "-q", "-v"} {
		if !strings.Contains(r.stdout, "  "+flag) {
			t.Errorf("build --help does not explain %s:\n%s", flag, r.stdout)
		}
	}
}

// A successful build prints exactly one line: pages by kind, generated
// pages, static files, bytes written and the time taken. -q prints nothing.
func TestBuildSummary(t *testing.T) {
	site := writeSite(t, goodSite)
	out := filepath.Join(t.TempDir(), "public")
	r := runCLI("build", "-s", site, "-o", out)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	summary := regexp.MustCompile(`^built 6 pages \(1 blog, 1 book, 1 chapter, 1 home, 1 page, 1 post\), \d+ generated, \d+ static files; \d+(\.\d)? (B|KB|MB) \(search index: \d+ files, \d+(\.\d)? (B|KB|MB)\) in \d+ ms\n$`)
	if !summary.MatchString(r.stdout) {
		t.Errorf("summary %q does not match %s", r.stdout, summary)
	}
	if _, err := os.Stat(filepath.Join(out, "book", "one", "index.html")); err != nil {
		t.Errorf("the build wrote no chapter: %v", err)
	}

	r = runCLI("build", "-q", "-s", site, "-o", out)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("build -q: exit %d, stdout %q, stderr %q; want 0 and nothing printed", r.code, r.stdout, r.stderr)
	}
}

// A failed build prints every problem to stderr, sorted by file and line,
// then the count; it exits 1, prints nothing to stdout and leaves the
// previous output as it was.
func TestBuildErrors(t *testing.T) {
	site := writeSite(t, goodSite)
	out := filepath.Join(t.TempDir(), "public")
	if r := runCLI("build", "-s", site, "-o", out); r.code != 0 {
		t.Fatalf("the good site failed: %s", r.stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"content/b.md": "---\ntitle: B\norder: first\n---\n",
		"content/a.md": "---\ndate: 2026-01-01\n---\n",
	} {
		if err := os.WriteFile(filepath.Join(site, "content", filepath.Base(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI("build", "-s", site, "-o", out)
	want := `error: content/a.md:1: front matter has no title; add a line such as title: "A"
error: content/b.md:3: front matter key "order": expected a whole number such as 10, got the text "first"
folio: build failed with 2 errors; the previous output is unchanged
`
	if r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1, no stdout, stderr:\n%s", r.code, r.stdout, r.stderr, want)
	}
	after, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the failed build changed the output (%v)", err)
	}

	r = runCLI("build", "-s", filepath.Join(site, "content"), "-o", out)
	want = "error: content/: folder not found; a site keeps its Markdown pages in content/ (create it, or pass -s with the site folder)\nfolio: build failed; the previous output is unchanged\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("-s pointing at content/: exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
}

// A failed build prints the warnings found before it stopped with its
// errors, whether loading or rendering failed: all problems of a build are
// reported together (a warning may explain an error); with --strict a
// warning is an error, printed once.
func TestBuildFailurePrintsWarnings(t *testing.T) {
	const (
		renamed  = "warning: content/blog/old.markdown: is copied as a file, not made a page: folio makes pages of .md files only; rename it to old.md\n"
		credit   = "warning: content/blog/first.md:4: photo ../book/figure.png has no credit; add credit: (and credit_url, license) so the photographer is named\n"
		uncredit = "---\ntitle: First\ndate: 2026-01-05\nphoto:\n  src: ../book/figure.png\n  alt: A figure\n---\nA post.\n"
	)
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"loading", map[string]string{"content/blog/old.markdown": "An old post.\n", "content/blog/bad.md": "---\ntitle: [\n---\nText.\n"}, nil,
			renamed + "error: content/blog/bad.md:2: malformed YAML front matter: did not find expected node content; check the indentation, and quote a value that holds \": \" or starts with [, {, *, &, !, |, >, %, @ or a quote\nfolio: build failed; the previous output is unchanged\n"},
		{"rendering", map[string]string{"content/blog/first.md": uncredit, "content/blog/bad.md": "---\ntitle: Bad\ndate: 2026-01-06\n---\nSee [it](missing.md).\n"}, nil,
			credit + "error: content/blog/bad.md:5: link \"missing.md\": no such page content/blog/missing.md; check the path (it is relative to this file)\nfolio: build failed; the previous output is unchanged\n"},
		{"strict", map[string]string{"content/blog/first.md": uncredit}, []string{"--strict"},
			"error" + credit[len("warning"):] + "folio: build failed; the previous output is unchanged\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(goodSite)
			maps.Copy(files, tc.files)
			site := writeSite(t, files)
			r := runCLI(append([]string{"build", "-s", site, "-o", filepath.Join(t.TempDir(), "public")}, tc.args...)...)
			if r.code != 1 || r.stderr != tc.want {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", r.code, r.stderr, tc.want)
			}
		})
	}
}

// Warnings go to stderr and do not fail the build unless --strict; -q
// silences them with the summary.
func TestBuildWarnings(t *testing.T) {
	files := maps.Clone(goodSite)
	files["content/blog/first.md"] = "---\ntitle: First\ndate: 2026-01-05\nphoto:\n  src: ../book/figure.png\n  alt: A figure\n---\nA post.\n"
	site := writeSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	warning := "warning: content/blog/first.md:4: photo ../book/figure.png has no credit; add credit: (and credit_url, license) so the photographer is named\n"

	r := runCLI("build", "-s", site, "-o", out)
	if r.code != 0 || r.stderr != warning || !strings.HasPrefix(r.stdout, "built ") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, the summary and the warning", r.code, r.stdout, r.stderr)
	}
	r = runCLI("build", "-q", "-s", site, "-o", out)
	if r.code != 0 || r.stderr != "" || r.stdout != "" {
		t.Errorf("-q: exit %d, stdout %q, stderr %q; want 0 and nothing", r.code, r.stdout, r.stderr)
	}
	r = runCLI("build", "--strict", "-s", site, "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "error: content/blog/first.md:4: photo ../book/figure.png has no credit") {
		t.Errorf("--strict: exit %d, stderr %q; want 1 and the warning as an error", r.code, r.stderr)
	}
}
