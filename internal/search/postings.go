package search

import (
	"slices"
	"strconv"
)

// postings gathers the sections of each stem while Write walks the pages.
type postings struct {
	d       *Dict
	stem    func(string) string
	stemOf  map[uint32]string // word number → stem
	lists   map[string][]uint32
	surface map[string]string // surface word → stem
}

func newPostings(d *Dict, stem func(string) string) *postings {
	return &postings{d: d, stem: stem, stemOf: map[uint32]string{}, lists: map[string][]uint32{}, surface: map[string]string{}}
}

// add records word number id in section sid with weight w. A stem's list
// holds each section once; words of one stem in a section add up.
func (p *postings) add(id, sid uint32, w uint8) {
	s, ok := p.stemOf[id]
	if !ok {
		p.d.mu.Lock()
		word := p.d.words[id]
		p.d.mu.Unlock()
		s = p.stem(word)
		p.stemOf[id] = s
		p.surface[word] = s
	}
	list := p.lists[s]
	if n := len(list); n > 0 && list[n-1]>>8 == sid {
		old := uint8(list[n-1])
		count := min(maxCount, old&maxCount+w&maxCount)
		list[n-1] = sid<<8 | uint32(old&^maxCount|w&^maxCount|count)
		return
	}
	p.lists[s] = append(list, sid<<8|uint32(w))
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
	var local map[string]int
	size, prev := 0, ""
	for _, w := range words {
		if cur == nil || size >= target {
			out = append(out, builtShard{from: shortFrom(prev, w)})
			cur, local, size = &out[len(out)-1], map[string]int{}, 0
		}
		cur.Words = append(cur.Words, w)
		size += len(w) + 4
		s := p.surface[w]
		list := p.lists[s]
		switch i, ok := local[s]; {
		case n >= 20 && 2*len(list) > n:
			cur.Lists = append(cur.Lists, -1)
		case ok:
			cur.Lists = append(cur.Lists, i)
		default:
			enc := encodeList(list)
			local[s] = len(cur.Postings)
			cur.Lists = append(cur.Lists, len(cur.Postings))
			cur.Postings = append(cur.Postings, enc)
			size += jsonLen(enc)
		}
		prev = w
	}
	return out
}

// encodeList writes a list as section deltas and weights, interleaved.
func encodeList(list []uint32) []uint32 {
	out := make([]uint32, 0, 2*len(list))
	last := uint32(0)
	for _, e := range list {
		sid := e >> 8
		out = append(out, sid-last, e&0xff)
		last = sid
	}
	return out
}

func jsonLen(nums []uint32) int {
	n := 2
	for _, v := range nums {
		n += len(strconv.FormatUint(uint64(v), 10)) + 1
	}
	return n
}
