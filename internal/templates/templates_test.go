package templates

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

type data struct {
	Site    map[string]any
	Title   string
	Content string
}

func TestBuiltinTemplatesLoad(t *testing.T) {
	set, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"home", "page", "section", "book", "part", "chapter", "blog", "post", "series", "series-list", "tags", "tag", "credits", "404"} {
		if !set.Has(name) {
			t.Errorf("built-in layout %q is missing", name)
		}
	}
}

func TestUserLayoutsOverrideByName(t *testing.T) {
	user := fstest.MapFS{
		"page.html":             {Data: []byte(`{{template "base" .}}{{define "main"}}<p>mine: {{.Title}}</p>{{end}}`)},
		"base.html":             {Data: []byte(`{{define "base"}}<html>{{template "main" .}}{{template "footer" .}}</html>{{end}}`)},
		"partials/footer.html":  {Data: []byte(`{{define "footer"}}<footer>own footer</footer>{{end}}`)},
		"custom.html":           {Data: []byte(`{{template "base" .}}{{define "main"}}custom{{end}}`)},
		"partials/.hidden.html": {Data: []byte(`{{broken`)},
	}
	set, err := Load(user, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := set.Execute(&buf, "page", data{Title: "T"}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "<html><p>mine: T</p><footer>own footer</footer></html>"; got != want {
		t.Errorf("page = %q, want %q", got, want)
	}
	buf.Reset()
	if err := set.Execute(&buf, "custom", data{}); err != nil || buf.String() != "<html>custom<footer>own footer</footer></html>" {
		t.Errorf("custom = %q, %v", buf.String(), err)
	}
}

// A partial written as Hugo writes one, its whole file the partial, is the
// template named after the file: its content reaches the page rather than
// being parsed and called by nothing.
func TestPartialFileIsItsTemplate(t *testing.T) {
	user := fstest.MapFS{
		"partials/head-extra.html": {Data: []byte("<meta name=\"x\" content=\"{{.Title}}\">\n")},
		"partials/byline.html":     {Data: []byte("{{/* a comment */}}\n<p>by {{.Title}}</p>{{define \"helper\"}}h{{end}}")},
		"page.html":                {Data: []byte(`<html><head>{{template "head-extra" .}}</head>{{template "byline" .}}{{template "helper"}}</html>`)},
	}
	if got, want := loadAndExecute(t, user, "page", data{Title: "T"}), "<html><head><meta name=\"x\" content=\"T\">\n</head>\n<p>by T</p>h</html>"; got != want {
		t.Errorf("page = %q, want %q", got, want)
	}
}

// loadAndExecute loads the user's layouts over the built-in ones and
// renders one page template.
func loadAndExecute(t *testing.T, user fstest.MapFS, layout string, d any) string {
	t.Helper()
	set, err := Load(user, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := set.Execute(&buf, layout, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{"syntax error", fstest.MapFS{"post.html": {Data: []byte("{{template \"base\" .}}\n{{define \"main\"}}\n{{if}}\n{{end}}")}},
			[]string{"layouts/post.html:3: missing value for if"}},
		{"missing template", fstest.MapFS{"post.html": {Data: []byte("{{template \"base\" .}}\n{{define \"main\"}}\n\n{{template \"byline\" .}}{{end}}")}},
			[]string{`layouts/post.html:4: calls template "byline", which is not defined; add it (for example in layouts/partials/) or fix the name`}},
		{"partial error", fstest.MapFS{"partials/x.html": {Data: []byte("{{define \"x\"}}{{.Foo\n{{end}}")}},
			[]string{`layouts/partials/x.html:2: unexpected "{" in operand`}},
		{"partial with a body and its own define", fstest.MapFS{"partials/photo.html": {Data: []byte("{{define \"photo\"}}<img>{{end}}\n<figure></figure>\n")}},
			[]string{`layouts/partials/photo.html: writes content at its top level and also defines "photo"; keep one`}},
		{"both reported", fstest.MapFS{
			"a.html": {Data: []byte("{{template \"nope\" .}}")},
			"b.html": {Data: []byte("{{end}}")},
		}, []string{`layouts/a.html:1: calls template "nope"`, "layouts/b.html:1: unexpected {{end}}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fs, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
		})
	}
}

// A syntax error in the shared base template is one error, not one more
// for every page that calls the template the broken file meant to define.
func TestBrokenBaseIsOneError(t *testing.T) {
	_, err := Load(fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}<html>{{.Title}</html>{{end}}`)}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "layouts/base.html:1: ") || !strings.Contains(lines[0], "fix the {{ ... }} on that line") {
		t.Errorf("%d errors:\n%v", len(lines), err)
	}
}

func TestExecuteUnknownLayout(t *testing.T) {
	set, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = set.Execute(&bytes.Buffer{}, "nope", nil)
	if err == nil || !strings.Contains(err.Error(), `no layout "nope"; add layouts/nope.html or pick one of: 404, alias, blog`) {
		t.Errorf("error = %v", err)
	}
}

func TestFuncs(t *testing.T) {
	f := Funcs()
	if got := f["absURL"].(func(string, string) string)("https://example.org/", "/a/b/"); got != "https://example.org/a/b/" {
		t.Errorf("absURL = %q", got)
	}
	if got := f["absURL"].(func(string, string) string)("", "/a/"); got != "/a/" {
		t.Errorf("absURL without base = %q", got)
	}
	plural := f["plural"].(func(int, string, string) string)
	if plural(1, "part", "parts") != "1 part" || plural(3, "part", "parts") != "3 parts" {
		t.Error("plural")
	}
	if _, err := dict("odd"); err == nil {
		t.Error("dict with an odd number of arguments must fail")
	}
}

// TestPageTemplateWithoutBase covers page templates that do not call the
// frame: one that only defines "main" is rendered through it (as Hugo's
// baseof), one that writes nothing at all is refused when loaded, and one
// that writes nothing for a page fails for that page instead of writing an
// empty file.
func TestPageTemplateWithoutBase(t *testing.T) {
	base := `{{define "base"}}<html>{{template "main" .}}</html>{{end}}`
	set, err := Load(fstest.MapFS{
		"base.html":  {Data: []byte(base)},
		"page.html":  {Data: []byte("{{/* through the frame */}}\n{{define \"main\"}}<p>{{.Title}}</p>{{end}}\n")},
		"whole.html": {Data: []byte(`<p>{{.Title}}</p>`)},
		"maybe.html": {Data: []byte("{{if .Title}}{{template \"base\" .}}{{end}}\n{{define \"main\"}}x{{end}}")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ layout, title, want, err string }{
		{"page", "T", "<html><p>T</p></html>", ""},
		{"whole", "T", "<p>T</p>", ""},
		{"maybe", "T", "<html>x</html>\n", ""},
		{"maybe", "", "", "layouts/maybe.html: wrote an empty page"},
	} {
		var buf bytes.Buffer
		err := set.Execute(&buf, tt.layout, data{Title: tt.title})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s with title %q: error %v, want %q", tt.layout, tt.title, err, tt.err)
			}
			continue
		}
		if err != nil || buf.String() != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.layout, buf.String(), err, tt.want)
		}
	}
	_, err = Load(fstest.MapFS{"page.html": {Data: []byte("{{define \"body\"}}x{{end}}\n")}}, nil)
	if err == nil || !strings.Contains(err.Error(), `layouts/page.html: writes nothing, so every page using it would be empty; start it with {{template "base" .}}`) {
		t.Errorf("a page template that writes nothing: error %v", err)
	}
}
