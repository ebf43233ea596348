package search

import (
	"bytes"
	"encoding/binary"
	"hash"
	"slices"
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
	for _, s := range sections {
		a.text = append(a.text[:0], s.Text...)
		section(a, s.Anchor, s.Heading, a.text)
	}
	return d.done(a)
}

// AnalyzeHTML is Analyze(d, Sections(body)), made in one pass over body
// where the cutter reads it.
func AnalyzeHTML(d *Dict, body string) *Body {
	a := d.analyzer()
	a.html(body)
	return d.done(a)
}

// AppendPackedHTML appends to dst what AnalyzeHTML(d, body).Pack() is,
// made from the analyser's buffers without the Body, and returns it with
// the Body's MetaSum: a clean build packs every page's analysis for its
// shelf (package shelved), where making the Body first took 5.7 MB and
// 4,400 allocations at 1,000 pages.
func AppendPackedHTML(dst []byte, d *Dict, body string) (Packed, MetaSum) {
	a := d.analyzer()
	a.html(body)
	dst = a.appendPacked(dst, d.nextSerial())
	sum := a.metaSum()
	a.strs, a.terms, a.secs = a.strs[:0], a.terms[:0], a.secs[:0]
	d.release(a)
	return dst, sum
}

// html analyses the sections of a page's rendered body.
func (a *analyzer) html(body string) {
	if c := &a.cut; c.cut(body) {
		for _, s := range c.spans {
			section(a, c.names[s.anchor:s.heading], c.names[s.heading:s.headingEnd], c.text.b[s.start:s.end])
		}
		return
	}
	for _, s := range Sections(body) {
		a.text = append(a.text[:0], s.Text...)
		section(a, s.Anchor, s.Heading, a.text)
	}
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

// done makes the page's Body, takes a back and numbers the Body.
func (d *Dict) done(a *analyzer) *Body {
	b := a.body()
	b.Serial = d.nextSerial()
	d.release(a)
	return b
}

// nextSerial numbers an analysis.
func (d *Dict) nextSerial() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.serial++
	return d.serial
}

// release takes a back.
func (d *Dict) release(a *analyzer) {
	d.mu.Lock()
	d.idle = append(d.idle, a)
	d.mu.Unlock()
}

// titleWords returns the numbers of the words of a page's title, each
// once, in order; the slice is valid until the next call.
func (a *analyzer) titleWords(title string) []uint32 {
	a.text = append(a.text[:0], title...)
	a.title = a.title[:0]
	scanWords(&a.sc, a.text, sectionWords{a, titleWord})
	for _, k := range a.touched {
		a.weight[k] = 0
	}
	a.touched = a.touched[:0]
	return a.title
}

// section analyses one section, adding it to the page's: its anchor,
// heading and excerpt to a.strs, its terms to a.terms. Its words are
// lower-cased in text.
func section[T ~string | ~[]byte](a *analyzer, anchor, heading T, text []byte) {
	p := pendingSection{from: int32(len(a.strs)), terms: int32(len(a.terms))}
	a.strs = append(a.strs, anchor...)
	p.heading = int32(len(a.strs))
	a.strs = append(a.strs, heading...)
	p.excerpt = int32(len(a.strs))
	a.strs = appendExcerpt(a.strs, text)
	scanWords(&a.sc, text, sectionWords{a, textWord})
	a.text = append(a.text[:0], heading...)
	scanWords(&a.sc, a.text, sectionWords{a, headingWord})
	for _, k := range a.touched {
		a.terms = append(a.terms, a.id[k]<<8|uint32(a.weight[k]))
		a.weight[k] = 0
	}
	a.touched = a.touched[:0]
	a.secs = append(a.secs, p)
}

// sectionWords is the analyser as the scanner's sink: each word of a
// section's text counted, of its heading flagged, of a page's title
// listed once (titleWords).
type sectionWords struct {
	a    *analyzer
	kind uint8
}

const (
	textWord = iota
	headingWord
	titleWord
)

func (s sectionWords) word(w []byte) {
	a := s.a
	k := a.slots.find(w, int32(len(a.id)))
	if int(k) == len(a.id) {
		a.intern(w)
	}
	wt := &a.weight[k]
	// k joins the section's words if it is new to them, without a branch
	// on it (which the processor missed on most words, a third of this
	// function's time in BenchmarkSearchAnalyze1000's profile): k goes in
	// the room after them, and the count takes it or not.
	n := len(a.touched)
	if n == cap(a.touched) {
		a.touched = slices.Grow(a.touched, 1)
	}
	fresh := 0
	if *wt == 0 {
		fresh = 1
	}
	a.touched = a.touched[:n+1]
	a.touched[n] = k
	a.touched = a.touched[:n+fresh]
	switch s.kind {
	case textWord:
		if *wt&maxCount < maxCount {
			*wt++
		}
	case headingWord:
		*wt |= headingFlag
	default:
		if *wt == 0 {
			*wt = 1
			a.title = append(a.title, a.id[k])
		}
	}
}

// pendingSection is a section of the page being analysed: where its
// anchor, heading and excerpt start in analyzer.strs, one after another,
// and where its terms start in analyzer.terms.
type pendingSection struct {
	from, heading, excerpt, terms int32
}

// body makes the page's Body from its sections, in two allocations (a
// string and a slice) however many sections it has, and starts afresh.
func (a *analyzer) body() *Body {
	strs, terms := string(a.strs), slices.Clone(a.terms)
	b := &Body{Sections: make([]Analyzed, len(a.secs))}
	for i, p := range a.secs {
		end, tend := len(strs), len(terms)
		if i+1 < len(a.secs) {
			end, tend = int(a.secs[i+1].from), int(a.secs[i+1].terms)
		}
		b.Sections[i] = Analyzed{Anchor: strs[p.from:p.heading], Heading: strs[p.heading:p.excerpt],
			Excerpt: strs[p.excerpt:end], Terms: terms[p.terms:tend:tend]}
	}
	a.strs, a.terms, a.secs = a.strs[:0], a.terms[:0], a.secs[:0]
	return b
}

// analyzer counts the words of one section at a time, and keeps the
// sections of a page until body makes them its result. Each word it has
// met has a slot: its number in the Dict and its weight in the section.
type analyzer struct {
	d       *Dict
	sc      scanner
	cut     cutter
	text    []byte // a heading's or a section's text, to be lower-cased
	slots   slotTable
	id      []uint32
	weight  []uint8
	touched []int32 // the slots of the section's words
	strs    []byte  // the page's anchors, headings and excerpts
	terms   []uint32
	secs    []pendingSection
	title   []uint32 // titleWords'
	sum     hash.Hash
}

// intern gives the analyser's next slot to word w, a word it meets for
// the first time: w's number in the Dict, and a weight of 0. (The slot's
// lookup and weight are sectionWords.word's, a call per word less.)
func (a *analyzer) intern(w []byte) {
	a.d.mu.Lock()
	id, ok := a.d.ids[string(w)]
	if !ok {
		id = a.d.internLocked(string(w))
	}
	a.d.mu.Unlock()
	a.id = append(a.id, id)
	a.weight = append(a.weight, 0)
}

// appendExcerpt appends the start of a section's text, white space
// collapsed, cut at a space: the text itself up to ExcerptRunes runes,
// else its first ExcerptRunes runes back to the last space in their
// second half, and an ellipsis. Only as much of the text is read as the
// excerpt needs, in one pass (three, through a collapser, were a tenth of
// the analysis), a byte at a time into room made first: a run of ASCII
// letters at a time, through a function that appended it, was 9% of the
// analysis's instructions (BenchmarkSearchAnalyze1000 under callgrind).
func appendExcerpt(dst, raw []byte) []byte {
	from := len(dst)
	out := slices.Grow(dst, excerptBytes)[:from+excerptBytes]
	n, runes, space, over := from, 0, false, false
	for i := 0; i < len(raw); {
		if !space && len(raw)-i >= 8 && runes <= ExcerptRunes-8 {
			if x := binary.LittleEndian.Uint64(raw[i:]); plainASCII(x, n > from) {
				binary.LittleEndian.PutUint64(out[n:], x)
				n, runes, i = n+8, runes+8, i+8
				continue
			}
		}
		c, size := raw[i], 1
		if c >= utf8.RuneSelf {
			var r rune
			if r, size = utf8.DecodeRune(raw[i:]); unicode.IsSpace(r) {
				space, i = true, i+size
				continue
			}
		} else if asciiSpace(rune(c)) {
			space, i = true, i+1
			continue
		}
		if space && n > from {
			if runes == ExcerptRunes {
				over = true
				break
			}
			out[n], n, runes = ' ', n+1, runes+1
		}
		if space = false; runes == ExcerptRunes {
			over = true
			break
		}
		if size == 1 {
			out[n] = c
		} else {
			copy(out[n:], raw[i:i+size])
		}
		n, runes, i = n+size, runes+1, i+size
	}
	dst = out[:n]
	if !over {
		return dst
	}
	if j := bytes.LastIndexByte(dst[from:], ' '); j > (len(dst)-from)/2 {
		dst = dst[:from+j]
	}
	return append(dst, "…"...)
}

// plainASCII reports whether eight bytes of text, x, go into an excerpt
// as they are: printable ASCII and spaces, no two spaces together, none
// last (a space there waits for the text that follows), none first
// unless lead (the excerpt has begun). Words are shorter than eight
// bytes, so that a block of them and their spaces at a time was the
// most a fast path could take: a byte at a time, the excerpt was a
// tenth of the analysis (BenchmarkSearchAnalyze1000's profile).
func plainASCII(x uint64, lead bool) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	if (x-0x20*ones|x)&tops != 0 {
		return false // a control character, or a byte of 0x80 or more
	}
	eq := x ^ 0x20*ones
	spaces := ^((eq&^tops + ^tops&(ones*0x7f)) | eq) & tops
	return spaces&(spaces>>8) == 0 && spaces>>63 == 0 && (lead || spaces&0x80 == 0)
}

// excerptBytes is the most an excerpt's runes take.
const excerptBytes = utf8.UTFMax * ExcerptRunes
