package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"folio/internal/chunked"
	"folio/internal/workpool"

	"github.com/klauspost/compress/gzip"
)

// Doc is a page to index: its URL (a site path), title, label (the book or
// blog it belongs to) and analysed body: Body, or, when that is nil, the
// packed analysis Load appends to the buffer it is given. Write calls
// Load once, into a buffer of its own reused from page to page, and
// keeps only the metadata of the block being filled, so that a caller
// holding the analyses packed never has them all unpacked at once: at
// 10,000 pages they are some 60 MB so.
type Doc struct {
	URL, Title, Label string
	Body              *Body
	Load              func(dst []byte) (Packed, error)
	// MetaSum is the MetaSum of what Load gives, which a Doc with Load
	// must carry: Write names the metadata blocks by it before it loads.
	MetaSum MetaSum
}

// pageReader reads the Docs' analyses for Write, one page at a time, into
// buffers reused from page to page: a page's sections are valid until the
// next page is read. Unpacking each packed page into a Body was 39% of
// the index's work on its own goroutine (BenchmarkSearchWrite1000's
// profile), and 4.3 MB of allocations at 1,000 pages; a string of each
// page's anchors, headings and excerpts 1.6 MB more.
type pageReader struct {
	buf  []byte
	strs []byte // a Body's strings, copied
	secs []pageSection
	sc   unpackScratch
}

// pageSection is a section as Write reads it.
type pageSection struct {
	anchor, heading, excerpt []byte
	terms                    []uint32
}

// sections are doc's analysed sections.
func (r *pageReader) sections(doc *Doc) ([]pageSection, error) {
	if doc.Body != nil || doc.Load == nil {
		return r.body(cmp.Or(doc.Body, &Body{})), nil
	}
	var err error
	if r.buf, err = doc.Load(r.buf[:0]); err == nil {
		var strs []byte
		if _, strs, err = Packed(r.buf).unpack(&r.sc); err == nil {
			return r.packed(strs), nil
		}
	}
	return nil, fmt.Errorf("the analysis of %s: %w", doc.URL, err)
}

// body reads the sections of b as unpack would have read them packed.
func (r *pageReader) body(b *Body) []pageSection {
	r.strs, r.sc.lens, r.sc.terms = r.strs[:0], r.sc.lens[:0], r.sc.terms[:0]
	for _, s := range b.Sections {
		r.strs = append(append(append(r.strs, s.Anchor...), s.Heading...), s.Excerpt...)
		r.sc.lens = append(r.sc.lens, sectionLens{len(s.Anchor), len(s.Heading), len(s.Excerpt), len(s.Terms)})
		r.sc.terms = append(r.sc.terms, s.Terms...)
	}
	return r.packed(r.strs)
}

// packed reads the sections of the page r.sc holds, whose strings are
// strs (unpack).
func (r *pageReader) packed(strs []byte) []pageSection {
	r.secs = r.secs[:0]
	at, tat := 0, 0
	for _, l := range r.sc.lens {
		var p pageSection
		p.anchor, at = strs[at:at+l.anchor], at+l.anchor
		p.heading, at = strs[at:at+l.heading], at+l.heading
		p.excerpt, at = strs[at:at+l.excerpt], at+l.excerpt
		p.terms, tat = r.sc.terms[tat:tat+l.terms], tat+l.terms
		r.secs = append(r.secs, p)
	}
	return r.secs
}

// Options shape the index.
type Options struct {
	// Language is the site's language tag, which picks the stemmer.
	Language string
	// ShardBytes is the size of a shard's JSON before compression at which
	// a new one starts; BlockSize the number of sections per metadata
	// block. Zero means the defaults.
	ShardBytes, BlockSize int
	// Release lets Write drop each page's terms once it has added them to
	// the postings, for a caller that has no further use for the
	// analyses (a clean build; a preview session keeps them).
	Release bool
	// Write, when set, is handed each file as soon as it is made, from any
	// goroutine: the metadata blocks while the postings are gathered, the
	// shards on all cores, the manifest last. A File's Data is valid
	// during the call only. The Index then lists the files without their
	// data.
	Write func(File)
}

// Defaults, chosen by measuring the bytes a query fetches over the
// 1,000- and 10,000-page corpora (see README, TestQueryBytes1000): shards
// of ~16 KB of JSON (packed lists) compress to ~10 KB, and 32 sections of
// metadata to ~5 KB. Blocks of 16 made a query fetch a third less (48.0
// KB for one word at 1,000 pages, 70.9 with 32, the client included) in
// twice the files, and creating a file is the kernel's work, 40-360 µs
// on ext4: in perf profiles of fresh 1,000-page builds, the blocks'
// goroutine fell from 67-86 samples (406 files) to 43-52 (203 files) of
// 4,400-5,200.
const (
	DefaultShardBytes = 16_000
	DefaultBlockSize  = 32
)

// Dir is the output folder of the index; ManifestPath its one file of a
// fixed name.
const (
	Dir          = "search/"
	ManifestPath = Dir + "manifest.bin"
)

// File is one file of the index, relative to the output root (Data is
// nil for a file handed to Options.Write).
type File struct {
	Path string
	Data []byte
}

// Index is the written index.
type Index struct {
	Files    []File
	Sections int
	Words    int
	Bytes    int64
}

// manifestVersion numbers the index's format, which the client reads.
const manifestVersion = 4

// manifest is the index's entry point.
type manifest struct {
	Version  int         `json:"v"`
	Sections int         `json:"n"`
	Block    int         `json:"b"`
	Meta     string      `json:"m"`
	Shards   [][2]string `json:"s"` // first word (shortened), fingerprint
}

// shard is a run of sorted surface words with their postings, written as
// {"w": words, "p": lists, "l": postings}, each list of postings a string
// of packed numbers (appendPacked).
type shard struct {
	Words []string
	// Lists holds the index into Postings of each word, -1 for a word too
	// common to list.
	Lists []int
	// Postings are packed numbers (appendPacked), in slabs: per section
	// 2×delta+1 (weight 1), or 2×delta then the weight.
	Postings []*chunked.List
	slabs    *chunked.Slabs
}

// Write assembles the index of docs, in their order, from the words d
// interned when they were analysed. The result depends only on docs and
// opts: a preview session's index is byte for byte a clean build's.
func Write(d *Dict, docs []Doc, opts Options) (*Index, error) {
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = DefaultShardBytes
	}
	if opts.BlockSize <= 0 {
		opts.BlockSize = DefaultBlockSize
	}
	p := newPostings(d, Stemmer(opts.Language))
	metaHash := metaFingerprint(docs, opts.BlockSize)
	blocks := newBlockWriter(docs, opts.BlockSize, metaHash, opts.Write)
	sections, addErr := p.addDocs(docs, opts.Release, blocks)
	blockFiles, blocksErr := blocks.close()
	if err := errors.Join(addErr, blocksErr); err != nil {
		return nil, err
	}
	shards := p.shards(sections, opts.ShardBytes)
	shardFiles, err := packShards(shards, opts.Write)
	if err != nil {
		return nil, err
	}
	idx := &Index{Sections: sections, Words: len(p.surface)}
	m := manifest{Version: manifestVersion, Sections: sections, Block: opts.BlockSize, Meta: metaHash}
	if err := idx.assemble(m, shards, shardFiles, blockFiles, opts.Write); err != nil {
		return nil, err
	}
	return idx, nil
}

// addDocs reads each of docs' analyses once, in order, numbering their
// sections: it adds their terms to the postings and their metadata to
// blocks, and returns the number of sections. With release, it lets go
// of each section's terms once added. It read each analysis twice, for
// the metadata and the counts of the words that sized the lists, then for
// the postings, until 2026-12-03: unpacking them was 2% of a 1,000-page
// build's processor time, and the lists' growth costs less.
func (p *postings) addDocs(docs []Doc, release bool, blocks *blockWriter) (int, error) {
	a := p.d.analyzer()
	defer p.d.release(a)
	var r pageReader
	sid := uint32(0)
	for di := range docs {
		doc := &docs[di]
		sections, err := r.sections(doc)
		if err != nil {
			return 0, err
		}
		title := a.titleWords(doc.Title)
		if len(sections) == 0 {
			sections = untitled // a page without text is still found by its title
		}
		for i, s := range sections {
			if i > 0 {
				title = nil
			}
			blocks.add(di, s.anchor, s.heading, s.excerpt)
			p.addSection(sid, s.terms, title)
			sid++
		}
		if release && doc.Body != nil {
			for i := range doc.Body.Sections {
				doc.Body.Sections[i].Terms = nil
			}
		}
	}
	return int(sid), nil
}

// untitled are the sections of a page without text: one, empty.
var untitled = []pageSection{{}}

// addSection adds the terms of section sid, those of the page's title
// flagged (title is nil but for a page's first section), and then the
// title's words that the section's text lacks.
func (p *postings) addSection(sid uint32, terms, title []uint32) {
	for _, t := range terms {
		w := uint8(t)
		if slices.Contains(title, t>>8) {
			w |= titleFlag
		}
		p.add(t>>8, sid, w)
	}
	for _, id := range title {
		if !slices.ContainsFunc(terms, func(t uint32) bool { return t>>8 == id }) {
			p.add(id, sid, titleFlag|1)
		}
	}
}

// assemble lists the shards, the metadata blocks and the manifest, which
// it makes from the shards' names, and hands the manifest to write if set.
func (idx *Index) assemble(m manifest, shards []builtShard, shardFiles, blocks []sizedFile, write func(File)) error {
	for i, sh := range shards {
		hash := strings.TrimSuffix(strings.TrimPrefix(shardFiles[i].Path, Dir+"s."), ".bin")
		m.Shards = append(m.Shards, [2]string{sh.from, hash})
	}
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return err
	}
	z := getGzipper()
	defer gzippers.Put(z)
	manifest, err := z.file(bytes.TrimSuffix(raw.Bytes(), []byte("\n")), func([]byte) string { return ManifestPath }, write)
	if err != nil {
		return err
	}
	for _, f := range slices.Concat(shardFiles, blocks, []sizedFile{manifest}) {
		idx.Files = append(idx.Files, f.File)
		idx.Bytes += int64(f.size)
	}
	return nil
}

// packShards encodes each shard as JSON, compresses it and names it by
// its fingerprint, on all cores, and hands it to write there, if set.
func packShards(shards []builtShard, write func(File)) ([]sizedFile, error) {
	out := make([]sizedFile, len(shards))
	errs := make([]error, len(shards))
	workpool.Indexes(workpool.Cores(), len(shards), func(i int) {
		z := getGzipper()
		defer gzippers.Put(z)
		z.raw = shards[i].appendJSON(z.raw[:0])
		out[i], errs[i] = z.file(z.raw, func(data []byte) string { return Dir + "s." + fingerprint(data) + ".bin" }, write)
	})
	return out, errors.Join(errs...)
}

// sizedFile is a file of the index with its size: its Data is nil once
// handed to Options.Write.
type sizedFile struct {
	File
	size int
}

// gzippers are the compressors of the index's files, shared by the
// shards, the metadata blocks and the manifest, which are compressed at
// once, and by the indexes of a preview session: a compressor's tables
// were a tenth of the bytes the index allocated.
var gzippers sync.Pool

func getGzipper() *gzipper {
	if z, ok := gzippers.Get().(*gzipper); ok {
		return z
	}
	return &gzipper{}
}

// fingerprint is the start of the SHA-256 of the data joined.
func fingerprint(data ...[]byte) string {
	h := sha256.New()
	for _, d := range data {
		h.Write(d)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// gzipper compresses files, reusing its buffers and its compressor (whose
// tables are most of the cost of a small file). The result is the same
// bytes for the same input (no name or time in the gzip header).
//
// The level is Huffman coding alone (no search for repeated strings).
// Measured on the 1,000-page corpus's index: the standard library's default
// level took five times the CPU of its BestSpeed (thirteen times on the
// shards) for files a quarter smaller, and klauspost/compress's BestSpeed
// 40% of the standard library's for files 2% smaller. Huffman coding alone
// then took 40% of that BestSpeed's CPU (BenchmarkSearchIndex1000's
// profile: 24 ms a build to 9), most of it the metadata blocks', whose
// excerpts grew a fifth; the shards, words and strings of packed numbers
// (five bits a character) where matches are short, came out smaller. A
// query's bytes (TestQueryBytes1000; the 10,000-page corpus the same way)
// went from 28.8 to 33.9 KB for one word and 44.8 to 49.5 KB for three at
// 1,000 pages, 56.2 to 51.1 KB and 66.8 to 71.9 KB at 10,000 (the client
// aside), while the compression was a tenth of what search added to a
// build.
type gzipper struct {
	raw    []byte
	packed bytes.Buffer
	zw     *gzip.Writer
}

func (z *gzipper) compress(raw []byte) ([]byte, error) {
	if z.zw == nil {
		z.zw, _ = gzip.NewWriterLevel(&z.packed, gzip.HuffmanOnly)
	}
	z.packed.Reset()
	z.zw.Reset(&z.packed)
	if _, err := z.zw.Write(raw); err != nil {
		return nil, err
	}
	if err := z.zw.Close(); err != nil {
		return nil, err
	}
	return z.packed.Bytes(), nil
}

// file compresses raw into the file named by name (of the compressed
// bytes) and hands it to write, if set, from the compressor's buffer;
// without write, the file keeps a copy. A copy of each file, handed over
// and dropped, was 2.4 MB of a 1,000-page build's allocations.
func (z *gzipper) file(raw []byte, name func(data []byte) string, write func(File)) (sizedFile, error) {
	data, err := z.compress(raw)
	if err != nil {
		return sizedFile{}, err
	}
	f := sizedFile{File{Path: name(data), Data: data}, len(data)}
	if write != nil {
		write(f.File)
		f.Data = nil
	} else {
		f.Data = bytes.Clone(data)
	}
	return f, nil
}

// shortFrom is the shortest prefix of first that still sorts after prev,
// the shard's bound in the manifest.
func shortFrom(prev, first string) string {
	if prev == "" {
		return ""
	}
	for i := range first {
		if i > 0 && first[:i] > prev {
			return first[:i]
		}
	}
	return first
}

// IsIndexFile reports whether an output path is a file of the index.
func IsIndexFile(out string) bool {
	name, ok := strings.CutPrefix(out, Dir)
	return ok && !strings.Contains(name, "/") && strings.HasSuffix(name, ".bin")
}
