package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"testing"
)

// reader answers queries from a written index the way client/search.js
// does (the same shards, the same scores), so that ranking can be tested
// without a browser; TestSearchInBrowser holds the client to the same
// answers on the sample site.
type reader struct {
	t     *testing.T
	files map[string][]byte
	man   manifest
	seen  map[string]bool // the files the last query read
}

func newReader(t *testing.T, idx *Index) *reader {
	r := &reader{t: t, files: map[string][]byte{}}
	for _, f := range idx.Files {
		r.files[f.Path] = f.Data
	}
	r.load(ManifestPath, &r.man)
	return r
}

func (r *reader) load(path string, v any) {
	r.t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(r.files[path]))
	if err != nil {
		r.t.Fatalf("%s: %v", path, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		r.t.Fatalf("%s: %v", path, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		r.t.Fatalf("%s: %v", path, err)
	}
}

// shardJSON is a shard as the client reads it.
type shardJSON struct {
	Words    []string `json:"w"`
	Lists    []int    `json:"p"`
	Postings []string `json:"l"`
}

func (r *reader) shardOf(w string) int {
	i := sort.Search(len(r.man.Shards), func(i int) bool { return r.man.Shards[i][0] > w })
	return max(i-1, 0)
}

// query returns the URLs of the best sections for q, best first, and the
// number of index files it read.
func (r *reader) query(q string, limit int) (urls []string, fetched int) {
	var words []string
	Tokens(Normalize(q), func(w string, _ bool) {
		if !strings.Contains(" "+strings.Join(words, " ")+" ", " "+w+" ") {
			words = append(words, w)
		}
	})
	typing := !strings.HasSuffix(q, " ")
	type score struct {
		n int
		v float64
	}
	scores := map[int]*score{}
	r.seen = map[string]bool{ManifestPath: true}
	for i, w := range words {
		for sid, v := range r.best(w, typing && i == len(words)-1) {
			if scores[sid] == nil {
				scores[sid] = &score{}
			}
			scores[sid].n++
			scores[sid].v += v
		}
	}
	sids := make([]int, 0, len(scores))
	for sid := range scores {
		sids = append(sids, sid)
	}
	sort.Slice(sids, func(i, j int) bool {
		a, b := scores[sids[i]], scores[sids[j]]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.v != b.v {
			return a.v > b.v
		}
		return sids[i] < sids[j]
	})
	for _, sid := range sids[:min(limit, len(sids))] {
		urls = append(urls, r.url(sid))
	}
	return urls, len(r.seen)
}

// best scores the sections of word w, or of the words it begins (prefix),
// each by its best.
func (r *reader) best(w string, prefix bool) map[int]float64 {
	first, last := r.shardOf(w), r.shardOf(w)
	if end := r.shardOf(w + "\uffff"); prefix && end-first < 3 {
		last = end
	}
	best := map[int]float64{}
	for s := first; s <= last; s++ {
		path := Dir + "s." + r.man.Shards[s][1] + ".bin"
		r.seen[path] = true
		var sh shardJSON
		r.load(path, &sh)
		at := sort.SearchStrings(sh.Words, w)
		for n := 0; at < len(sh.Words) && n < 64; at, n = at+1, n+1 {
			exact := sh.Words[at] == w
			if !exact && !(prefix && strings.HasPrefix(sh.Words[at], w)) {
				break
			}
			if p := sh.Lists[at]; p >= 0 {
				factor := 0.6
				if exact {
					factor = 1
				}
				r.score(unpack(sh.Postings[p]), factor, best)
			}
		}
	}
	return best
}

// score rates the sections of a postings list into best.
func (r *reader) score(list []uint32, factor float64, best map[int]float64) {
	var sids []int
	var weights []uint32
	for j, sid := 0, 0; j < len(list); j++ {
		sid += int(list[j] >> 1)
		sids = append(sids, sid)
		if list[j]&1 == 1 {
			weights = append(weights, 1)
		} else {
			j++
			weights = append(weights, list[j])
		}
	}
	idf := math.Log(1 + float64(r.man.Sections)/float64(len(sids)))
	for j, sid := range sids {
		wt := weights[j]
		v := factor * idf * (1 + math.Log(float64(max(wt&31, 1))) + float64(wt>>5&1)*2 + float64(wt>>6&1)*3)
		if v > best[sid] {
			best[sid] = v
		}
	}
}

// url is the URL of section sid, read from its metadata block.
func (r *reader) url(sid int) string {
	path := fmt.Sprintf("%sm.%s.%d.bin", Dir, r.man.Meta, sid/r.man.Block)
	r.seen[path] = true
	var block metaJSON
	r.load(path, &block)
	s := block.Sections[sid%r.man.Block]
	url := block.Pages[int(s[0].(float64))][0]
	if anchor := s[1].(string); anchor != "" {
		url += "#" + anchor
	}
	return url
}

// rankingSite is a fixture of pages that each hold the same word in
// another place: a title, a heading, the text several times, once.
var rankingSite = []struct {
	url, title, html string
}{
	{"blog/once/", "A walk", `<p>We walked and talked; somewhere in it was some listening, then lunch.</p>`},
	{"book/listening/", "Listening", `<p>The first chapter of the book.</p><h2 id="how">How</h2><p>Sit still.</p>`},
	{"book/quiet/", "Quiet", `<p>Silence first.</p><h2 id="deep-listening">Deep listening</h2><p>Hold the silence.</p>`},
	{"blog/often/", "Notes", `<p>Listen, listen and listen again: listening is listened to; listens.</p>`},
	{"blog/other/", "Candor", `<p>Say the hard thing kindly. Nothing here about the other word.</p>`},
}

func rankingIndex(t *testing.T, opts Options) *reader {
	d := NewDict()
	var docs []Doc
	for _, p := range rankingSite {
		docs = append(docs, Doc{URL: p.url, Title: p.title, Label: "Book", Body: Analyze(d, Sections(p.html))})
	}
	idx, err := Write(d, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return newReader(t, idx)
}

func TestRanking(t *testing.T) {
	r := rankingIndex(t, Options{Language: "en"})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// Title, then heading, then the text that says it most, then once.
		{"listening ", []string{"book/listening/", "book/quiet/#deep-listening", "blog/often/", "blog/once/"}},
		// The same stem from another inflection.
		{"listened ", []string{"book/listening/", "book/quiet/#deep-listening", "blog/often/", "blog/once/"}},
		// The last word as a prefix while typing.
		{"liste", []string{"book/listening/", "book/quiet/#deep-listening", "blog/often/", "blog/once/"}},
		// Every word found beats some of them.
		{"hold silence", []string{"book/quiet/#deep-listening", "book/quiet/"}},
		{"kindly", []string{"blog/other/"}},
		{"absent ", nil},
	} {
		got, _ := r.query(tc.q, 10)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: got %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestShards checks that a query reads one shard of many and the metadata
// blocks of its results, and that every word is found in the shard the
// manifest names.
func TestShards(t *testing.T) {
	r := rankingIndex(t, Options{Language: "en", ShardBytes: 40, BlockSize: 2})
	if len(r.man.Shards) < 5 {
		t.Fatalf("only %d shards of ~40 bytes", len(r.man.Shards))
	}
	for _, p := range rankingSite {
		text := p.title
		for _, s := range Sections(p.html) {
			text += " " + s.Heading + " " + s.Text
		}
		Tokens(Normalize(text), func(w string, _ bool) {
			if urls, _ := r.query(w+" ", 10); len(urls) == 0 {
				t.Errorf("%q is not found", w)
			}
		})
	}
	if _, fetched := r.query("kindly ", 10); fetched != 3 {
		t.Errorf("a one-word query with one result read %d files, want manifest, shard, block", fetched)
	}
}

// TestWriteIsDeterministic checks that the same pages give the same bytes.
func TestWriteIsDeterministic(t *testing.T) {
	a, b := rankingIndex(t, Options{}), rankingIndex(t, Options{})
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	for path, data := range a.files {
		if !bytes.Equal(data, b.files[path]) {
			t.Errorf("%s differs between two writes", path)
		}
	}
}

// unpack reads a packed list as the client does.
func unpack(s string) []uint32 {
	var out []uint32
	v, shift := uint32(0), 0
	for i := 0; i < len(s); i++ {
		c := uint32(strings.IndexByte(packedDigits, s[i]))
		v |= (c & 31) << shift
		if c&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, v)
		v, shift = 0, 0
	}
	return out
}
