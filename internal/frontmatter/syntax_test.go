package frontmatter

import "testing"

// The line finders of TOML and JSON keys match a whole key in each of its
// spellings, never a longer key that starts with it.
func TestKeyAt(t *testing.T) {
	tests := []struct {
		name  string
		keyAt func([]byte, string) bool
		line  string
		want  bool
	}{
		{"toml bare", tomlKeyAt, `tag = "a"`, true},
		{"toml tight", tomlKeyAt, `tag="a"`, true},
		{"toml quoted", tomlKeyAt, `"tag" = "a"`, true},
		{"toml longer key", tomlKeyAt, `tags = ["a"]`, false},
		{"toml table", tomlKeyAt, `[tag]`, true},
		{"toml table spaced quoted", tomlKeyAt, `[ "tag" ]`, true},
		{"toml subtable", tomlKeyAt, `[tag.x]`, false},
		{"toml open quote", tomlKeyAt, `"tag = 1`, false},
		{"toml value only", tomlKeyAt, `x = "tag"`, false},
		{"json", jsonKeyAt, `"tag": 1,`, true},
		{"json spaced", jsonKeyAt, `"tag" : 1,`, true},
		{"json unquoted", jsonKeyAt, `tag: 1,`, false},
		{"json longer key", jsonKeyAt, `"tags": [],`, false},
	}
	for _, tt := range tests {
		if got := tt.keyAt([]byte(tt.line), "tag"); got != tt.want {
			t.Errorf("%s: %q: got %v, want %v", tt.name, tt.line, got, tt.want)
		}
	}
}
