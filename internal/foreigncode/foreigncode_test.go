package foreigncode

import "testing"

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text  string
		kinds []string
	}{
		{"plain {text} and {{", nil},
		{"{% highlight ruby %}x{% endhighlight %}", []string{"liquid highlight"}},
		{"{{< figure src=\"a.png\" >}}{{< /figure >}}", []string{"shortcode figure"}},
		{"see {{ site.repository }}", []string{"output site.repository"}},
		{`{{image "x.png"}}`, []string{"call image"}},
		{`\{{#include x.rs}} escaped, {{#include y.rs}} not`, []string{"mdbook include"}},
	} {
		var kinds []string
		for _, u := range Find([]byte(tc.text), []byte(tc.text)) {
			kinds = append(kinds, u.Kind)
			if u.Message == "" || tc.text[u.Start] != '{' || tc.text[u.End-1] != '}' {
				t.Errorf("%q: use %+v", tc.text, u)
			}
		}
		if len(kinds) != len(tc.kinds) {
			t.Errorf("%q: kinds %q, want %q", tc.text, kinds, tc.kinds)
			continue
		}
		for i := range kinds {
			if kinds[i] != tc.kinds[i] {
				t.Errorf("%q: kinds %q, want %q", tc.text, kinds, tc.kinds)
			}
		}
	}
}

func TestInclude(t *testing.T) {
	if u, ok := Include([]byte("  {{#rustdoc_include ../listings/main.rs:all}}")); !ok || u.Kind != "mdbook rustdoc_include" {
		t.Errorf("include line: %+v %v", u, ok)
	}
	if _, ok := Include([]byte("let x = 1; // {{#include no}}")); ok {
		t.Error("a directive after code is not a line mdBook fills in")
	}
}
