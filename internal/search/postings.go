package search

import (
	"encoding/binary"
	"slices"
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
	p.lists[k].add(sid, w)
}

// postingList is a stem's list as the index writes it, a varint per
// number (see encodeList), but for its last posting, to which more words
// of the section may add. Measured at 10,000 pages, lists of a uint32 per
// posting, and their copies as numbers, were most of the index's memory.
type postingList struct {
	enc      []byte
	prev     uint32 // the section of the last posting in enc
	last     uint32 // the section of the pending posting
	w        uint8  // its weight
	pending  bool
	sections int // the number of postings
}

func (l *postingList) add(sid uint32, w uint8) {
	if l.pending && l.last == sid {
		count := min(maxCount, l.w&maxCount+w&maxCount)
		l.w = l.w&^maxCount | w&^maxCount | count
		return
	}
	l.flush()
	l.last, l.w, l.pending = sid, w, true
	l.sections++
}

// flush writes the pending posting: 2d+1 alone for weight 1 (most
// postings: a word once in a section's text), else 2d then w, d the
// distance from the section before. Measured on the 10,000-page corpus,
// this made shards 40% smaller than a pair of numbers per posting, and
// their compression cheaper.
func (l *postingList) flush() {
	if !l.pending {
		return
	}
	d := l.last - l.prev
	if l.w == 1 {
		l.enc = binary.AppendUvarint(l.enc, uint64(2*d+1))
	} else {
		l.enc = binary.AppendUvarint(l.enc, uint64(2*d))
		l.enc = binary.AppendUvarint(l.enc, uint64(l.w))
	}
	l.prev, l.pending = l.last, false
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
			out = append(out, builtShard{from: shortFrom(prev, w)})
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
			list.flush()
			local[s] = len(cur.Postings)
			cur.Lists = append(cur.Lists, len(cur.Postings))
			cur.Postings = append(cur.Postings, list.enc)
			size += jsonLen(list.enc)
		}
		prev = w
	}
	return out
}

// jsonLen is the length of the JSON array of the varints in enc.
func jsonLen(enc []byte) int {
	n := 2
	for len(enc) > 0 {
		v, k := binary.Uvarint(enc)
		enc = enc[k:]
		n += digits(v) + 1
	}
	return n
}

func digits(v uint64) int {
	n := 1
	for ; v >= 10; v /= 10 {
		n++
	}
	return n
}
