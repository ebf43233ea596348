package search

import (
	"bytes"
	"sync"
	"unicode"
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
	// idle analyzers are reused across pages, for the Dict's life (a
	// sync.Pool let them go at every collection, and each new one looked
	// every word up again): each keeps the word numbers it
	// has looked up, so that a word costs a lookup without the lock.
	idle []*analyzer
}

// NewDict returns an empty dictionary.
func NewDict() *Dict { return &Dict{ids: map[string]uint32{}} }

func (d *Dict) intern(words []string) []uint32 {
	out := make([]uint32, len(words))
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, w := range words {
		out[i] = d.internLocked(w)
	}
	return out
}

func (d *Dict) internLocked(w string) uint32 {
	id, ok := d.ids[w]
	if !ok {
		id = uint32(len(d.words))
		d.ids[w] = id
		d.words = append(d.words, w)
	}
	return id
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
	a := d.analyzer()
	b := a.sections(sections)
	d.done(a, b)
	return b
}

// AnalyzeHTML is Analyze(d, Sections(body)), made in one pass over body
// where the cutter reads it.
func AnalyzeHTML(d *Dict, body string) *Body {
	a := d.analyzer()
	var b *Body
	if a.cut.cut(body) {
		text := a.cut.text.b
		b = &Body{Sections: make([]Analyzed, len(a.cut.spans))}
		for i, s := range a.cut.spans {
			b.Sections[i] = a.section(s.anchor, s.heading, text[s.start:s.end])
		}
	} else {
		b = a.sections(Sections(body))
	}
	d.done(a, b)
	return b
}

// sections analyses sections already cut.
func (a *analyzer) sections(sections []Section) *Body {
	b := &Body{Sections: make([]Analyzed, len(sections))}
	for i, s := range sections {
		a.text = append(a.text[:0], s.Text...)
		b.Sections[i] = a.section(s.Anchor, s.Heading, a.text)
	}
	return b
}

// analyzer returns an analyzer not in use.
func (d *Dict) analyzer() *analyzer {
	d.mu.Lock()
	defer d.mu.Unlock()
	if n := len(d.idle); n > 0 {
		a := d.idle[n-1]
		d.idle = d.idle[:n-1]
		return a
	}
	return &analyzer{d: d}
}

// done takes a back and numbers b.
func (d *Dict) done(a *analyzer, b *Body) {
	d.mu.Lock()
	d.idle = append(d.idle, a)
	d.serial++
	b.Serial = d.serial
	d.mu.Unlock()
}

// section analyses one section. Its words are lower-cased in text.
func (a *analyzer) section(anchor, heading string, text []byte) Analyzed {
	excerpt := a.ex.excerpt(text)
	a.sc.words(text, func(w []byte) {
		if k := a.add(w); a.weight[k]&maxCount < maxCount {
			a.weight[k]++
		}
	})
	a.text = append(a.text[:0], heading...)
	a.sc.words(a.text, func(w []byte) {
		a.weight[a.add(w)] |= headingFlag
	})
	return Analyzed{Anchor: anchor, Heading: heading, Excerpt: excerpt, Terms: a.terms()}
}

// analyzer counts the words of one section at a time. Each word it has met
// has a slot: its number in the Dict and its weight in the section.
type analyzer struct {
	d       *Dict
	sc      scanner
	ex      excerpter
	cut     cutter
	text    []byte // a heading's or a section's text, to be lower-cased
	slots   slotTable
	id      []uint32
	weight  []uint8
	touched []int32 // the slots of the section's words
}

// add returns the slot of word w, noting it as a word of the section.
func (a *analyzer) add(w []byte) int32 {
	k := a.slots.find(w, int32(len(a.id)))
	if int(k) == len(a.id) {
		a.d.mu.Lock()
		id, ok := a.d.ids[string(w)]
		if !ok {
			id = a.d.internLocked(string(w))
		}
		a.d.mu.Unlock()
		a.id = append(a.id, id)
		a.weight = append(a.weight, 0)
	}
	if a.weight[k] == 0 {
		a.touched = append(a.touched, k)
	}
	return k
}

// terms returns the section's terms and clears its weights for the next.
func (a *analyzer) terms() []uint32 {
	terms := make([]uint32, len(a.touched))
	for i, k := range a.touched {
		terms[i] = a.id[k]<<8 | uint32(a.weight[k])
		a.weight[k] = 0
	}
	a.touched = a.touched[:0]
	return terms
}

// excerpter makes excerpts, reusing its buffer from one to the next.
type excerpter struct {
	b []byte
}

// excerpt is the start of a section's text, white space collapsed, cut at
// a space: the text itself up to ExcerptRunes runes, else its first
// ExcerptRunes runes back to the last space in their second half, and an
// ellipsis. Only as much of the text is read as the excerpt needs, in one
// pass (three, through a collapser, were a tenth of the analysis).
func (e *excerpter) excerpt(raw []byte) string {
	b, space, runes, over := e.b[:0], false, 0, false
	for i := 0; i < len(raw) && !over; {
		r, n := rune(raw[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(raw[i:])
		}
		switch {
		case asciiSpace(r) || r >= utf8.RuneSelf && unicode.IsSpace(r):
			space = true
		default:
			if space && len(b) > 0 {
				if over = runes == ExcerptRunes; over {
					break // a rune more than the excerpt holds
				}
				b, runes = append(b, ' '), runes+1
			}
			if over = runes == ExcerptRunes; over {
				break
			}
			b, runes, space = append(b, raw[i:i+n]...), runes+1, false
		}
		i += n
	}
	e.b = b
	if !over {
		return string(b)
	}
	if j := bytes.LastIndexByte(b, ' '); j > len(b)/2 {
		b = b[:j]
	}
	e.b = append(b, "…"...)
	return string(e.b)
}
