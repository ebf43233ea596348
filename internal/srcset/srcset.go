// Package srcset owns the reading and writing of an HTML srcset value (an
// img's or a source's image candidates), as the HTML standard's algorithm
// reads it. No library of the field parses srcset on its own (bluemonday
// passes it through unread), and the algorithm is short.
package srcset

import "strings"

// Candidate is one image candidate of a srcset attribute: its URL and
// its descriptor ("2x", "640w"), which may be empty.
type Candidate struct {
	URL, Descriptor string
}

// Parse splits a srcset value into its candidates as the HTML
// standard's algorithm does: a candidate is a URL (a run of non-space
// characters, trailing commas not included) and an optional descriptor
// up to the next comma outside parentheses. FuzzParse holds Format to be
// its inverse.
func Parse(s string) []Candidate {
	var out []Candidate
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
			out = append(out, Candidate{URL: trimmed})
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
		out = append(out, Candidate{URL: u, Descriptor: strings.Join(strings.Fields(s[:i]), " ")})
		s = s[i:]
	}
}

// Format writes candidates back as a srcset value.
func Format(cs []Candidate) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.URL)
		if c.Descriptor != "" {
			b.WriteByte(' ')
			b.WriteString(c.Descriptor)
		}
	}
	return b.String()
}
