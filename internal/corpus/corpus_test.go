package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// readTree returns every file under dir by slash path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func generate(t *testing.T, s Spec) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, s); err != nil {
		t.Fatalf("Generate(%+v): %v", s, err)
	}
	return readTree(t, dir)
}

func TestGenerateCounts(t *testing.T) {
	for _, s := range []Spec{
		{Pages: 50, Seed: 1},
		{Pages: 40, Chapters: 40, Parts: 3, Words: 300, Seed: 2},
		{Pages: 30, BookShare: -1, Series: -1, Tags: -1, Photos: -1, Words: 200, Seed: 3},
	} {
		c, err := s.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		files := generate(t, s)
		var chapters, posts, parts, series, photos int
		for name := range files {
			base := path.Base(name)
			switch {
			case strings.HasPrefix(name, "content/book/") && strings.HasSuffix(name, "/_index.md") && name != "content/book/_index.md":
				parts++
			case strings.HasPrefix(name, "content/book/") && strings.HasSuffix(name, ".md") && base != "_index.md":
				chapters++
			case strings.HasPrefix(name, "content/blog/") && strings.HasSuffix(name, ".md") && base != "_index.md":
				posts++
			case strings.HasPrefix(name, "content/series/"):
				series++
			case strings.Contains(name, "/img/"):
				photos++
			}
		}
		got := Counts{Chapters: chapters, Parts: parts, Posts: posts, Series: series, Photos: photos, Tags: c.Tags, Words: c.Words}
		if got != c {
			t.Errorf("%+v: files give %+v, want %+v", s, got, c)
		}
		if _, ok := files["folio.yaml"]; !ok {
			t.Errorf("%+v: no folio.yaml", s)
		}
		if _, ok := files["content/_index.md"]; !ok {
			t.Errorf("%+v: no home page", s)
		}
	}
}

// A Markdown link or image target, optionally followed by a quoted title.
var linkRE = regexp.MustCompile(`\]\(([^)\s]+)(?: "[^"]*")?\)`)

// A front matter photo source in YAML, TOML or JSON.
var srcRE = regexp.MustCompile(`(?m)^\s*"?src"?\s*[:=]\s*"([^"]+)"|"src": "([^"]+)"`)

func TestLinksAndAnchorsResolve(t *testing.T) {
	files := generate(t, Spec{Pages: 50, Seed: 7})
	var links, anchors, images int
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		dir := path.Dir(name)
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			target, anchor, _ := strings.Cut(string(m[1]), "#")
			resolved := path.Join(dir, target)
			body, ok := files[resolved]
			if !ok {
				t.Errorf("%s: link to %s: %s does not exist", name, m[1], resolved)
				continue
			}
			if !strings.HasSuffix(target, ".md") {
				images++
				continue
			}
			links++
			if anchor != "" {
				anchors++
				if !bytes.Contains(body, []byte("{#"+anchor+"}")) {
					t.Errorf("%s: link to %s: no heading {#%s} in %s", name, m[1], anchor, resolved)
				}
			}
		}
		for _, m := range srcRE.FindAllSubmatch(data, -1) {
			src := string(m[1]) + string(m[2])
			if _, ok := files[path.Join(dir, src)]; !ok {
				t.Errorf("%s: photo %s does not exist", name, src)
			}
			images++
		}
	}
	if links < 50 || anchors == 0 || images == 0 {
		t.Errorf("too few references to prove anything: %d links, %d anchors, %d images", links, anchors, images)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	hash := func(s Spec) string {
		files := generate(t, s)
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		slices.Sort(names)
		h := sha256.New()
		for _, name := range names {
			h.Write([]byte(name + "\x00"))
			h.Write(files[name])
			h.Write([]byte{0})
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	s := Spec{Pages: 50, Seed: 42}
	first, second := hash(s), hash(s)
	if first != second {
		t.Errorf("two runs of %+v differ: %s and %s", s, first, second)
	}
	s.Seed = 43
	if other := hash(s); other == first {
		t.Errorf("seeds 42 and 43 wrote the same tree %s", first)
	}
}

// frontMatter splits a generated page into its decoded front matter and body.
func frontMatter(t *testing.T, name string, data []byte) (map[string]any, string) {
	t.Helper()
	m := map[string]any{}
	var raw, body string
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("---\n")):
		raw, body, _ = strings.Cut(string(data[4:]), "\n---\n")
		err = yaml.Unmarshal([]byte(raw), &m)
	case bytes.HasPrefix(data, []byte("+++\n")):
		raw, body, _ = strings.Cut(string(data[4:]), "\n+++\n")
		_, err = toml.Decode(raw, &m)
	case bytes.HasPrefix(data, []byte("{\n")):
		raw, body, _ = strings.Cut(string(data), "\n}\n")
		err = json.Unmarshal([]byte(raw+"}"), &m)
	default:
		t.Fatalf("%s: no front matter", name)
	}
	if err != nil {
		t.Fatalf("%s: front matter: %v", name, err)
	}
	return m, body
}

func TestFrontMatterDecodes(t *testing.T) {
	files := generate(t, Spec{Pages: 120, Seed: 5})
	formats := map[byte]int{}
	var words, pages int
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		formats[data[0]]++
		fm, body := frontMatter(t, name, data)
		if fm["title"] == nil || fm["title"] == "" {
			t.Errorf("%s: no title", name)
		}
		post := strings.HasPrefix(name, "content/blog/") && path.Base(name) != "_index.md"
		if post && fm["date"] == nil {
			t.Errorf("%s: post without date", name)
		}
		if post || strings.HasPrefix(name, "content/book/") && path.Base(name) != "_index.md" {
			words += len(strings.Fields(body))
			pages++
		}
	}
	if formats['-'] == 0 || formats['+'] == 0 || formats['{'] == 0 {
		t.Errorf("want YAML, TOML and JSON front matter, got %v", formats)
	}
	if mean := words / pages; mean < 800 || mean > 1400 {
		t.Errorf("mean words a page = %d, want about 1000", mean)
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Generate(dir, Spec{Pages: 5})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Generate into a non-empty folder: err = %v, want a 'not empty' error", err)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name    string
		spec    Spec
		want    Counts
		wantErr string
	}{
		{"defaults", Spec{Pages: 1000}, Counts{Chapters: 300, Parts: 15, Posts: 700, Series: 70, Tags: 50, Photos: 20, Words: 1000}, ""},
		{"book only", Spec{Chapters: 300}, Counts{Chapters: 300, Parts: 15, Words: 1000, Photos: 20}, ""},
		{"explicit chapters", Spec{Pages: 150, Chapters: 100, Parts: 4}, Counts{Chapters: 100, Parts: 4, Posts: 50, Series: 5, Tags: 50, Photos: 20, Words: 1000}, ""},
		{"few chapters, one part", Spec{Pages: 10, BookShare: 0.5}, Counts{Chapters: 5, Parts: 1, Posts: 5, Series: 0, Tags: 50, Photos: 20, Words: 1000}, ""},
		{"no book, no extras", Spec{Pages: 10, BookShare: -1, Series: -1, Tags: -1, Photos: -1, Words: 50}, Counts{Posts: 10, Words: 50}, ""},
		{"no pages", Spec{}, Counts{}, "Pages must be positive"},
		{"negative", Spec{Pages: -1}, Counts{}, "must not be negative"},
		{"too many chapters", Spec{Pages: 10, Chapters: 20}, Counts{}, "exceeds Pages"},
		{"share above one", Spec{Pages: 10, BookShare: 2}, Counts{}, "above 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.spec.Resolve()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Resolve() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"blog/a.md", "blog/b.md", "b.md"},
		{"blog/a.md", "book/img/p.png", "../book/img/p.png"},
		{"book/part-01-x/c.md", "book/img/p.png", "../img/p.png"},
		{"book/part-01-x/c.md", "book/part-02-y/d.md", "../part-02-y/d.md"},
		{"book/part-01-x/c.md", "blog/e.md", "../../blog/e.md"},
		{"_index.md", "book/_index.md", "book/_index.md"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWordForms(t *testing.T) {
	tests := []struct {
		fn       func(string) string
		in, want string
	}{
		{thirdPerson, "ask", "asks"},
		{thirdPerson, "finish", "finishes"},
		{thirdPerson, "carry", "carries"},
		{thirdPerson, "discuss", "discusses"},
		{article, "honest", "an"},
		{article, "useful", "a"},
		{article, "idea", "an"},
		{article, "plan", "a"},
		{slugify, "Notes on Trust: Part 2", "notes-on-trust-part-2"},
		{slugify, "  How to Ask a Question ", "how-to-ask-a-question"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkGenerate1000(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		if err := Generate(dir, Spec{Pages: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
