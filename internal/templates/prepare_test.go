package templates

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"
)

// TestSafeForMatchesTheEscapers: a value safeFor says an escaper leaves
// as it is comes out of html/template unchanged in every context that
// uses that escaper.
func TestSafeForMatchesTheEscapers(t *testing.T) {
	contexts := []struct {
		layout   string
		escapers []string
	}{
		{`{{.}}`, []string{"_html_template_htmlescaper"}},
		{`<p title="{{.}}">`, []string{"_html_template_attrescaper"}},
		{`<p title={{.}}>`, []string{"_html_template_nospaceescaper"}},
		{`<textarea>{{.}}</textarea>`, []string{"_html_template_rcdataescaper"}},
		{`<a href="{{.}}">`, []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}},
		{`<a href="/s?q={{.}}">`, []string{"_html_template_urlescaper", "_html_template_attrescaper"}},
		{`<script>var x = {{.}};</script>`, []string{"_html_template_jsvalescaper"}},
	}
	values := []string{"", "Skip to text", "/css/folio.css", "/blog/feed.xml", "Läs mer", "a&b", "it's", "1+1",
		"<b>", `"q"`, "x\x00y", "javascript:alert(1)", "/a b/", "/a?b=c#d", "mailto:x@y", "%41", "/ü/", "~_-.", "a=b"}
	for _, c := range contexts {
		tmpl := template.Must(template.New("").Parse(c.layout))
		for _, v := range values {
			var buf bytes.Buffer
			if err := tmpl.Execute(&buf, v); err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(c.layout, "{{.}}", v, 1)
			safe := true
			for _, e := range c.escapers {
				safe = safe && safeFor(e, v)
			}
			if safe && buf.String() != want {
				t.Errorf("%s with %q: safeFor says unchanged, html/template writes %q", c.layout, v, buf.String())
			}
		}
	}
	if !safeFor("_html_template_htmlescaper", "Skip to text") || !safeFor("_html_template_urlnormalizer", "/css/folio.css") {
		t.Error("safeFor refuses the common constants")
	}
}

// testWords is a T whose words need escaping in some contexts.
var testFuncs = template.FuncMap{
	"T": func(key string, args ...any) (any, error) {
		switch key {
		case "amp":
			return "Q&A", nil
		case "html":
			return template.HTML("<b>bold</b>"), nil
		case "fails":
			return "", errTest
		}
		return "word " + key, nil
	},
	"url": func(p string) string { return "/base" + p },
}

var errTest = bytesError("no such word")

type bytesError string

func (e bytesError) Error() string { return string(e) }

// TestConstantActionsFolded: T and url with constant arguments become
// text where the escapers would leave their value as it is, and stay
// calls elsewhere (a value to escape, a failing call, a call with a
// value that is not constant); every page writes what html/template
// writes of the same layout unprepared.
func TestConstantActionsFolded(t *testing.T) {
	page := `<html><head><title>{{T "title"}}</title><link href="{{url "/css/x.css"}}"></head>` +
		`<body title="{{T "amp"}}">{{T "amp"}} {{T "html"}} <p title="{{T "html"}}"></p>{{T "n" .N}}` +
		`<a href="{{url "/a b/"}}">{{T "fails"}}</a>{{T "title" | print}}</body></html>`
	set, err := Load(fstest.MapFS{"page.html": {Data: []byte(page)}}, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	err = set.Execute(&got, "page", struct{ N int }{3})
	ref := template.Must(template.New("page.html").Funcs(testFuncs).Parse(page))
	var want bytes.Buffer
	wantErr := ref.Execute(&want, struct{ N int }{3})
	if got.String() != want.String() || (err == nil) != (wantErr == nil) {
		t.Errorf("prepared:\n%s (%v)\nunprepared:\n%s (%v)", got.String(), err, want.String(), wantErr)
	}
	var calls []string
	eachList(set.pages["page"].Lookup("page.html").Tree.Root, func(l *parse.ListNode) {
		for _, n := range l.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				calls = append(calls, a.Pipe.Cmds[0].String())
			}
		}
	})
	wantCalls := []string{`T "amp"`, `T "amp"`, `T "html"`, `T "n" .N`, `_folio_url_escape_4 "/a b/"`, `T "fails"`, `T "title"`}
	if !slices.Equal(calls, wantCalls) {
		t.Errorf("actions left: %q, want %q", calls, wantCalls)
	}
}

// TestPieces: which partials are pieces, decided on the templates in
// effect.
func TestPieces(t *testing.T) {
	builtin, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := builtin.PieceNames(); !slices.Equal(got, []string{"footer", "header"}) {
		t.Errorf("built-in pieces %q, want footer and header", got)
	}
	tests := []struct {
		name, partial string
		piece         bool
	}{
		{"site", `{{.Site.Config.Title}}{{range .Site.Books}}{{url .Index.URL}}{{end}}{{with .SearchBox}}{{.}}{{end}}`, true},
		{"site through $", `{{range .Site.Blogs}}{{$.Site.Config.Title}}{{.Index.Title}}{{end}}`, true},
		{"site to a partial", `{{template "sub" .Site}}{{template "sub2" .}}`, true},
		{"variable of the site", `{{$s := .Site}}{{$s.Config.Title}}`, true},
		{"the page", `{{.Title}}`, false},
		{"the page through $", `{{range .Site.Books}}{{$.Page.Title}}{{end}}`, false},
		{"the page in a variable", `{{$p := .}}{{$p.Title}}`, false},
		{"the page to a function", `{{printf "%v" .}}`, false},
		{"the page piped", `{{. | print}}`, false},
		{"the page by with", `{{with .}}{{.Title}}{{end}}`, false},
		{"a summary", `{{range .Site.Pages}}{{.SummaryHTML}}{{end}}`, false},
		{"a page's partial", `{{template "own" .}}`, false},
		{"an unknown function", `{{call .Site.Config.Title}}`, false},
		{"itself", `{{if .Site.Config.Title}}{{template "part" .}}{{end}}`, false},
		{"the page's partial", `{{template "reads-page" .}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user := fstest.MapFS{
				"partials/part.html": {Data: []byte(`{{define "part"}}<p>` + tt.partial + `</p>{{end}}` +
					`{{define "sub"}}{{.Config.Title}}{{end}}{{define "sub2"}}{{.Site.Config.Title}}{{end}}{{define "reads-page"}}{{.Page}}{{end}}`)},
				"page.html": {Data: []byte(`<html>{{template "part" .}}<p title="{{template "part" .}}"></p></html>{{define "own"}}x{{end}}`)},
			}
			set, err := Load(user, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(set.PieceNames(), "part"); got != tt.piece {
				t.Errorf("piece = %v, want %v", got, tt.piece)
			}
		})
	}
}

// TestPrepareLeavesWhatDoesNotEscape: a page template html/template
// cannot escape is left as it is, and fails each page as it did.
func TestPrepareLeavesWhatDoesNotEscape(t *testing.T) {
	page := `<html><a href="{{url "/x/"}}`
	set, err := Load(fstest.MapFS{"page.html": {Data: []byte(page)}}, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	err = set.Execute(new(bytes.Buffer), "page", nil)
	if err == nil || !strings.Contains(err.Error(), "ends in a non-text context") {
		t.Errorf("error %v, want html/template's", err)
	}
}

// TestSnippetsWriteWhatTheirTemplatesWrite: link, citeLink and span
// write the text themselves when it needs no escaping, and what their
// templates write in any case.
func TestSnippetsWriteWhatTheirTemplatesWrite(t *testing.T) {
	values := []string{"", "Plain title", "/blog/post/", "Q&A", "it's", "<b>", "javascript:x", "/a b/", "https://x.org/?q=1", "Läs"}
	for _, s := range []*snippet{linkPiece, citeLinkPiece, spanPiece} {
		for _, href := range values {
			for _, text := range values {
				got, err := piece(s, href, text)
				var want strings.Builder
				wantErr := s.t.Execute(&want, struct{ Href, Text string }{href, text})
				if string(got) != want.String() || (err == nil) != (wantErr == nil) {
					t.Errorf("%s with %q, %q: %q, want %q", s.open, href, text, got, want.String())
				}
			}
		}
	}
	if n := testing.AllocsPerRun(10, func() { _, _ = piece(linkPiece, "/blog/post/", "Plain title") }); n > 1 {
		t.Errorf("a plain link: %v allocations, want the string's alone", n)
	}
}

// TestWritesItemsAsIs: the chapter sidebars' part block may be rendered
// once with placeholders for its items when it writes them as they are
// and reads nothing else but what is given.
func TestWritesItemsAsIs(t *testing.T) {
	builtin, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !builtin.WritesItemsAsIs("contents-part", []string{"Part", "Expanded"}, "Items") {
		t.Error("the built-in contents-part does not write its items as they are")
	}
	tests := []struct {
		name, body string
		asIs       bool
	}{
		{"ranged", `{{.Part.Title}}{{if $.Expanded}}{{range .Items}}{{.}}{{end}}{{end}}`, true},
		{"ranged into a variable", `{{range $i, $it := .Items}}{{$i}}{{$it}}{{end}}`, true},
		{"the current chapter", `{{range .Items}}{{.}}{{end}}{{.Current}}`, false},
		{"an item's length", `{{range .Items}}{{len .}}{{end}}`, false},
		{"an item by index", `{{index .Items 0}}`, false},
		{"the items' number", `{{len .Items}}`, false},
		{"an item in an attribute", `{{range .Items}}<p title="{{.}}"></p>{{end}}`, false},
		{"an item to a partial", `{{range .Items}}{{template "x" .}}{{end}}`, false},
		{"an item tested", `{{range .Items}}{{if .}}{{.}}{{end}}{{end}}`, false},
	}
	for _, tt := range tests {
		user := fstest.MapFS{"partials/contents.html": {Data: []byte(`{{define "contents-part"}}` + tt.body + `{{end}}{{define "x"}}{{.}}{{end}}{{define "contents"}}{{end}}`)}}
		set, err := Load(user, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := set.WritesItemsAsIs("contents-part", []string{"Part", "Expanded"}, "Items"); got != tt.asIs {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.asIs)
		}
	}
}
