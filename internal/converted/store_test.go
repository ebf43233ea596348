package converted

import (
	"testing"

	"folio/internal/content"
	"folio/internal/markdown"
)

// TestStoreDescriptions: a page's description is its front matter's, else
// its summary's, else its body's first paragraph; before conversion only
// the front matter's; a series without one of its own takes its page's.
func TestStoreDescriptions(t *testing.T) {
	doc := &markdown.Doc{HTML: []byte("<p>Lead.</p>"), Lead: []byte("<p>Lead.</p>"), LeadText: "Lead."}
	for _, tc := range []struct {
		name, description, summary string
		want, summaryHTML          string
	}{
		{"front matter", "Said.", "Sum.", "Said.", "<p>Sum.</p>"},
		{"summary", "", "Sum  up.", "Sum up.", "<p>Sum  up.</p>"},
		{"body", "", "", "Lead.", "<p>Lead.</p>"},
	} {
		p := &content.Page{Path: tc.name + ".md"}
		p.Description, p.Summary = tc.description, tc.summary
		cs := NewStore(1)
		if got := cs.Description(p); got != tc.description {
			t.Errorf("%s: before conversion %q, want the front matter's %q", tc.name, got, tc.description)
		}
		cs.Keep(p, New(p, doc))
		if got := cs.Description(p); got != tc.want {
			t.Errorf("%s: description %q, want %q", tc.name, got, tc.want)
		}
		if got := string(cs.Summary(p)); got != tc.summaryHTML {
			t.Errorf("%s: summary %q, want %q", tc.name, got, tc.summaryHTML)
		}
		cs.SetHTML(p, "")
		if cs.HTML(p) != "" || cs.Description(p) != tc.want {
			t.Errorf("%s: letting go of the HTML changed the rest of the entry", tc.name)
		}
		s := &content.Series{Page: p, Description: ""}
		cs.DescribeSeries(s)
		if got := cs.SeriesDescription(s); got != tc.want {
			t.Errorf("%s: series description %q, want its page's %q", tc.name, got, tc.want)
		}
	}
}
