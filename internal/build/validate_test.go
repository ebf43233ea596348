package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"folio/internal/corpus"
)

// vnuJar finds the Nu Html Checker (the W3C's validator, npm package
// vnu-jar). Without it the test skips, unless CI is set, where a missing
// validator must fail rather than pass silently. It takes seconds a run, so
// its tests skip under go test -short.
func vnuJar(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping a test that runs the Nu Html Checker")
	}
	jar := os.Getenv("FOLIO_VNU_JAR")
	if jar != "" {
		if _, err := os.Stat(jar); err == nil {
			if _, err := exec.LookPath("java"); err == nil {
				return jar
			}
		}
	}
	msg := "the Nu Html Checker is not available: set FOLIO_VNU_JAR to vnu.jar (npm install vnu-jar) and install java; .ci/run does both"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// validate runs the checker on every HTML, CSS and SVG file of a built
// site; warnings count as failures, since folio must never emit an invalid
// page.
func validate(t *testing.T, jar, dir string) {
	t.Helper()
	cmd := exec.Command("java", "-jar", jar, "--Werror", "--skip-non-html", "--also-check-css", "--also-check-svg", dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Nu Html Checker rejects the output of %s:\n%s", dir, out)
	}
}

func TestSampleSiteIsValidHTML(t *testing.T) {
	jar := vnuJar(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "../..", Output: out}); err != nil {
		t.Fatal(err)
	}
	validate(t, jar, out)
}

func TestGeneratedSiteIsValidHTML(t *testing.T) {
	jar := vnuJar(t)
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(src, corpus.Spec{Pages: 60, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for _, minify := range []bool{true, false} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: src, Output: out, NoMinify: !minify}); err != nil {
			t.Fatal(err)
		}
		validate(t, jar, out)
	}
}

// TestSubPathSiteIsValidHTML validates the sample site built for a
// sub-path, with an alias (a redirect page), as a GitHub Pages project site
// publishes it.
func TestSubPathSiteIsValidHTML(t *testing.T) {
	jar := vnuJar(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: sampleWithAlias(t), Output: out, BaseURL: "https://ada.github.io/writing-well/"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "2025", "partnership", "index.html")); err != nil {
		t.Fatalf("no redirect page for the alias: %v", err)
	}
	validate(t, jar, out)
}
