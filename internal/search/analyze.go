package search

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Weights of a posting: the word's count in the section up to maxCount, and
// a flag for a word of the section's heading and one of the page's title.
const (
	maxCount    = 31
	headingFlag = 1 << 5
	titleFlag   = 1 << 6
)

// ExcerptRunes is how much of a section's text the index keeps for the
// excerpt under a result.
const ExcerptRunes = 280

// Dict interns the surface words of the analysed pages, so that a page's
// terms are small numbers rather than strings. One Dict serves a build, or
// a preview session's builds; it is safe for concurrent use.
type Dict struct {
	mu     sync.Mutex
	ids    map[string]uint32
	words  []string
	serial uint64
}

// NewDict returns an empty dictionary.
func NewDict() *Dict { return &Dict{ids: map[string]uint32{}} }

func (d *Dict) intern(words []string) []uint32 {
	out := make([]uint32, len(words))
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, w := range words {
		id, ok := d.ids[w]
		if !ok {
			id = uint32(len(d.words))
			d.ids[w] = id
			d.words = append(d.words, strings.Clone(w))
		}
		out[i] = id
	}
	return out
}

// Body is what the index keeps of a page's sections.
type Body struct {
	Sections []Analyzed
	// Serial numbers the analyses of a Dict, so that a caller can tell
	// them apart without comparing them.
	Serial uint64
}

// Analyzed is one section's terms and excerpt. Each term is a word number
// of the Dict shifted left by 8 over its weight.
type Analyzed struct {
	Anchor, Heading, Excerpt string
	Terms                    []uint32
}

// Analyze counts the words of a page's sections, those of each heading
// flagged. It does not stem (Write does, by the site's language), so that
// its result holds whatever the language.
func Analyze(d *Dict, sections []Section) *Body {
	b := &Body{Sections: make([]Analyzed, len(sections))}
	for i, s := range sections {
		weights := map[string]uint8{}
		Tokens(Normalize(s.Text), func(w string, _ bool) {
			if weights[w]&maxCount < maxCount {
				weights[w]++
			}
		})
		Tokens(Normalize(s.Heading), func(w string, _ bool) {
			weights[w] |= headingFlag
		})
		words := make([]string, 0, len(weights))
		for w := range weights {
			words = append(words, w)
		}
		sort.Strings(words)
		ids := d.intern(words)
		terms := make([]uint32, len(words))
		for j, w := range words {
			terms[j] = ids[j]<<8 | uint32(weights[w])
		}
		b.Sections[i] = Analyzed{Anchor: s.Anchor, Heading: s.Heading, Excerpt: excerpt(s.Text), Terms: terms}
	}
	d.mu.Lock()
	d.serial++
	b.Serial = d.serial
	d.mu.Unlock()
	return b
}

// excerpt is the start of a section's text, cut at a space.
func excerpt(text string) string {
	if utf8.RuneCountInString(text) <= ExcerptRunes {
		return text
	}
	n := 0
	for i := range text {
		if n == ExcerptRunes {
			cut := text[:i]
			if j := strings.LastIndexByte(cut, ' '); j > len(cut)/2 {
				cut = cut[:j]
			}
			return cut + "…"
		}
		n++
	}
	return text
}
