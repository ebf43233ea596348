package epub

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// XMLError is a well-formedness problem in a raw HTML snippet. Line counts
// from 1 at the snippet's first line, so the caller can add the line where
// the snippet starts in its source file.
type XMLError struct {
	Line int
	Msg  string
}

func (e *XMLError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// snippetRoot wraps a snippet so that several top-level elements and bare
// text form one document; it is written on the snippet's first line so line
// numbers do not move.
const snippetRoot = "folio-raw-html"

// CheckXML reports whether a raw HTML snippet is well-formed XML, returning
// an *XMLError with the line inside the snippet when it is not.
//
// The chapter serializer repairs any HTML, but it repairs it the way a
// browser would: an unclosed <div> silently swallows the rest of the chapter.
// Authors who write raw HTML in Markdown therefore get this stricter check:
// every element closed (void ones as <br/>), attributes quoted, no stray '<'
// or '&'. Named HTML entities such as &nbsp; are accepted, because the
// serializer writes them as characters anyway.
func CheckXML(raw string) error {
	type open struct {
		name string
		line int
	}
	d := xml.NewDecoder(strings.NewReader("<" + snippetRoot + ">" + raw + "</" + snippetRoot + ">"))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	var stack []open
	for {
		line, _ := d.InputPos()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return syntaxError(err, line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, open{qualified(t.Name), line})
		case xml.EndElement:
			name := qualified(t.Name)
			if len(stack) == 1 && name != snippetRoot || len(stack) == 0 {
				return &XMLError{line, fmt.Sprintf("</%s> has no matching start tag", name)}
			}
			top := stack[len(stack)-1]
			if top.name != name {
				return mismatch(top.name, top.line, name, line)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// mismatch explains an end tag that does not close the innermost element.
func mismatch(opened string, openLine int, closed string, line int) *XMLError {
	switch {
	case voidElements[opened]:
		return &XMLError{openLine, fmt.Sprintf("<%s> is not closed; write it as <%s/>", opened, opened)}
	case closed == snippetRoot:
		return &XMLError{openLine, fmt.Sprintf("<%s> is never closed; add </%s>", opened, opened)}
	}
	return &XMLError{line, fmt.Sprintf("</%s> closes <%s> opened on line %d; close elements in the reverse order they were opened",
		closed, opened, openLine)}
}

// syntaxError turns the decoder's error into an *XMLError.
func syntaxError(err error, line int) *XMLError {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := strings.ReplaceAll(se.Msg, snippetRoot, "end of snippet")
		for _, h := range syntaxHints {
			if strings.HasPrefix(msg, h.prefix) {
				msg += "; " + h.hint
				break
			}
		}
		return &XMLError{se.Line, msg}
	}
	return &XMLError{line, err.Error()}
}

// syntaxHints tell the author how to fix the decoder's most common
// errors; the first matching prefix wins.
var syntaxHints = []struct{ prefix, hint string }{
	{"invalid character entity & ", "write &amp; for a literal &"},
	{"invalid character entity &", "it is not an HTML entity name; check the spelling or write the character itself"},
	{"unquoted or missing attribute", `quote every attribute value, as in class="note"`},
	{"attribute name without =", `give every attribute a value, as in checked="checked"`},
	{"expected element name after <", "write &lt; for a literal <"},
}

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
