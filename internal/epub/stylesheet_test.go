package epub

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

func TestPruneStylesheet(t *testing.T) {
	used := func(names ...string) func(string) bool {
		return func(c string) bool { return slices.Contains(names, c) }
	}
	tests := []struct {
		name, in string
		used     func(string) bool
		want     string
		classes  []string
	}{
		{"element rules stay", "p { margin: 0 }", used(), "p { margin: 0; }\n", nil},
		{"unused class goes", ".a { color: red }\np { margin: 0 }", used(), "p { margin: 0; }\n", nil},
		{"used class stays", ".a { color: red }", used("a"), ".a { color: red; }\n", []string{"a"}},
		{"every class of a selector must be used", ".a .b, .a { x: 1 }", used("a"), ".a { x: 1; }\n", []string{"a"}},
		{"compound selectors", "p.a>span.b { x: 1 }", used("a", "b"), "p.a>span.b { x: 1; }\n", []string{"a", "b"}},
		{"commas inside brackets and functions", `a[title="x,.y"], .q { x: 1 }`, used(), `a[title="x,.y"] { x: 1; }` + "\n", nil},
		{":not() needs no use", "a:not(.q) { x: 1 }", used(), "a:not(.q) { x: 1; }\n", []string{"q"}},
		{"empty at-rule block goes", "@media print { .a { x: 1 } }\nb { y: 2 }", used(), "b { y: 2; }\n", nil},
		{"kept at-rule block", "@media print { .a { x: 1 } .b { y: 2 } }", used("b"), "@media print {\n.b { y: 2; }\n}\n", []string{"b"}},
		{"statements and custom properties", "@import url(a.css);\n:root { --w: 1px }", used(), "@import url(a.css);\n:root { --w: 1px ; }\n", nil},
		{"important and vendor prefixes", "pre .ln { -webkit-user-select: none !important }", used("ln"), "pre .ln { -webkit-user-select: none!important; }\n", []string{"ln"}},
		{"comments dropped", "/* c */ p { /* d */ margin: 0 }", nil, "p { margin: 0; }\n", nil},
		{"nil keeps every selector", ".a { x: 1 }", nil, ".a { x: 1; }\n", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, classes, err := pruneStylesheet([]byte(tt.in), tt.used)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			var names []string
			for c := range classes {
				names = append(names, c)
			}
			slices.Sort(names)
			if !slices.Equal(names, tt.classes) {
				t.Errorf("classes %v, want %v", names, tt.classes)
			}
		})
	}
}

func TestPruneStylesheetErrors(t *testing.T) {
	for _, in := range []string{"p { x: 1 } }", "p { x: 1 } a }"} {
		if _, _, err := pruneStylesheet([]byte(in), nil); err == nil {
			t.Errorf("pruneStylesheet(%q) gave no error", in)
		}
	}
}

// FuzzPruneStylesheet checks the pruner against the parser it reads with:
// what it writes parses again without error, keeping every selector
// changes nothing a second pass would, and it never names a class that
// used refused.
func FuzzPruneStylesheet(f *testing.F) {
	f.Add(string(DefaultStylesheet()))
	f.Add("@media print { .a .b, p:not(.c) { color: red !important } }\n:root{--x:1}")
	f.Add(`a[href$=".pdf"], .x::after { content: "}" }`)
	f.Fuzz(func(t *testing.T, src string) {
		used := func(c string) bool { return len(c)%2 == 0 }
		out, classes, err := pruneStylesheet([]byte(src), used)
		if err != nil {
			return // the parser refused the input
		}
		p := css.NewParser(parse.NewInput(bytes.NewReader(out)), false)
		for {
			gt, _, _ := p.Next()
			if gt == css.ErrorGrammar {
				if p.Err() != io.EOF {
					t.Fatalf("output of %q does not parse: %v\n%s", src, p.Err(), out)
				}
				break
			}
		}
		for c := range classes {
			if !used(c) && !strings.Contains(string(out), ":not(") {
				t.Errorf("class %q kept though unused", c)
			}
		}
		again, _, err := pruneStylesheet(out, nil)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("a second pass changes the output of %q (%v):\n%s\n%s", src, err, out, again)
		}
	})
}
