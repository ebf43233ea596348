package epub

import (
	"bytes"

	"folio/internal/xmltext"
)

// xmlWriter is the single place where markup is escaped, shared by the
// chapter serializer and the package and navigation documents. It emits only
// the five XML escapes and numeric character references, so nothing it
// writes depends on an entity declaration.
type xmlWriter struct {
	buf bytes.Buffer
}

// attr is one attribute in the order it is written.
type attr struct {
	Name, Value string
}

// start writes a start tag, or an empty-element tag when empty is true.
func (w *xmlWriter) start(name string, attrs []attr, empty bool) {
	w.buf.WriteByte('<')
	w.buf.WriteString(name)
	for _, a := range attrs {
		w.buf.WriteByte(' ')
		w.buf.WriteString(a.Name)
		w.buf.WriteString(`="`)
		w.escape(a.Value, true)
		w.buf.WriteByte('"')
	}
	if empty {
		w.buf.WriteString("/>")
		return
	}
	w.buf.WriteByte('>')
}

// end writes an end tag.
func (w *xmlWriter) end(name string) {
	w.buf.WriteString("</")
	w.buf.WriteString(name)
	w.buf.WriteByte('>')
}

// text writes escaped character data.
func (w *xmlWriter) text(s string) { w.escape(s, false) }

// element writes <name attrs>text</name>.
func (w *xmlWriter) element(name string, attrs []attr, text string) {
	w.start(name, attrs, false)
	w.text(text)
	w.end(name)
}

// raw writes markup that the caller built from constants.
func (w *xmlWriter) raw(s string) { w.buf.WriteString(s) }

// escape writes s as character data or an attribute value, by package
// xmltext's rule: a character XML 1.0 forbids is written as U+FFFD.
func (w *xmlWriter) escape(s string, inAttr bool) {
	w.buf.Write(xmltext.Append(w.buf.AvailableBuffer(), s, xmlMode(inAttr)))
}

// xmlMode is the escaping of text or attribute values, references all
// numeric: epubcheck's usage report lists named ones, &amp; included
// (HTM-006).
func xmlMode(inAttr bool) xmltext.Mode {
	if inAttr {
		return xmltext.Attr | xmltext.Numeric
	}
	return xmltext.Text | xmltext.Numeric
}
