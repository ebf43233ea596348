package check

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBuiltFor(t *testing.T) {
	tests := []struct {
		name, robots string
		base         string
		known        bool
	}{
		{"no robots.txt", "", "", false},
		{"sub-path", "User-agent: *\nAllow: /\nSitemap: https://ada.github.io/writing-well/sitemap.xml\n", "https://ada.github.io/writing-well/", true},
		{"root", "User-agent: *\nSitemap: https://example.org/sitemap.xml\n", "https://example.org/", true},
		{"no base URL", "User-agent: *\nAllow: /\n", "", true},
		{"another sitemap name", "Sitemap: https://example.org/maps/all.xml\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.robots != "" {
				if err := os.WriteFile(filepath.Join(dir, "robots.txt"), []byte(tt.robots), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			base, known, err := BuiltFor(dir)
			if err != nil || base != tt.base || known != tt.known {
				t.Errorf("BuiltFor = %q, %v, %v; want %q, %v", base, known, err, tt.base, tt.known)
			}
		})
	}
}
