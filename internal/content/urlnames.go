package content

import (
	"fmt"
	"strings"
)

// A page's URL is made of its folders' names and its file name (or slug),
// as they are. A few characters cannot stand in a URL path as themselves:
// ? and # end the path, % starts an escape, \ is read as / by browsers, and
// control characters (a line break pasted into a file name) are invisible.
// Escaping them would give URLs that differ from the file names the author
// sees, and hosts disagree on how to map them back to files, so folio
// refuses them with the character named and asks for a rename, the way a
// Hugo user renames a file whose URL comes out wrong.

// badURLChar returns the first character of seg that cannot be part of a URL
// path segment, and why.
func badURLChar(seg string) (rune, string, bool) {
	for _, r := range seg {
		switch {
		case r == '?':
			return r, "it starts the query of a URL", true
		case r == '#':
			return r, "it starts the fragment of a URL", true
		case r == '%':
			return r, "it starts an escape such as %20 in a URL", true
		case r == '\\':
			return r, "browsers read it as /", true
		case r < 0x20 || r == 0x7f:
			return r, "it is an invisible control character", true
		}
	}
	return 0, "", false
}

// describeChar names a character for a message: "?" or "a line break
// (U+000A)".
func describeChar(r rune) string {
	switch r {
	case '\n':
		return "a line break (U+000A)"
	case '\r':
		return "a carriage return (U+000D)"
	case '\t':
		return "a tab (U+0009)"
	}
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf("the control character U+%04X", r)
	}
	return `"` + string(r) + `"`
}

// checkURLNames reports the folders, file names and slugs that would make
// a page's URL; each folder once.
func checkURLNames(site *Site, probs *Problems) {
	folders := map[string]bool{}
	for _, p := range site.Pages {
		dir := ""
		for seg := range strings.SplitSeq(p.Dir(), "/") {
			dir = strings.TrimPrefix(dir+"/"+seg, "/")
			if r, why, bad := badURLChar(seg); bad && !folders[dir] {
				folders[dir] = true
				probs.Add(ContentDir+"/"+dir+"/", 0, "the folder name %q has %s, which cannot be part of a URL (%s); rename the folder (letters, digits, - and _ are always safe)", seg, describeChar(r), why)
			}
		}
		if p.IsIndex() {
			continue
		}
		if p.Slug != "" {
			if r, why, bad := badURLChar(p.Slug); bad {
				probs.Add(p.File, p.Line("slug"), "slug %q has %s, which cannot be part of a URL (%s); change the slug (letters, digits, - and _ are always safe)", p.Slug, describeChar(r), why)
			}
			continue
		}
		name := strings.TrimSuffix(baseOf(p.Path), ".md")
		if r, why, bad := badURLChar(name); bad {
			probs.Add(printable(p.File), 0, "the file name has %s, which cannot be part of the page's URL (%s); rename the file (letters, digits, - and _ are always safe) or set slug: in its front matter", describeChar(r), why)
		}
	}
}

// printable shows control characters in a file name as escapes, so that a
// message naming it stays on one line.
func printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}
