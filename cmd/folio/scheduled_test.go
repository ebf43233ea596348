package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildListsScheduledPosts: the build summary names each post left out
// for being dated in the future, with its date, soonest first; --future
// builds them and lists none.
func TestBuildListsScheduledPosts(t *testing.T) {
	site := t.TempDir()
	for name, text := range map[string]string{
		"folio.yaml":                 "title: Scheduled\nbase_url: https://scheduled.example.org/\n",
		"content/blog/_index.md":     "---\ntitle: Blog\n---\n",
		"content/blog/now.md":        "---\ntitle: Now\ndate: 2026-01-01\n---\n\nPublished.\n",
		"content/blog/far.md":        "---\ntitle: Far\ndate: 2999-05-01\n---\n\nLater.\n",
		"content/blog/not-as-far.md": "---\ntitle: Not as far\ndate: 2998-05-01T09:00:00Z\n---\n\nLater.\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", site, "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	want := []string{
		"scheduled: content/blog/not-as-far.md (2998-05-01), left out until then; --future includes it",
		"scheduled: content/blog/far.md (2999-05-01), left out until then; --future includes it",
	}
	if len(lines) != 3 || strings.Join(lines[:2], "\n") != strings.Join(want, "\n") || !strings.HasPrefix(lines[2], "built ") {
		t.Errorf("build printed\n%s\nwant the scheduled posts, soonest first, then the summary:\n%s", stdout.String(), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(out, "blog", "far", "index.html")); err == nil {
		t.Error("the scheduled post was built without --future")
	}
	stdout.Reset()
	if code := run([]string{"build", "-s", site, "-o", out, "--future"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build --future exited %d: %s", code, stderr.String())
	}
	if strings.Contains(stdout.String(), "scheduled:") {
		t.Errorf("build --future still lists scheduled posts:\n%s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "blog", "far", "index.html")); err != nil {
		t.Errorf("build --future left out the future post: %v", err)
	}
}
