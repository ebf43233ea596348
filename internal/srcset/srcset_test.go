package srcset

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParse holds Parse to the standard's reading: formatting what it
// parsed and parsing again gives the same candidates, each URL is a run
// without spaces or trailing commas.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a.png 1x, b.png 2x", "a.png", " a.png,b.png 640w ,, c.png", "data:image/png;base64,AAA= 1x", "x.png 1x (a, b), y.png"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs := Parse(s)
		for _, c := range cs {
			if c.URL == "" || strings.ContainsAny(c.URL, " \t\n\r\f") || strings.HasSuffix(c.URL, ",") {
				t.Fatalf("candidate URL %q of %q", c.URL, s)
			}
		}
		again := Parse(Format(cs))
		if !reflect.DeepEqual(again, cs) && !(len(cs) == 0 && len(again) == 0) {
			t.Fatalf("%q: parsed %q, formatted and parsed %q", s, cs, again)
		}
	})
}
