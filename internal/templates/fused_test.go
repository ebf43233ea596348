package templates

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"
	"time"
)

// escapedBy is v as html/template writes it in layout, a context of
// chainContexts, without the layout's text around it.
func escapedBy(t testing.TB, layout string, v any) string {
	t.Helper()
	var b strings.Builder
	if err := template.Must(template.New("").Parse(layout)).Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	before, after, _ := strings.Cut(layout, "{{.}}")
	out := b.String()
	if !strings.HasPrefix(out, before) || !strings.HasSuffix(out, after) {
		t.Fatalf("%s wrote %q", layout, out)
	}
	return out[len(before) : len(out)-len(after)]
}

type named string

type namedInt int16

// shown is a string type whose String is not the string.
type shown string

func (s shown) String() string { return "shown <" + string(s) + ">" }

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

// chainValues are values of every kind a layout writes: plain text
// that needs escaping in one context or another, typed content, numbers,
// other types and nothing.
func chainValues() []any {
	text := []string{"", "Plain title", "/blog/post/", "https://x.org/a?b=c#d", "mailto:a@b", "HTTP://X", "javascript:alert(1)",
		"Q&A", "it's", "1+1", "<b>", `"q"`, "x\x00y", "/a b/", "%41%zz", "Läs mer", "\xff\xfe", "a=b,c;d", "\ufdd0", "x.jpg 1x, y.jpg 2x", "/img/a-120w.jpg 120w, /img/a-240w.jpg 240w", " a.jpg 1x ,b.jpg,"}
	var vs []any
	for _, s := range text {
		s := s
		vs = append(vs, s, template.HTML(s), template.URL(s), template.HTMLAttr(s), template.Srcset(s), template.CSS(s),
			template.JS(s), template.JSStr(s), named(s), shown(s), &s, stringer{s})
	}
	return append(vs, 0, -42, 7, int64(3), namedInt(-5), uint8(7), 2.5, true, nil, errors.New("e<r"), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		[]string{"a", "<b>"}, map[string]int{"a": 1}, struct{ A string }{"<"})
}

// TestChainsEscapeAsTheLibrary: each chain writes, for every kind of
// value, what html/template writes in the context it was made from.
func TestChainsEscapeAsTheLibrary(t *testing.T) {
	if len(chains) != len(chainContexts) {
		t.Fatalf("%d chains of %d contexts", len(chains), len(chainContexts))
	}
	for i, layout := range chainContexts {
		c := chainFuncs[chainPrefix+string(rune('0'+i))].(func(any) string)
		for _, v := range chainValues() {
			got := c(v)
			if want := escapedBy(t, layout, v); got != want {
				t.Errorf("%s with %#v: %q, want %q", layout, v, got, want)
			}
		}
	}
}

// FuzzChains holds every chain to html/template on any text and any
// number.
func FuzzChains(f *testing.F) {
	for _, v := range chainValues() {
		if s, ok := v.(string); ok {
			f.Add(s, len(s))
		}
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		for _, layout := range chainContexts {
			c := newChain(layout, "")
			for _, v := range []any{s, template.HTML(s), named(s), n, namedInt(n)} {
				if got := c.escape(v); got != escapedBy(t, layout, v) {
					t.Errorf("%s with %#v: %q, want %q", layout, v, got, escapedBy(t, layout, v))
				}
			}
		}
	})
}

// TestEscapersJoined: the escapers of an action are one call of its chain
// where they make one, and stay as html/template wrote them elsewhere,
// and the page writes what html/template writes.
func TestEscapersJoined(t *testing.T) {
	page := `<a href="{{.URL}}" title="{{.T}}">{{.T}}</a><script>var x = {{.T}};</script>` +
		`<a href="/s?q={{.T}}">{{.N}}</a><p title={{.T}}>{{$x := .T}}{{$x | print}}</p><img src="{{url .T}}">{{url .T | print}}`
	set, err := Load(fstest.MapFS{"page.html": {Data: []byte(page)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := struct {
		URL, T string
		N      int
	}{"https://x.org/a b", "it's <b>", 3}
	var got strings.Builder
	if err := set.Execute(&got, "page", data); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	if err := template.Must(template.New("").Funcs(Funcs()).Parse(page)).Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("prepared:\n%s\nhtml/template:\n%s", got.String(), want.String())
	}
	var last []string
	eachList(set.pages["page"].Lookup("page.html").Tree.Root, func(l *parse.ListNode) {
		for _, n := range l.Nodes {
			if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Decl) == 0 {
				last = append(last, a.Pipe.Cmds[len(a.Pipe.Cmds)-1].String())
			}
		}
	})
	wantLast := []string{"_folio_escape_4", "_folio_escape_1", "_folio_escape_0", "_html_template_jsvalescaper",
		"_folio_escape_5", "_folio_escape_0", "_folio_escape_2", "_folio_escape_0", `_folio_url_escape_4 .T`, "_folio_escape_0"}
	if strings.Join(last, " ") != strings.Join(wantLast, " ") {
		t.Errorf("actions end in %q, want %q", last, wantLast)
	}
}

// TestURLJoinedFailsAsURL: url joined to its escapers fails on an
// argument that is not text as url did, naming the argument.
func TestURLJoinedFailsAsURL(t *testing.T) {
	page := `<a href="{{url .N}}">`
	set, err := Load(fstest.MapFS{"page.html": {Data: []byte(page)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := struct{ N int }{3}
	got := set.Execute(&strings.Builder{}, "page", data)
	want := template.Must(template.New("page.html").Funcs(Funcs()).Parse(page)).Execute(&strings.Builder{}, data)
	_, wantMsg, _ := strings.Cut(want.Error(), "executing ")
	if got == nil || want == nil || !strings.HasSuffix(got.Error(), wantMsg) {
		t.Errorf("joined: %v\nurl: %v", got, want)
	}
}
