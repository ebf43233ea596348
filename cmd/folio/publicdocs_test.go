package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublicDocs builds five pages of Zola's documentation
// (testdata/publicdocs, see its README) as a user moving from Zola meets
// folio: as published, the build stops at the section that only
// redirects (to a path of the site written without its leading slash),
// saying to make its address an alias of the page it names, and warns of
// weight and of the section with a title that redirects too; with that
// done as the messages say, it builds without a word, and Zola's links
// from content/ (@/documentation/content/section.md) reach their pages.
func TestPublicDocs(t *testing.T) {
	site, out, build := publicFixture(t, "publicdocs")
	docs := filepath.Join(site, "content", "documentation")
	build(1, lines(
		"warning: content/documentation/content/section.md:3: weight is a key of Hugo and Zola; folio's is order (a whole number; gaps such as 10, 20, 30 are fine); rename it, or weight is ignored (the same in 3 other pages: content/documentation/getting-started/_index.md:3, content/documentation/getting-started/installation.md:3, ...)",
		"warning: content/documentation/getting-started/_index.md:5: redirects to /documentation/getting-started/overview, which folio does not do for a page with a title: it shows this page; to send its readers to /documentation/getting-started/overview, remove this file and list its address under aliases: of the page there",
		"error: content/documentation/_index.md:3: is a page that only redirects to /documentation/getting-started/, which folio makes from the other end: add this page's old address to aliases: in the front matter of the page at /documentation/getting-started/ (aliases: [/old/address/]), and remove this file",
		"folio: build failed; the previous output is unchanged"))

	// As the messages say: both redirects become aliases of the overview,
	// weight becomes order.
	for _, f := range []string{"_index.md", "getting-started/_index.md"} {
		if err := os.Remove(filepath.Join(docs, f)); err != nil {
			t.Fatal(err)
		}
	}
	overview := filepath.Join(docs, "getting-started", "overview.md")
	edit(t, overview, "weight = 5\n", "weight = 5\naliases = [\"/documentation/\", \"/documentation/getting-started/\"]\n")
	for _, f := range []string{overview, filepath.Join(docs, "getting-started", "installation.md"), filepath.Join(docs, "content", "section.md")} {
		edit(t, f, "\nweight = ", "\norder = ")
	}
	build(0, "")

	page, err := os.ReadFile(filepath.Join(out, "documentation", "getting-started", "overview", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/documentation/getting-started/installation/"`, `href="/documentation/content/section/"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the overview has no link %s", want)
		}
	}
	for _, alias := range []string{"documentation/index.html", "documentation/getting-started/index.html"} {
		redirect, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(alias)))
		if err != nil || !strings.Contains(string(redirect), `url=/documentation/getting-started/overview/"`) {
			t.Errorf("%s does not redirect to the overview (%v):\n%s", alias, err, redirect)
		}
	}
}
