package build

import (
	"strings"

	"folio/internal/content"
)

// describedSeries returns the series whose description page p is, if any.
func (b *builder) describedSeries(p *content.Page) *content.Series {
	if p.Kind != content.KindSeries {
		return nil
	}
	for _, s := range b.site.Series {
		if s.Page == p {
			return s
		}
	}
	return nil
}

// describeSeries gives a series without a description in front matter or
// folio.yaml the first paragraph of its content/series/<slug>.md, known
// only once that page is converted, for its feed, its cards and the list of
// series.
func describeSeries(s *content.Series) {
	if strings.TrimSpace(s.Description) == "" && s.Page != nil {
		s.Description = s.Page.Description
	}
}

// socialImage is a photo as share cards need it: with an absolute URL, so
// nothing without a base URL.
func (b *builder) socialImage(ph *content.Photo) *socialImage {
	if ph == nil || ph.URL == "" || b.cfg.BaseURL == "" {
		return nil
	}
	return &socialImage{URL: b.absolute(ph.URL), Alt: ph.Alt, Width: ph.Width, Height: ph.Height}
}

// seriesImage is the card image of a series page: its own photo, else the
// first part's.
func (b *builder) seriesImage(s *content.Series) *socialImage {
	if s.Page != nil && s.Page.Photo != nil {
		return b.socialImage(s.Page.Photo)
	}
	for _, p := range s.Posts {
		if p.Page.Photo != nil {
			return b.socialImage(p.Page.Photo)
		}
	}
	return nil
}

// homeImage is the card image of the home page: its own photo, else the
// first book's cover.
func (b *builder) homeImage(home *content.Page) *socialImage {
	if home != nil && home.Photo != nil {
		return b.socialImage(home.Photo)
	}
	for _, book := range b.site.Books {
		if book.Index.Photo != nil {
			return b.socialImage(book.Index.Photo)
		}
	}
	return nil
}

// render404 writes the page a server shows for a missing address. It has
// no canonical URL of its own and asks search engines not to index it.
func (b *builder) render404() {
	d := b.newData("404", b.words.Word("not_found"), "/404.html")
	d.Canonical, d.NoIndex = "", true
	b.renderData("404", "404.html", "404 page", d)
	b.generated.Add(1)
}
