package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// svgWithoutDoctype returns an SVG image without its document type
// declaration. Tools such as Graphviz write the SVG 1.1 DOCTYPE with its
// external identifier (the DTD's URL), which EPUB 3 forbids (epubcheck
// OPF-073, HTM-003); the DTD adds nothing a reading system uses. The
// declaration is found by the XML decoder, not by matching text, and the
// bytes around it are kept as they are. An SVG without one, or one the
// decoder cannot read, is returned unchanged.
func svgWithoutDoctype(data []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		start := d.InputOffset()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) || err != nil {
			return data
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				end := d.InputOffset()
				out := make([]byte, 0, len(data)-int(end-start))
				return append(append(out, data[:start]...), data[end:]...)
			}
		case xml.StartElement:
			return data // the prolog is over
		}
	}
}
