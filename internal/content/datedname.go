package content

import (
	"strings"
	"time"
)

// Jekyll names every post after its day (_posts/2015-05-15-rust-1.0.md),
// and Zola and Hugo (with :filename) read the same names. folio takes the
// day as the date of a page whose file name, or whose bundle folder's name,
// starts with YYYY-MM-DD- or YYYY-MM-DD_ and whose front matter has no
// date:, so that a migrated blog's posts keep their dates without an edit
// to each file. The URL keeps the whole name, as every other page's does
// (/blog/2015-05-15-rust-1.0/): a real blog reuses names across years
// (2016-05-09-survey.md, 2017-05-03-survey.md), which a URL without the day
// would make collide. slug: sets another.

// datedName splits a file or folder name that starts with a day and a
// dash or underscore into the day (UTC midnight) and the rest. ok is false
// for any other name, and for a name that is only a day.
func datedName(name string) (day time.Time, rest string, ok bool) {
	const layout = "2006-01-02"
	if len(name) < len(layout)+2 || (name[len(layout)] != '-' && name[len(layout)] != '_') {
		return time.Time{}, "", false
	}
	day, err := time.Parse(layout, name[:len(layout)])
	if err != nil {
		return time.Time{}, "", false
	}
	return day, name[len(layout)+1:], true
}

// placeName is the name that stands for the page among its neighbours: its
// file name, or a bundle's folder name, without .md.
func (p *Page) placeName() string {
	return strings.TrimSuffix(baseOf(p.Place()), ".md")
}

// dateFromName gives a page without a date: key the day its name starts
// with, if any.
func (p *Page) dateFromName() {
	if !p.Date.IsZero() {
		return
	}
	if day, _, ok := datedName(p.placeName()); ok {
		p.Date = day
	}
}
