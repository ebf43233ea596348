package content

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// A page without front matter (a folder of plain Markdown chapters, as
// mdBook and most public books keep them) still builds: its title is its
// first level-one heading, else its file name, and its place among its
// neighbours is its file name. The build warns once, naming the files, so
// that the author knows where front matter would set them.

// untitledPage makes the page of a source without front matter.
func untitledPage(rel, file string, src []byte) *Page {
	title := firstHeading(src)
	if title == "" {
		title = titleFromName(rel)
	}
	return &Page{Path: rel, File: file, FrontMatter: FrontMatter{Title: title}, body: src, BodyLine: 1,
		Words: countWords(src), NoFrontMatter: true}
}

var (
	atxHeading = regexp.MustCompile(`^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`)
	setextOne  = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	headingID  = regexp.MustCompile(`[ \t]*\{[^}]*\}$`)
	fenceOpen  = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// firstHeading is the text of the first level-one heading of a Markdown
// body ("# Title" or "Title" underlined with "="), outside code fences,
// without its {#id} and the marks of emphasis and code: what a reader
// sees of it. It is "" without one.
func firstHeading(src []byte) string {
	var fence, prev string
	for line := range strings.Lines(string(src)) {
		line = strings.TrimRight(line, "\r\n")
		if m := fenceOpen.FindStringSubmatch(line); m != nil {
			switch {
			case fence == "":
				fence = m[1][:3]
			case strings.HasPrefix(m[1], fence):
				fence = ""
			}
			prev = ""
			continue
		}
		if fence != "" {
			continue
		}
		heading := ""
		if m := atxHeading.FindStringSubmatch(line); m != nil {
			heading = m[1]
		} else if setextOne.MatchString(line) && strings.TrimSpace(prev) != "" {
			heading = prev
		}
		if heading = headingText(heading); heading != "" {
			return heading
		}
		prev = line
	}
	return ""
}

func headingText(h string) string {
	h = headingID.ReplaceAllString(strings.TrimSpace(h), "")
	h = strings.NewReplacer("**", "", "__", "", "*", "", "`", "").Replace(h)
	return strings.TrimSpace(h)
}

// warnUntitled warns once about the pages without front matter.
func warnUntitled(site *Site) {
	var files []string
	for _, p := range site.Pages {
		if p.NoFrontMatter {
			files = append(files, p.File)
		}
	}
	if len(files) == 0 {
		return
	}
	var b bytes.Buffer
	b.WriteString("has no front matter")
	switch n := len(files); {
	case n == 1:
	case n <= 4:
		fmt.Fprintf(&b, ", and neither have %s", strings.Join(files[1:], ", "))
	default:
		fmt.Fprintf(&b, ", and neither have %d other pages (%s, ...)", n-1, strings.Join(files[1:3], ", "))
	}
	b.WriteString(": a page without it takes its title from its first # heading (or its file name) and its place from its file name; " +
		"add front matter to set them, such as\n---\ntitle: \"Introduction\"\norder: 10\n---")
	site.Warnings.Add(files[0], 1, "%s", b.String())
}
