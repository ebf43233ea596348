package markdown

import "strings"

// srcCandidate is one image candidate of a srcset attribute: its URL and
// its descriptor ("2x", "640w"), which may be empty.
type srcCandidate struct {
	url, descriptor string
}

// parseSrcset splits a srcset value into its candidates as the HTML
// standard's algorithm does: a candidate is a URL (a run of non-space
// characters, trailing commas not included) and an optional descriptor
// up to the next comma outside parentheses. No library of the field parses
// srcset on its own (bluemonday passes it through unread), and the
// algorithm is short; FuzzSrcset holds formatSrcset to be its inverse.
func parseSrcset(s string) []srcCandidate {
	var out []srcCandidate
	for {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			return out
		}
		end := strings.IndexAny(s, " \t\n\r\f")
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			out = append(out, srcCandidate{url: trimmed})
			continue
		}
		depth, i := 0, 0
		for ; i < len(s); i++ {
			switch s[i] {
			case '(':
				depth++
			case ')':
				depth = max(0, depth-1)
			}
			if s[i] == ',' && depth == 0 {
				break
			}
		}
		out = append(out, srcCandidate{url: u, descriptor: strings.Join(strings.Fields(s[:i]), " ")})
		s = s[i:]
	}
}

// formatSrcset writes candidates back as a srcset value.
func formatSrcset(cs []srcCandidate) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.url)
		if c.descriptor != "" {
			b.WriteByte(' ')
			b.WriteString(c.descriptor)
		}
	}
	return b.String()
}
