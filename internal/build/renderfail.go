package build

import (
	"fmt"
	"sort"
	"strings"

	"folio/internal/content"
)

// renderFailures groups template execution errors by message: a mistake in
// a layout fails every page that uses it, and one report naming the first
// page and the count of the others says more than a hundred identical ones.
type renderFailures map[string][]string // layout and message → files of the pages

// renderFailed records that a page could not be rendered; safe from any
// goroutine.
func (b *builder) renderFailed(layout, by string, err error) {
	msg := viewTypes.Replace(err.Error())
	key := fmt.Sprintf("render with layout %q: %s; fix the template at that line (README's Templates section lists what a layout can use)", layout, msg)
	b.mu.Lock()
	if b.failed == nil {
		b.failed = renderFailures{}
	}
	b.failed[key] = append(b.failed[key], by)
	b.mu.Unlock()
}

// viewTypes names the views in template errors by what they show (a
// template asking for a field a page lacks reads "in type *content.Page").
var viewTypes = strings.NewReplacer("*views.Page", "*content.Page", "*views.Book", "*content.Book",
	"*views.Part", "*content.Part", "*views.Chapter", "*content.Chapter", "*views.Blog", "*content.Blog",
	"*views.Post", "*content.Post", "*views.Series", "*content.Series", "*views.Tag", "*content.Tag",
	"*views.Site", "*content.Site", "*views.DataView", "*views.Data")

// stageErr turns the render failures into problems and returns every problem
// of the build so far, or nil.
func (b *builder) stageErr() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	msgs := make([]string, 0, len(b.failed))
	for msg := range b.failed {
		msgs = append(msgs, msg)
	}
	sort.Strings(msgs) // one file may fail with two layouts; keep their order fixed
	for _, msg := range msgs {
		files := b.failed[msg]
		sort.Strings(files)
		if n := len(files) - 1; n > 0 {
			msg += fmt.Sprintf(" (also on %d other %s)", n, plural(n, "page", "pages"))
		}
		b.probs = append(b.probs, &content.Error{File: files[0], Message: msg})
	}
	b.failed = nil
	return b.probs.Err()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
