// Package jsontext owns the one JSON string encoder written by hand, for
// JSON written by hand: the search index's shards and metadata blocks are
// arrays of numbers and strings, and encoding/json's reflection was as
// costly as compressing them (measured on the 1,000-page corpus).
// FuzzAppendString holds it to encoding/json's bytes (with
// SetEscapeHTML(false)). The package imports no other folio package.
package jsontext

import "unicode/utf8"

// plainJSON reports whether the eight bytes of x go into a JSON string as
// they are: printable ASCII but for the quotation mark and the backslash.
// Eight bytes at a time, AppendString's own time, most of it the
// metadata blocks' excerpts, went from 1.7 to 0.9 ms a run of
// BenchmarkSearchWrite1000 (its profile).
func plainJSON(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	q, b := x^'"'*ones, x^'\\'*ones
	return ((x-0x20*ones)&^x|x|(q-ones)&^q|(b-ones)&^b)&tops == 0
}

// uint64At is the eight bytes of s from i, the first lowest.
func uint64At(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// AppendString appends s quoted as encoding/json does without HTML escaping:
// quotation mark, backslash and control characters escaped, U+2028 and
// U+2029 too, invalid UTF-8 as U+FFFD.
func AppendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if len(s)-i >= 8 && plainJSON(uint64At(s, i)) {
			i += 8
			continue
		}
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
