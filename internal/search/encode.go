package search

import (
	"strconv"
	"unicode/utf8"
	"unsafe"

	"folio/internal/chunked"
)

// The index's shards and metadata blocks are JSON written by hand: they
// are arrays of numbers and strings, and encoding/json's reflection was
// as costly as compressing them (measured on the 1,000-page corpus).
// TestEncodeIsEncodingJSON and FuzzJSONString hold the bytes to
// encoding/json's (with SetEscapeHTML(false)).

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
		dst = appendJSONString(append(dst, '['), d.URL)
		dst = appendJSONString(append(dst, ','), d.Title)
		dst = append(appendJSONString(append(dst, ','), d.Label), ']')
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
			dst = appendJSONString(append(dst, ','), strs[at:end])
			at = end
		}
		dst = append(dst, ']')
	}
	return append(dst, "]}"...)
}

func appendStrings(dst []byte, ss []string) []byte { return appendList(dst, ss, appendJSONString) }

// appendJSONString quotes s as encoding/json does without HTML escaping:
// quotation mark, backslash and control characters escaped, U+2028 and
// U+2029 too, invalid UTF-8 as U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
