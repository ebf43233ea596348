package watch

import (
	"path/filepath"
	"testing"
)

func TestIsEditorTemp(t *testing.T) {
	tests := []struct {
		name string
		temp bool
	}{
		// The author's files, including ones that look a little like temps.
		{"chapter.md", false},
		{"CNAME", false},
		{"404.html", false},
		{"2024-01-05-partnership.md", false},
		{"1.md", false},
		{".htaccess", false},
		{"photo.jpg", false},
		{"folio.yaml", false},
		{"about#team.md", false},
		// vim
		{".chapter.md.swp", true},
		{".chapter.md.swo", true},
		{".chapter.md.swx", true},
		{".chapter.md.swpx", true},
		{"chapter.md~", true},
		{"4913", true},
		{"5036", true},
		// emacs
		{".#chapter.md", true},
		{"#chapter.md#", true},
		// JetBrains
		{"chapter.md___jb_tmp___", true},
		{"chapter.md___jb_old___", true},
		{"chapter.md___jb_bak___", true},
		// helix, GNOME, macOS, Kate, Byword, generic
		{"chapter.md0HlVyu.bck", true},
		{".goutputstream-4X7ZG2", true},
		{".DS_Store", true},
		{".chapter.md.kate-swp", true},
		{".sb-a5b2c9d1-yUk1Qa", true},
		{"chapter.md.tmp", true},
		{"UPLOAD.TMP", true},
	}
	for _, tt := range tests {
		if got := isEditorTemp(tt.name); got != tt.temp {
			t.Errorf("isEditorTemp(%q) = %v, want %v", tt.name, got, tt.temp)
		}
	}
}

func TestIsIgnoredDirName(t *testing.T) {
	tests := []struct {
		name    string
		ignored bool
	}{
		{".git", true},
		{".idea", true},
		{".cache", true},
		{"node_modules", true},
		{".well-known", false},
		{"chapters", false},
		{"_drafts", false},
		{"images", false},
	}
	for _, tt := range tests {
		if got := isIgnoredDirName(tt.name); got != tt.ignored {
			t.Errorf("isIgnoredDirName(%q) = %v, want %v", tt.name, got, tt.ignored)
		}
	}
}

func TestRootSetRelevant(t *testing.T) {
	base := t.TempDir()
	content := filepath.Join(base, "content")
	config := filepath.Join(base, "folio.yaml")
	public := filepath.Join(content, "public")
	rs, err := newRootSet([]string{content, config, content + "/"}, func(p string) bool { return isWithin(p, public) })
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.paths) != 2 {
		t.Errorf("duplicate roots kept: %q", rs.paths)
	}
	tests := []struct {
		path     string
		isDir    bool
		relevant bool
	}{
		{content, true, true},
		{filepath.Join(content, "ch1", "a.md"), false, true},
		{filepath.Join(content, "ch1"), true, true},
		{filepath.Join(content, ".git"), true, false},
		{filepath.Join(content, "ch1", "a.md~"), false, false},
		{public, true, false},
		{filepath.Join(public, "index.html"), false, false},
		{config, false, true},
		{filepath.Join(base, "other.yaml"), false, false},
		{filepath.Join(base, "content2", "a.md"), false, false},
		{base, true, false},
	}
	for _, tt := range tests {
		if got := rs.relevant(tt.path, tt.isDir); got != tt.relevant {
			t.Errorf("relevant(%q, dir=%v) = %v, want %v", tt.path, tt.isDir, got, tt.relevant)
		}
	}
	if got := rs.rootsBelow(base); len(got) != 2 {
		t.Errorf("rootsBelow(%q) = %q, want both roots", base, got)
	}
	if got := rs.rootsBelow(filepath.Join(content, "ch1")); len(got) != 0 {
		t.Errorf("rootsBelow(ch1) = %q, want none", got)
	}
}
