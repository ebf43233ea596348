package templates

import (
	"maps"
	"sync"

	"folio/internal/i18n"
	"folio/internal/siteurl"

	"fmt"
	"html/template"
	"strings"
	"time"
)

// Funcs are the functions every folio template can call. The build adds its
// own (those that need the site) through Load's funcs argument.
func Funcs() template.FuncMap {
	funcs := template.FuncMap{
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
		"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"year":    func(t time.Time) int { return t.Year() },
		"add":     func(a, b int) int { return a + b },
		"mul":     func(a, b int) int { return a * b },
		"div": func(a, b int) int {
			if b == 0 {
				return 0
			}
			return a / b
		},
		"absURL": siteurl.Resolve,
		// url and abs map a site path ("/blog/post/") to the URL written
		// into a page (siteurl.Base.Path and Abs); the build replaces
		// these, which serve a site at the root of its host, with its own.
		"url": func(sitePath string) string { return sitePath },
		"abs": func(sitePath string) string { return sitePath },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"join": strings.Join,
		"dict": dict,
		// Pieces of HTML to hand a word as an argument (T "used_in" (link
		// (url .Page.URL) .Page.Title)), escaped as html/template would.
		"link":     func(href, text string) (template.HTML, error) { return piece(linkPiece, href, text) },
		"citeLink": func(href, text string) (template.HTML, error) { return piece(citeLinkPiece, href, text) },
		"linkIf": func(href, text string) (template.HTML, error) {
			if href == "" {
				return template.HTML(template.HTMLEscapeString(text)), nil
			}
			return piece(linkPiece, href, text)
		},
		"span": func(text string) (template.HTML, error) { return piece(spanPiece, "", text) },
	}
	// T, date and dateTag in English; a build binds its language's.
	maps.Copy(funcs, english().Funcs())
	return funcs
}

var english = sync.OnceValue(func() *i18n.Words {
	w, _, err := i18n.Load("en", nil)
	if err != nil {
		panic(err)
	}
	return w
})

var (
	linkPiece     = newSnippet(`<a href="`, `">`, `</a>`)
	citeLinkPiece = newSnippet(`<a href="`, `"><cite>`, `</cite></a>`)
	spanPiece     = newSnippet(`<span>`, "", `</span>`)
)

// snippet is a small piece of HTML that a function writes around a text
// and, when href is set, a link: open, the link, middle, the text, end.
// Its template escapes them as html/template does.
type snippet struct {
	t                 *template.Template
	href              bool
	open, middle, end string
}

func newSnippet(open, middle, end string) *snippet {
	s := &snippet{href: strings.HasSuffix(open, `href="`), open: open, middle: middle, end: end}
	text := open + "{{.Text}}" + end
	if s.href {
		text = open + "{{.Href}}" + middle + "{{.Text}}" + end
	}
	s.t = template.Must(template.New("").Parse(text))
	return s
}

// piece renders one small piece of HTML: as text, the text escaped as
// html/template escapes it in HTML text (escapeHTML), when its escapers
// would leave the link as it is (safeFor), which most are, and through
// its template otherwise.
func piece(s *snippet, href, text string) (template.HTML, error) {
	if !s.href {
		return template.HTML(s.open + escapeHTML(text) + s.end), nil
	}
	if safeFor("_html_template_urlfilter", href) && safeFor("_html_template_urlnormalizer", href) && safeFor("_html_template_attrescaper", href) {
		return template.HTML(s.open + href + s.middle + escapeHTML(text) + s.end), nil
	}
	var b strings.Builder
	err := s.t.Execute(&b, struct{ Href, Text string }{href, text})
	return template.HTML(b.String()), err
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not text", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
