package build

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"html/template"
	"sort"
	"time"

	"folio/internal/content"
)

// fingerprint hashes the inputs of an output. Fingerprints are compared only
// within one process (one preview session), so a random seed is fine; they
// are 64 bits, which makes a false "unchanged" about as likely as a cosmic
// ray flipping the output.
type fingerprint struct {
	h   maphash.Hash
	buf [8]byte
}

var fingerprintSeed = maphash.MakeSeed()

func newFingerprint() *fingerprint {
	f := &fingerprint{}
	f.h.SetSeed(fingerprintSeed)
	return f
}

func (f *fingerprint) u64(v uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], v)
	f.h.Write(f.buf[:])
}

func (f *fingerprint) int(v int) { f.u64(uint64(v)) }

func (f *fingerprint) bool(v bool) {
	if v {
		f.h.WriteByte(1)
	} else {
		f.h.WriteByte(0)
	}
}

// str writes the length first, so that ("ab", "c") and ("a", "bc") differ.
func (f *fingerprint) str(s string) {
	f.int(len(s))
	f.h.WriteString(s)
}

func (f *fingerprint) bytes(b []byte) {
	f.int(len(b))
	f.h.Write(b)
}

func (f *fingerprint) strs(ss []string) {
	f.int(len(ss))
	for _, s := range ss {
		f.str(s)
	}
}

// time writes the instant and the zone offset, which templates show.
func (f *fingerprint) time(t time.Time) {
	_, off := t.Zone()
	f.u64(uint64(t.UnixNano()))
	f.int(off)
	f.bool(t.IsZero())
}

func (f *fingerprint) sum() uint64 { return f.h.Sum64() }

// linkPrint fingerprints what other pages can show of p once the site is
// linked: its place, URL and front matter, its photo as resolved, its
// chapter number or series part. What the body decides (reading time,
// summary, description, HTML) is left to the other marks: it is all that
// changes in a patch build, and pages rendered while others are still being
// converted cannot show what conversion derives.
func linkPrint(p *content.Page) uint64 {
	f := newFingerprint()
	f.str(p.Path)
	f.str(p.File)
	f.str(string(p.Kind))
	f.str(p.URL)
	f.str(p.OutPath)
	fm := &p.FrontMatter
	f.str(fm.Title)
	f.time(fm.Date)
	f.time(fm.Updated)
	f.int(fm.Order)
	f.bool(fm.HasOrder)
	f.bool(fm.Draft)
	f.str(fm.Slug)
	f.str(fm.Summary)
	f.strs(fm.Tags)
	f.strs(fm.Series)
	photoPrint(f, fm.Photo)
	f.str(fm.Layout)
	f.bool(fm.Numbered != nil)
	f.bool(fm.Numbered != nil && *fm.Numbered)
	f.str(fm.Type)
	f.str(fm.Subtitle)
	f.str(fm.Author)
	f.str(fm.Status)
	paramsPrint(f, fm.Params)
	if c := p.Chapter; c != nil {
		f.int(c.Number)
		if c.Part != nil && c.Part.Index != nil {
			f.str(c.Part.Index.Path)
		}
	}
	if post := p.Post; post != nil {
		f.int(post.PartNumber)
		if s := post.Series; s != nil {
			f.str(s.Name)
			f.str(s.URL)
		}
	}
	return f.sum()
}

func photoPrint(f *fingerprint, ph *content.Photo) {
	f.bool(ph != nil)
	if ph == nil {
		return
	}
	for _, s := range []string{ph.Src, ph.Alt, ph.Credit, ph.CreditURL, ph.License, ph.URL, ph.SrcSet, ph.Sizes, ph.ThumbURL, ph.ThumbSrcSet, ph.PrintURL} {
		f.str(s)
	}
	f.int(ph.Width)
	f.int(ph.Height)
}

// paramsPrint writes the keys front matter does not name, in key order;
// values are printed with %#v, which is exact for what YAML, TOML and JSON
// decode into.
func paramsPrint(f *fingerprint, params map[string]any) {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f.str(k)
		f.str(fmt.Sprintf("%#v", params[k]))
	}
}

// convPrint fingerprints what conversion derives for a page that lists show.
func convPrint(pc *pageConv) uint64 {
	f := newFingerprint()
	f.str(string(pc.summary))
	f.str(pc.description)
	return f.sum()
}

// headsPrint fingerprints a page's outline.
func headsPrint(hs []content.Heading) uint64 {
	f := newFingerprint()
	for _, h := range hs {
		f.int(h.Level)
		f.str(h.ID)
		f.str(h.Text)
	}
	return f.sum()
}

// ownPrint fingerprints what only the page itself (and feeds) show of its
// conversion.
func ownPrint(c *converted) uint64 {
	f := newFingerprint()
	f.str(string(c.html))
	f.int(len(c.headings))
	for _, h := range c.headings {
		f.int(h.Level)
		f.str(h.ID)
		f.str(h.Text)
	}
	f.bytes(c.absHTML)
	return f.sum()
}

// htmlPrint stands for content that is not the page's own conversion.
func htmlPrint(f *fingerprint, h template.HTML) { f.str(string(h)) }
