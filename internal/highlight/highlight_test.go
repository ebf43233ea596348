package highlight

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestParseLines(t *testing.T) {
	tests := []struct {
		in      []string
		want    [][2]int
		wantErr bool
	}{
		{in: []string{"2 4-6"}, want: [][2]int{{2, 2}, {4, 6}}},
		{in: []string{"2,4-6"}, want: [][2]int{{2, 2}, {4, 6}}},
		{in: []string{"2", "3", "5-7"}, want: [][2]int{{2, 2}, {3, 3}, {5, 7}}},
		{in: []string{""}},
		{in: []string{"x"}, wantErr: true},
		{in: []string{"0"}, wantErr: true},
		{in: []string{"6-4"}, wantErr: true},
		{in: []string{"-6"}, wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseLines(tt.in...)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLines(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		code string
		opts Options
		want []string // in order
		not  []string
	}{
		{"plain", "a <b>\n", Options{}, []string{`<pre tabindex="0"><code>a &lt;b&gt;`, "</code></pre>"}, []string{"chroma"}},
		{"language", "x := 1\n", Options{Lang: "go"}, []string{`<pre class="chroma" tabindex="0"><code class="language-go" data-lang="go">`, `<span class="nx">x</span>`}, []string{"style="}},
		{"unknown language is text", "x := 1\n", Options{Lang: "klingon"}, []string{`class="language-klingon"`, `<span class="cl">x := 1`}, nil},
		{"alias", "let a = 1;\n", Options{Lang: "js"}, []string{`class="language-js"`, `<span class="kd">let</span>`}, nil},
		{"numbers from 10, lines 2-3 of the block", "a\nb\nc\nd\n", Options{Lang: "text", LineNumbers: true, LineStart: 10, Lines: [][2]int{{2, 3}}},
			[]string{`<span class="line"><span class="ln">10</span>`, `<span class="line hl"><span class="ln">11</span>`, `<span class="line hl"><span class="ln">12</span>`, `<span class="line"><span class="ln">13</span>`}, nil},
		{"escaped language", "x\n", Options{Lang: `a"b`}, []string{`class="language-a&#34;b"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, tt.code, tt.opts); err != nil {
				t.Fatal(err)
			}
			html, rest := b.String(), b.String()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("lacks %q (in order):\n%s", w, html)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("has %q:\n%s", n, html)
				}
			}
		})
	}
}

// TestCSS checks what the stylesheets promise: the dark theme has a rule
// for every token class the light one styles (so none of the light
// colours shows through on a dark page), and paper has no background.
func TestCSS(t *testing.T) {
	screen := string(ScreenCSS())
	light, rest, ok := strings.Cut(screen, "@media (prefers-color-scheme: dark) {")
	if !ok {
		t.Fatal("no dark theme in the screen stylesheet")
	}
	dark, print, ok := strings.Cut(rest, "@media print {")
	if !ok {
		t.Fatal("no print rules in the screen stylesheet")
	}
	rule := regexp.MustCompile(`(?m)^\.chroma \.([a-z0-9]+) \{([^}]*)\}`)
	rules := func(css string) map[string]string {
		out := map[string]string{}
		for _, m := range rule.FindAllStringSubmatch(css, -1) {
			out[m[1]] = m[2]
		}
		return out
	}
	l, d := rules(light), rules(dark)
	if len(l) < 50 {
		t.Fatalf("only %d token rules in the light theme", len(l))
	}
	for class, decl := range l {
		for _, prop := range []string{"color", "background-color", "font-weight", "font-style", "text-decoration"} {
			if strings.Contains(decl, prop+":") && !strings.Contains(d[class], prop+":") {
				t.Errorf(".%s sets %s in the light theme (%s) but not in the dark one (%s)", class, prop, decl, d[class])
			}
		}
	}
	for name, css := range map[string]string{"print rules": print, "paper stylesheet": string(PaperCSS())} {
		if regexp.MustCompile(`background(-color)?: #`).MatchString(css) {
			t.Errorf("the %s colour a background:\n%s", name, css)
		}
	}
	screen1, screen2, paper1, paper2 := ScreenCSS(), ScreenCSS(), PaperCSS(), PaperCSS()
	if &screen1[0] != &screen2[0] || &paper1[0] != &paper2[0] {
		t.Error("the stylesheets are made again on every call")
	}
}
