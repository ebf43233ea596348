package build

import (
	"errors"
	"html/template"
	"maps"
	"strings"

	"folio/internal/content"
	"folio/internal/i18n"
	"folio/internal/markdown"
	"folio/internal/siteurl"
)

// loadWords loads the words of the site's language (package i18n): folio's
// built-in ones with the site's i18n/<language>.yaml over them, and the
// warnings loading them gave, which join the site's once each.
func loadWords(b *builder) (*i18n.Words, content.Problems, error) {
	w, warns, err := i18n.Load(b.site.Config.Language, b.fsys)
	if err != nil {
		var ie *i18n.Error
		if errors.As(err, &ie) {
			return nil, nil, content.Errorf(ie.File, ie.Line, "%s", ie.Message)
		}
		return nil, nil, err
	}
	var probs content.Problems
	for _, wn := range warns {
		probs.Add(wn.File, wn.Line, "%s", wn.Message)
	}
	return w, probs, nil
}

// addWarnings adds warnings the build does not have yet.
func (b *builder) addWarnings(ws content.Problems) {
	for _, w := range ws {
		dup := false
		for _, have := range b.warns {
			if *have == *w {
				dup = true
				break
			}
		}
		if !dup {
			b.warns = append(b.warns, w)
		}
	}
}

// creditLine is "Photo by <credit>" in the site's language, the credit
// linked to creditURL when there is one.
func (b *builder) creditLine(credit, creditURL string) template.HTML {
	var link strings.Builder
	if err := creditLink.Execute(&link, struct{ Credit, URL string }{credit, creditURL}); err != nil {
		panic(err) // the template is built in
	}
	by, err := b.words.HTML("photo_by", template.HTML(link.String()))
	if err != nil {
		panic(err)
	}
	return by
}

var creditLink = template.Must(template.New("").Parse(`{{if .URL}}<a href="{{.URL}}">{{.Credit}}</a>{{else}}{{.Credit}}{{end}}`))

// calloutLabels are the labels of callouts in the site's language.
func calloutLabels(w *i18n.Words) map[string]string {
	labels := map[string]string{}
	for typ := range markdown.CalloutLabels {
		labels[typ] = w.Word("callout_" + typ)
	}
	return labels
}

// TemplateFuncs are the functions the build binds into the templates: the
// URL mapping (url, abs) and the words (T, date).
func TemplateFuncs(urls siteurl.Base, w *i18n.Words) template.FuncMap {
	funcs := urlFuncs(urls)
	maps.Copy(funcs, w.Funcs())
	return funcs
}
