package search

import (
	"strconv"
	"unsafe"

	"folio/internal/chunked"
	"folio/internal/jsontext"
)

// The index's shards and metadata blocks are JSON written by hand: they
// are arrays of numbers and strings, and encoding/json's reflection was
// as costly as compressing them (measured on the 1,000-page corpus).
// TestEncodeIsEncodingJSON holds the bytes to encoding/json's (with
// SetEscapeHTML(false)), and package jsontext's FuzzAppendString the
// strings.

// jsonPart is a file of the index before compression.
type jsonPart interface {
	appendJSON(dst []byte) []byte
}

func (s shard) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"w":`...)
	dst = appendStrings(dst, s.Words)
	dst = append(dst, `,"p":`...)
	dst = appendList(dst, s.Lists, func(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) })
	dst = append(dst, `,"l":`...)
	dst = appendList(dst, s.Postings, func(dst []byte, l *chunked.List) []byte {
		return append(l.AppendTo(append(dst, '"'), s.slabs), '"') // packed characters need no escaping
	})
	return append(dst, '}')
}

// appendList appends the JSON array of list, each element by add.
func appendList[T any](dst []byte, list []T, add func([]byte, T) []byte) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, v := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = add(dst, v)
	}
	return append(dst, ']')
}

// metaBlock is the metadata of BlockSize sections, written as
// {"p": pages, "s": sections}: each page once, as [URL, title, label], and
// each section as [page, anchor, heading, excerpt], its page an index
// into the block's pages (a page's sections are consecutive). The
// sections' strings are copied into strs, a buffer the block writer
// reuses from block to block: a string of each page's, made as its
// analysis was read back, was 1.6 MB of a 1,000-page build's
// allocations, and a slice of sections for each block 0.5 MB.
type metaBlock struct {
	docs     []Doc
	sections []metaSection
	strs     []byte
}

// metaSection is what a metadata block says of a section: its page (an
// index into the docs of Write), and where its anchor, heading and
// excerpt end in the block's strs, one after another.
type metaSection struct {
	doc  int
	ends [3]int
}

// add adds a section's metadata.
func (m *metaBlock) add(doc int, anchor, heading, excerpt []byte) {
	s := metaSection{doc: doc}
	for i, b := range [...][]byte{anchor, heading, excerpt} {
		m.strs = append(m.strs, b...)
		s.ends[i] = len(m.strs)
	}
	m.sections = append(m.sections, s)
}

func (m *metaBlock) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"p":[`...)
	for i, s := range m.sections {
		if i > 0 && s.doc == m.sections[i-1].doc {
			continue
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		d := &m.docs[s.doc]
		dst = jsontext.AppendString(append(dst, '['), d.URL)
		dst = jsontext.AppendString(append(dst, ','), d.Title)
		dst = append(jsontext.AppendString(append(dst, ','), d.Label), ']')
	}
	dst = append(dst, `],"s":[`...)
	// Nothing writes to strs while the block is written.
	strs := unsafe.String(unsafe.SliceData(m.strs), len(m.strs))
	page, at := -1, 0
	for i, s := range m.sections {
		if i == 0 || s.doc != m.sections[i-1].doc {
			page++
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(append(dst, '['), int64(page), 10)
		for _, end := range s.ends {
			dst = jsontext.AppendString(append(dst, ','), strs[at:end])
			at = end
		}
		dst = append(dst, ']')
	}
	return append(dst, "]}"...)
}

func appendStrings(dst []byte, ss []string) []byte { return appendList(dst, ss, jsontext.AppendString) }
