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
	"regexp"
	"sort"
	"strings"

	"folio/internal/suggest"

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
	// Images are the settings of image processing.
	Images Images `yaml:"images"`
	// FollowLinks names folders outside the site folder that symbolic links
	// in the site may point into (never /proc, /sys or /dev).
	FollowLinks []string `yaml:"follow_links"`
	// Params is any mapping the site's templates read as .Site.Params (an
	// analytics id, a repository URL, a social handle).
	Params map[string]any `yaml:"params"`
	// Menu, when given, is the header's navigation in this order, replacing
	// the links folio makes of the books, blogs, series, tags and top pages.
	Menu []MenuEntry `yaml:"menu"`
	// EditURL is the address of a page's source for editing, with {path}
	// standing for the source's path from the site folder
	// (content/book/candor.md); chapters and posts link to it.
	EditURL string `yaml:"edit_url"`
	// PostAliases is the pattern of the addresses the blog's posts had
	// before (post_aliases: /:year/:month/:day/:title.html); each post
	// gets its own as an alias (postaliases.go). "" for none.
	PostAliases string `yaml:"post_aliases"`
}

// MenuEntry is one link of the header's navigation.
type MenuEntry struct {
	Title string `yaml:"title"`
	// URL is a site path (/about/) or an address on the web.
	URL string `yaml:"url"`
}

// EditPlaceholder is what EditURL's pattern replaces with a source path.
const EditPlaceholder = "{path}"

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
		Images:   DefaultImages(),
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
		return yamlError(err, "check the indentation and quoting near that line")
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
			problems = append(problems, fmt.Errorf("%s:%d: unknown key %q%s", FileName, k.Line, k.Value, hint(k.Value)))
			continue
		}
		problems = append(problems, checkShape(k.Value, doc.Content[i+1])...)
	}
	problems = append(problems, checkImageKeys(doc)...)
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	if err := doc.Decode(cfg); err != nil {
		return yamlError(err, "fix the value: README lists each key of folio.yaml with an example")
	}
	return cfg.validate()
}

// yamlLine finds the line in the messages of the YAML decoder: "yaml: line
// 3: did not find ..." or "line 2: cannot unmarshal !!str `many` into int".
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns the YAML decoder's errors into one problem per line of
// folio.yaml, each starting with the file and line, in words an author
// reads without knowing YAML's type tags.
func yamlError(err error, todo string) error {
	var lines []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		lines = te.Errors
	} else {
		lines = []string{err.Error()}
	}
	var errs []error
	for _, l := range lines {
		m := yamlLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			errs = append(errs, fmt.Errorf("%s: %s (%s)", FileName, strings.TrimPrefix(l, "yaml: "), todo))
			continue
		}
		errs = append(errs, fmt.Errorf("%s:%s: %s (%s)", FileName, m[1], plainYAML(m[2]), todo))
	}
	return errors.Join(errs...)
}

// plainYAML rewrites "cannot unmarshal !!str `many` into int".
func plainYAML(msg string) string {
	kinds := map[string]string{"!!str": "the text", "!!int": "the number", "!!float": "the number", "!!bool": "the value",
		"!!seq": "a list", "!!map": "a mapping", "!!null": "nothing"}
	wants := map[string]string{"int": "a whole number", "bool": "true or false", "string": "text", "[]string": "a list of texts"}
	var kind, val, into string
	if n, _ := fmt.Sscanf(strings.ReplaceAll(msg, "`", " "), "cannot unmarshal %s %s into %s", &kind, &val, &into); n == 3 {
		if k, ok := kinds[kind]; ok {
			want := wants[into]
			if want == "" {
				want = into
			}
			return fmt.Sprintf("expected %s, got %s %q", want, k, val)
		}
	}
	return msg
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
	return c.Images.validate()
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

// hint names the known key an unknown one is a typo of ("baseurl" →
// "base_url"), or lists every key when none is close enough to be a typo,
// since a guess far off ("params" → "drafts") misleads more than a list.
func hint(key string) string {
	if k, ok := suggest.Nearest(key, KnownKeys()); ok {
		return fmt.Sprintf("; did you mean %q?", k)
	}
	return "; known keys: " + strings.Join(KnownKeys(), ", ")
}
