package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// The reader below understands just enough of a PDF to find the page each
// named destination points at: the catalog's /Pages tree and its /Dests
// dictionary, written as plain objects. That is how Chromium's PDF backend
// (Skia) writes them, and Chromium writes a destination for every element
// id that a link of the document points at. folio links each entry of the
// contents to its chapter, so after one print it knows on which page each
// chapter starts. A PDF of another shape (object streams, a /Names tree)
// gives an error, never a wrong number: the tests check the numbers against
// poppler's own reading of the file.

var (
	catalogRe = regexp.MustCompile(`/Type\s*/Catalog\b`)
	refRe     = regexp.MustCompile(`(\d+)\s+(\d+)\s+R\b`)
	destRe    = regexp.MustCompile(`/((?:[^\s/\[\]<>(){}%]|#[0-9A-Fa-f]{2})+)\s*\[\s*(\d+)\s+\d+\s+R\b`)
)

// document is a PDF's objects by number.
type document struct {
	data []byte
}

// object returns the body of object n (between "n 0 obj" and "endobj").
func (d document) object(n int) ([]byte, error) {
	head := []byte(strconv.Itoa(n) + " 0 obj")
	for at := 0; ; {
		i := bytes.Index(d.data[at:], head)
		if i < 0 {
			return nil, fmt.Errorf("object %d not found", n)
		}
		i += at
		if i == 0 || d.data[i-1] == '\n' || d.data[i-1] == '\r' || d.data[i-1] == ' ' {
			body := d.data[i+len(head):]
			end := bytes.Index(body, []byte("endobj"))
			if end < 0 {
				return nil, fmt.Errorf("object %d is not closed", n)
			}
			return body[:end], nil
		}
		at = i + len(head)
	}
}

// entry is the object number a key of a dictionary refers to.
func entry(dict []byte, key string) (int, bool) {
	re := regexp.MustCompile(`/` + key + `\s+(\d+)\s+\d+\s+R\b`)
	m := re.FindSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

// catalog returns the document's catalog dictionary.
func (d document) catalog() ([]byte, error) {
	loc := catalogRe.FindIndex(d.data)
	if loc == nil {
		return nil, fmt.Errorf("no catalog")
	}
	start := bytes.LastIndex(d.data[:loc[0]], []byte(" obj"))
	end := bytes.Index(d.data[loc[0]:], []byte("endobj"))
	if start < 0 || end < 0 {
		return nil, fmt.Errorf("the catalog is not a plain object")
	}
	return d.data[start : loc[0]+end], nil
}

// pages lists the page objects in order, walking the /Pages tree.
func (d document) pages(node int, depth int, into []int) ([]int, error) {
	if depth > 32 {
		return nil, fmt.Errorf("the page tree is deeper than 32 levels")
	}
	body, err := d.object(node)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(body, []byte("/Type /Pages")) && !bytes.Contains(body, []byte("/Type/Pages")) {
		return append(into, node), nil
	}
	kids := bytes.Index(body, []byte("/Kids"))
	if kids < 0 {
		return nil, fmt.Errorf("page tree node %d has no /Kids", node)
	}
	open := bytes.IndexByte(body[kids:], '[')
	closing := bytes.IndexByte(body[kids:], ']')
	if open < 0 || closing < open {
		return nil, fmt.Errorf("page tree node %d: /Kids is not an array", node)
	}
	for _, m := range refRe.FindAllSubmatch(body[kids+open:kids+closing], -1) {
		kid, _ := strconv.Atoi(string(m[1]))
		if into, err = d.pages(kid, depth+1, into); err != nil {
			return nil, err
		}
	}
	return into, nil
}

// DestinationPages reads a PDF written by Chromium and returns, for each
// named destination, the number of its page (the first page is 1), and the
// number of pages.
func DestinationPages(data []byte) (map[string]int, int, error) {
	d := document{data: data}
	cat, err := d.catalog()
	if err != nil {
		return nil, 0, fmt.Errorf("read PDF: %w", err)
	}
	root, ok := entry(cat, "Pages")
	if !ok {
		return nil, 0, fmt.Errorf("read PDF: the catalog has no /Pages")
	}
	pages, err := d.pages(root, 0, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("read PDF: %w", err)
	}
	index := map[int]int{}
	for i, p := range pages {
		index[p] = i + 1
	}
	out := map[string]int{}
	destsObj, ok := entry(cat, "Dests")
	if !ok {
		return out, len(pages), nil
	}
	dests, err := d.object(destsObj)
	if err != nil {
		return nil, 0, fmt.Errorf("read PDF: %w", err)
	}
	for _, m := range destRe.FindAllSubmatch(dests, -1) {
		obj, _ := strconv.Atoi(string(m[2]))
		page, ok := index[obj]
		if !ok {
			return nil, 0, fmt.Errorf("read PDF: destination %s points at object %d, which is not a page", m[1], obj)
		}
		out[decodeName(m[1])] = page
	}
	return out, len(pages), nil
}

// decodeName undoes the #xx escapes of a PDF name.
func decodeName(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
