package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
)

// MetaSum fingerprints what a page's analysis puts in the metadata
// blocks: its sections' anchors, headings and excerpts. Write names the
// blocks by the sums of the pages with their URLs, titles and labels,
// known before it reads the analyses, so that it can write each block as
// soon as it is made, beside the postings (Options.Write). Named by the
// blocks' own bytes, the blocks of a 1,000-page build were 406 of the
// 453 files written after the postings, the last of the build's work
// while the print edition had already finished (27-115 ms on a loaded
// machine, 2026-12-03).
type MetaSum [16]byte

// MetaSum is b's.
func (b *Body) MetaSum() MetaSum {
	h := sha256.New()
	var buf []byte
	buf = binary.AppendUvarint(buf, uint64(len(b.Sections)))
	for _, s := range b.Sections {
		buf = appendLens(buf, len(s.Anchor), len(s.Heading), len(s.Excerpt))
	}
	h.Write(buf)
	for _, s := range b.Sections {
		h.Write([]byte(s.Anchor))
		h.Write([]byte(s.Heading))
		h.Write([]byte(s.Excerpt))
	}
	return sumOf(h)
}

// metaSum is the MetaSum of the page the analyser holds (its strs are
// its sections' anchors, headings and excerpts, one after another).
func (a *analyzer) metaSum() MetaSum {
	if a.sum == nil {
		a.sum = sha256.New()
	}
	a.sum.Reset()
	buf := binary.AppendUvarint(a.text[:0], uint64(len(a.secs)))
	for i, p := range a.secs {
		end := len(a.strs)
		if i+1 < len(a.secs) {
			end = int(a.secs[i+1].from)
		}
		buf = appendLens(buf, int(p.heading-p.from), int(p.excerpt-p.heading), end-int(p.excerpt))
	}
	a.text = buf
	a.sum.Write(buf)
	a.sum.Write(a.strs)
	return sumOf(a.sum)
}

func appendLens(dst []byte, lens ...int) []byte {
	for _, n := range lens {
		dst = binary.AppendUvarint(dst, uint64(n))
	}
	return dst
}

func sumOf(h hash.Hash) MetaSum {
	var s MetaSum
	copy(s[:], h.Sum(nil))
	return s
}

// metaFingerprint names the metadata blocks of docs: it changes with
// anything they say (each page's URL, title, label and MetaSum, the
// number of sections a block) and the format of the index.
func metaFingerprint(docs []Doc, blockSize int) string {
	h := sha256.New()
	fmt.Fprintf(h, "folio search index %d, blocks of %d\n", manifestVersion, blockSize)
	var buf []byte
	for i := range docs {
		d := &docs[i]
		sum := d.MetaSum
		switch {
		case d.Body != nil || d.Load == nil:
			sum = cmp.Or(d.Body, &Body{}).MetaSum()
		case sum == MetaSum{}:
			panic("search: a Doc with Load and no MetaSum: " + d.URL)
		}
		buf = appendLens(buf[:0], len(d.URL), len(d.Title), len(d.Label))
		buf = append(append(append(append(buf, d.URL...), d.Title...), d.Label...), sum[:]...)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// blockWriter compresses the metadata blocks, in order, on a goroutine of
// its own while the postings are gathered on another, and hands each to
// write, if set, as soon as it is made. Writing 406 files (1,000 pages)
// took it longer than the postings took, which waited for it with eight
// blocks in hand: blockQueue blocks may wait. Two such goroutines made
// the print edition beside them the slower (the index is written beside
// it, see package build).
type blockWriter struct {
	docs  []Doc
	size  int
	cur   *metaBlock
	todo  chan *metaBlock
	free  chan *metaBlock // blocks written, for reuse
	done  chan struct{}
	files []sizedFile
	err   error
}

// blockQueue is how many blocks may wait for the writer: at most 1,024
// sections' metadata (of blocks of 32). A block written goes back to
// free for the next, so that no more than blockQueue+2 are ever made.
const blockQueue = 32

func newBlockWriter(docs []Doc, size int, metaHash string, write func(File)) *blockWriter {
	w := &blockWriter{docs: docs, size: size, todo: make(chan *metaBlock, blockQueue), free: make(chan *metaBlock, blockQueue+2),
		done: make(chan struct{})}
	go func() {
		defer close(w.done)
		z := getGzipper()
		defer gzippers.Put(z)
		for b := range w.todo {
			if w.err == nil {
				z.raw = b.appendJSON(z.raw[:0])
				var f sizedFile
				path := fmt.Sprintf("%sm.%s.%d.bin", Dir, metaHash, len(w.files))
				f, w.err = z.file(z.raw, func([]byte) string { return path }, write)
				w.files = append(w.files, f)
			}
			b.sections, b.strs = b.sections[:0], b.strs[:0]
			w.free <- b
		}
	}()
	return w
}

// sectionStrs is room for a section's anchor, heading and excerpt (ASCII)
// in a new block: grown from nothing, the blocks' strings were 1.6 MB of a
// 1,000-page index's allocations, as the writer was behind by as many
// blocks as may wait.
const sectionStrs = ExcerptRunes + 96

// add adds the next section's metadata, handing a full block over.
func (w *blockWriter) add(doc int, anchor, heading, excerpt []byte) {
	if w.cur == nil {
		select {
		case w.cur = <-w.free:
		default:
			w.cur = &metaBlock{docs: w.docs, sections: make([]metaSection, 0, w.size), strs: make([]byte, 0, w.size*sectionStrs)}
		}
	}
	w.cur.add(doc, anchor, heading, excerpt)
	if len(w.cur.sections) == w.size {
		w.todo <- w.cur
		w.cur = nil
	}
}

// close hands the last block over and returns the blocks made.
func (w *blockWriter) close() ([]sizedFile, error) {
	if w.cur != nil {
		w.todo <- w.cur
	}
	close(w.todo)
	<-w.done
	return w.files, w.err
}
