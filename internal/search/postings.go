package search

import (
	"slices"

	"folio/internal/chunked"
)

// postings gathers the sections of each stem while Write walks the pages.
// Stems are numbered in the order met; a word's stem number is found by
// the word's number in the Dict.
type postings struct {
	d       *Dict
	stem    func(string) string
	stemOf  []int32 // word number → stem number + 1, 0 not yet seen
	stems   map[string]int32
	lists   []postingList    // by stem number
	surface map[string]int32 // surface word → stem number
	slabs   chunked.Slabs    // the lists' bytes
}

func newPostings(d *Dict, stem func(string) string) *postings {
	d.mu.Lock()
	n := len(d.words)
	d.mu.Unlock()
	return &postings{d: d, stem: stem, stemOf: make([]int32, n), stems: map[string]int32{}, surface: map[string]int32{}}
}

// add records word number id in section sid with weight w. A stem's list
// holds each section once; words of one stem in a section add up.
func (p *postings) add(id, sid uint32, w uint8) {
	if int(id) >= len(p.stemOf) {
		p.stemOf = append(p.stemOf, make([]int32, int(id)+1-len(p.stemOf))...)
	}
	k := p.stemOf[id] - 1
	if k < 0 {
		p.d.mu.Lock()
		word := p.d.words[id]
		p.d.mu.Unlock()
		s := p.stem(word)
		var ok bool
		if k, ok = p.stems[s]; !ok {
			k = int32(len(p.lists))
			p.stems[s] = k
			p.lists = append(p.lists, postingList{})
		}
		p.stemOf[id] = k + 1
		p.surface[word] = k
	}
	p.lists[k].add(&p.slabs, sid, w)
}

// postingList is a stem's list as the index writes it, packed
// (appendPacked), but for its last posting, to which more words
// of the section may add. Measured at 10,000 pages, lists of a uint32 per
// posting, and their copies as numbers, were most of the index's memory;
// in chunks (package chunked), rather than slices grown by append, the
// lists of the 1,000-page corpus took 1.1 MB of allocations, not 3.5.
type postingList struct {
	enc      chunked.List
	prev     uint32 // the section of the last posting in enc
	last     uint32 // the section of the pending posting
	w        uint8  // its weight
	pending  bool
	sections int // the number of postings
}

func (l *postingList) add(s *chunked.Slabs, sid uint32, w uint8) {
	if l.pending && l.last == sid {
		count := min(maxCount, l.w&maxCount+w&maxCount)
		l.w = l.w&^maxCount | w&^maxCount | count
		return
	}
	l.flush(s)
	l.last, l.w, l.pending = sid, w, true
	l.sections++
}

// flush writes the pending posting: 2d+1 alone for weight 1 (most
// postings: a word once in a section's text), else 2d then w, d the
// distance from the section before. Measured on the 10,000-page corpus,
// this made shards 40% smaller than a pair of numbers per posting, and
// their compression cheaper.
func (l *postingList) flush(s *chunked.Slabs) {
	if !l.pending {
		return
	}
	d := l.last - l.prev
	l.prev, l.pending = l.last, false
	if l.w == 1 && d < 16 { // one character, most postings
		l.enc.PutByte(s, packedDigits[2*d+1])
		return
	}
	var buf [16]byte // two numbers of seven characters at most
	b := buf[:0]
	if l.w == 1 {
		b = appendPacked(b, 2*d+1)
	} else {
		b = appendPacked(appendPacked(b, 2*d), uint32(l.w))
	}
	for _, c := range b {
		l.enc.PutByte(s, c)
	}
}

// packedDigits are the characters of a packed list (appendPacked), by
// value: the URL-safe Base64 alphabet, which JSON writes as it is.
const packedDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendPacked appends v as the shards write numbers: five bits a
// character, low bits first, each character's value (packedDigits) the
// bits plus 32 when more follow. Most numbers of a list are below 32,
// one character, where their JSON took two to four (a number and a
// comma); measured on the 1,000-page corpus, shards of JSON arrays were
// 2.6 times the bytes to write and compress.
func appendPacked(dst []byte, v uint32) []byte {
	for v >= 32 {
		dst = append(dst, packedDigits[32|v&31])
		v >>= 5
	}
	return append(dst, packedDigits[v])
}

// builtShard is a shard with the bound it starts at.
type builtShard struct {
	shard
	from string
}

// shards cuts the sorted surface words into shards of about target bytes
// of JSON. A word in more than half of n sections (of a site of at least
// 20) is listed without postings: the client leaves it out of a query.
func (p *postings) shards(n, target int) []builtShard {
	words := make([]string, 0, len(p.surface))
	for w := range p.surface {
		words = append(words, w)
	}
	slices.Sort(words)
	var out []builtShard
	var cur *builtShard
	var local map[int32]int
	size, prev := 0, ""
	for _, w := range words {
		if cur == nil || size >= target {
			out = append(out, builtShard{from: shortFrom(prev, w), shard: shard{slabs: &p.slabs}})
			cur, local, size = &out[len(out)-1], map[int32]int{}, 0
		}
		cur.Words = append(cur.Words, w)
		size += len(w) + 4
		s := p.surface[w]
		list := &p.lists[s]
		switch i, ok := local[s]; {
		case n >= 20 && 2*list.sections > n:
			cur.Lists = append(cur.Lists, -1)
		case ok:
			cur.Lists = append(cur.Lists, i)
		default:
			list.flush(&p.slabs)
			local[s] = len(cur.Postings)
			cur.Lists = append(cur.Lists, len(cur.Postings))
			cur.Postings = append(cur.Postings, &list.enc)
			size += list.enc.Len() + 3 // a string and a comma
		}
		prev = w
	}
	return out
}
