package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// site makes a site folder with a few files and the given links (link →
// target), and a folder outside it holding secret.txt.
func site(t *testing.T, links map[string]string) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "site"), filepath.Join(base, "outside")
	for name, text := range map[string]string{
		"content/a.md": "a", "content/shared/b.md": "b", "static/s.css": "s", "elsewhere/c.md": "c",
	} {
		write(t, filepath.Join(root, name), text)
	}
	write(t, filepath.Join(outside, "secret.txt"), "secret")
	for link, target := range links {
		target = strings.ReplaceAll(target, "OUTSIDE", outside)
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	return root, outside
}

func write(t testing.TB, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Links to files and folders inside the site are followed; a linked folder
// is listed as a folder, so that a walk goes into it.
func TestFollowsLinksInsideTheSite(t *testing.T) {
	root, _ := site(t, map[string]string{
		"content/alias.md":  "a.md",
		"content/linked":    "../elsewhere",
		"static/twice.css":  "s.css",
		"content/viaparent": "shared",
	})
	fsys, err := New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "content/alias.md", "content/linked/c.md", "content/viaparent/b.md", "static/twice.css"); err != nil {
		t.Fatal(err)
	}
	var walked []string
	_ = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	})
	if got := strings.Join(walked, " "); got != "content/a.md content/alias.md content/linked/c.md content/shared/b.md content/viaparent/b.md" {
		t.Errorf("walk: %s", got)
	}
}

func TestRefusesLinksOutOfTheSite(t *testing.T) {
	root, outside := site(t, map[string]string{
		"static/env.txt":    "/proc/self/environ",
		"static/secret.txt": "OUTSIDE/secret.txt",
		"content/out":       "OUTSIDE",
		"content/loop1":     "loop2",
		"content/loop2":     "loop1",
		"content/self":      ".",
		"content/up":        "..",
		"content/gone.md":   "nothing.md",
	})
	fsys, err := New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"static/env.txt":         "static/env.txt is a symbolic link to /proc/self/environ, a file of the machine, not of the site; links into /proc, /sys and /dev are never followed",
		"static/secret.txt":      "static/secret.txt is a symbolic link to " + outside + "/secret.txt, outside the site folder; folio follows links only to files inside the site",
		"content/out":            "content/out is a symbolic link to " + outside + ", outside the site folder",
		"content/out/secret.txt": "content/out is a symbolic link to " + outside + ", outside",
		"content/loop1":          "content/loop1 is a symbolic link to loop2, which leads back to itself through other links (a loop)",
		"content/self":           "content/self is a symbolic link to ., a folder that holds the link, so reading it would never end (a loop)",
		"content/up":             "content/up is a symbolic link to .., a folder that holds the link",
		"content/gone.md":        "content/gone.md is a symbolic link to nothing.md, which does not exist",
	} {
		_, err := fsys.ReadFile(name)
		var le *LinkError
		if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v\nwant %s...", name, err, want)
		}
		if _, err := fsys.Open(name); err == nil {
			t.Errorf("%s: Open succeeded", name)
		}
	}
	// Listed, as links, so that a build can say why it skips them.
	entries, err := fsys.ReadDir("content")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "self" || e.Name() == "out" {
			if e.IsDir() || e.Type()&fs.ModeSymlink == 0 {
				t.Errorf("%s listed as %v", e.Name(), e.Type())
			}
		}
	}
}

// follow_links allows a folder outside the site, never /proc, /sys or /dev.
func TestAllowList(t *testing.T) {
	root, outside := site(t, map[string]string{"static/secret.txt": "OUTSIDE/secret.txt"})
	fsys, err := New(root, []string{outside})
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fsys.ReadFile("static/secret.txt"); err != nil || string(data) != "secret" {
		t.Errorf("allowed link: %q %v", data, err)
	}
	for _, bad := range []string{"/", "/proc", "/sys/kernel", "/dev"} {
		if _, err := New(root, []string{bad}); err == nil || !strings.Contains(err.Error(), "never followed") {
			t.Errorf("follow_links %s: %v", bad, err)
		}
	}
	if _, err := New(root, []string{"no-such-folder"}); err == nil || !strings.Contains(err.Error(), "follow_links names") {
		t.Errorf("a missing folder: %v", err)
	}
}

func TestSiteFolderMistakes(t *testing.T) {
	root, _ := site(t, nil)
	if _, err := New(filepath.Join(root, "nope"), nil); err == nil || !strings.Contains(err.Error(), "does not exist; pass the folder that holds content/ with -s") {
		t.Errorf("missing: %v", err)
	}
	if _, err := New(filepath.Join(root, "content", "a.md"), nil); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("a file: %v", err)
	}
}

// Checked folders are cached: a file that becomes a link is still checked,
// and a folder that becomes a link is seen after Fresh.
func TestCacheFollowsChanges(t *testing.T) {
	root, outside := site(t, nil)
	fsys, err := New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/a.md", "content/shared/b.md"} {
		if _, err := fsys.ReadFile(name); err != nil {
			t.Fatal(err)
		}
	}
	// Folders checked: files in them are read by the short way.
	big := strings.Repeat("words ", 20000)
	write(t, filepath.Join(root, "content/big.md"), big)
	if data, err := fsys.ReadFile("content/big.md"); err != nil || string(data) != big {
		t.Errorf("content/big.md read as %d bytes (%v), want %d", len(data), err, len(big))
	}
	if fi, err := fsys.Stat("content/big.md"); err != nil || fi.Size() != int64(len(big)) || fi.Name() != "big.md" {
		t.Errorf("Stat(content/big.md) = %v, %v", fi, err)
	}
	if _, err := fsys.ReadFile("content/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("content/missing.md: %v, want a file that does not exist", err)
	}
	if err := os.Remove(filepath.Join(root, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/proc/self/environ", filepath.Join(root, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.ReadFile("content/a.md"); err == nil {
		t.Error("a file replaced by a link to /proc was read")
	}
	if _, err := fsys.Stat("content/a.md"); err == nil {
		t.Error("a file replaced by a link to /proc was given a Stat")
	}
	if err := os.RemoveAll(filepath.Join(root, "content/shared")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(outside, "b.md"), "outside")
	if err := os.Symlink(outside, filepath.Join(root, "content/shared")); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Fresh().ReadFile("content/shared/b.md"); err == nil {
		t.Error("a folder replaced by a link out of the site was read after Fresh")
	}
}
