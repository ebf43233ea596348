package suggest

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"author", "base_url", "book_id", "copyright", "description", "drafts", "edit_url", "epub",
		"feed_size", "future", "language", "menu", "minify", "page_size", "params", "series", "title", "unsafe_html"}
	commands := []string{"build", "epub", "help", "new", "serve", "stats", "version"}
	flags := []string{"s", "o", "base-url", "drafts", "future", "no-minify", "strict", "q", "v"}
	tests := []struct {
		word   string
		among  []string
		want   string
		wanted bool
	}{
		{"baseurl", keys, "base_url", true},
		{"titel", keys, "title", true},
		{"minfy", keys, "minify", true},
		{"Language", keys, "language", true},
		{"lang", keys, "language", true}, // a prefix of half the key
		{"theme", keys, "", false},
		{"param", keys, "params", true},
		{"menus", keys, "menu", true},
		{"zzzzzzzzzz", keys, "", false},
		{"buidl", commands, "build", true},
		{"biuld", commands, "build", true},
		{"srve", commands, "serve", true},
		{"init", commands, "", false},
		{"versoin", commands, "version", true},
		{"minify", flags, "no-minify", true},
		{"draft", flags, "drafts", true},
		{"baseurl", flags, "base-url", true},
		{"x", flags, "", false},
		{"", flags, "", false},
	}
	for _, tt := range tests {
		got, ok := Nearest(tt.word, tt.among)
		if got != tt.want || ok != tt.wanted {
			t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.wanted)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"params", "drafts", 4}, {"buidl", "build", 1}, {"build", "biuld", 1}} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
