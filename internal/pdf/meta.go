package pdf

import (
	"bytes"
	"encoding/json"
	"regexp"
	"time"
)

// pdfDateRe matches the creation and modification dates Chromium writes
// into the document information dictionary, (D:YYYYMMDDHHmmSS+00'00').
var pdfDateRe = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)`)

// setDates replaces the print's dates with date (in UTC), or blanks them
// out when date is zero, so that the same book gives the same file. The new
// text has the old one's length, which keeps the cross-reference table's
// offsets right.
func setDates(data []byte, date time.Time) []byte {
	stamp := date.UTC().Format("20060102150405") + "+00'00'"
	return pdfDateRe.ReplaceAllFunc(data, func(m []byte) []byte {
		if date.IsZero() {
			return bytes.Repeat([]byte(" "), len(m))
		}
		key := pdfDateRe.FindSubmatch(m)[1]
		out := append([]byte("/"), key...)
		out = append(out, " (D:"...)
		out = append(out, stamp...)
		return append(out, ')')
	})
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string { return jsObject(s) }

// jsObject is v as a JavaScript literal (JSON is one).
func jsObject(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic("pdf: encoding " + err.Error()) // maps of strings and ints always encode
	}
	return string(data)
}
