// Package config owns folio.yaml: the site settings, their defaults, and the
// strict decoding that turns a misspelt key into an error instead of a
// silently ignored setting.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// FileName is the settings file at the root of a site.
const FileName = "folio.yaml"

// Config is the site configuration after defaults, folio.yaml and flags.
type Config struct {
	Title       string `yaml:"title"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"`
	Author      string `yaml:"author"`
	Description string `yaml:"description"`
	Copyright   string `yaml:"copyright"`
	// Minify is true unless folio.yaml or --no-minify turns it off.
	Minify bool `yaml:"minify"`
	// UnsafeHTML lets raw HTML in Markdown through; off by default because
	// an author pasting from elsewhere should not ship stray markup.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// PageSize is the number of posts per blog index page.
	PageSize int `yaml:"page_size"`
	// FeedSize caps the entries of the blog feed (series feeds hold every part).
	FeedSize int                     `yaml:"feed_size"`
	Drafts   bool                    `yaml:"drafts"`
	Future   bool                    `yaml:"future"`
	Series   map[string]SeriesConfig `yaml:"series"`
	// EPUB makes `folio build` write each book's EPUB beside its home page.
	EPUB bool `yaml:"epub"`
	// Search makes the build write a search index and the search box;
	// search: false turns both off.
	Search bool `yaml:"search"`
	// BookID is the stable dc:identifier of the EPUB; derived from the book when empty.
	BookID string `yaml:"book_id"`
}

// SeriesConfig describes a blog series where no content/series/<slug>.md does.
type SeriesConfig struct {
	Description string `yaml:"description"`
}

// Default returns the settings of a site without folio.yaml.
func Default() Config {
	return Config{
		Title:    "Untitled site",
		Language: "en",
		Minify:   true,
		PageSize: 10,
		FeedSize: 20,
		EPUB:     true,
		Search:   true,
	}
}

// Load reads folio.yaml from the root of fsys when it exists and lays it
// over the defaults. A missing file is not an error: a folder holding only
// content/ is a site.
func Load(fsys fs.FS) (Config, error) {
	cfg := Default()
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read %s: %w", FileName, err)
	}
	if err := Parse(data, &cfg); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// Parse decodes folio.yaml text over cfg, rejecting unknown keys.
func Parse(data []byte, cfg *Config) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("%s: %w (check the indentation and quoting near that line)", FileName, err)
	}
	if len(root.Content) == 0 {
		return nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: the file must be a mapping of keys to values (title: ..., base_url: ...)", FileName, doc.Line)
	}
	var problems []error
	known := yamlKeys()
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		if !known[k.Value] {
			problems = append(problems, fmt.Errorf("%s:%d: unknown key %q%s", FileName, k.Line, k.Value, suggest(k.Value, known)))
		}
	}
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	if err := doc.Decode(cfg); err != nil {
		return fmt.Errorf("%s: %w", FileName, err)
	}
	return cfg.validate()
}

func (c *Config) validate() error {
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("%s: base_url %q is not an absolute URL; write it like https://example.org/", FileName, c.BaseURL)
		}
		if !strings.HasSuffix(c.BaseURL, "/") {
			c.BaseURL += "/"
		}
	}
	if c.PageSize < 1 {
		return fmt.Errorf("%s: page_size must be at least 1, got %d", FileName, c.PageSize)
	}
	if c.FeedSize < 1 {
		return fmt.Errorf("%s: feed_size must be at least 1, got %d", FileName, c.FeedSize)
	}
	return nil
}

// SetBaseURL applies --base-url with the same checks as folio.yaml.
func (c *Config) SetBaseURL(u string) error {
	c.BaseURL = u
	return c.validate()
}

func yamlKeys() map[string]bool {
	keys := map[string]bool{}
	for _, k := range KnownKeys() {
		keys[k] = true
	}
	return keys
}

// KnownKeys lists the top-level keys folio.yaml accepts, sorted. They come
// from the struct tags so that the list cannot drift from what decodes.
func KnownKeys() []string {
	var keys []string
	t := reflect.TypeOf(Config{})
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	sort.Strings(keys)
	return keys
}

// suggest names the known key nearest to an unknown one, so a typo such as
// "baseurl" points at "base_url".
func suggest(key string, known map[string]bool) string {
	best, bestD := "", 1<<30
	for k := range known {
		d := distance(strings.ToLower(key), k)
		if d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > len(best)/2+1 {
		return "; known keys: " + strings.Join(KnownKeys(), ", ")
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
