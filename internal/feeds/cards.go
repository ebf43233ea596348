package feeds

import (
	"folio/internal/content"
	"folio/internal/siteurl"
)

// Image is a photo as share cards (Open Graph, Twitter) need it: with an
// absolute URL.
type Image struct {
	URL, Alt      string
	Width, Height int
}

// CardImage is the share card image of a photo; nil without a photo, or
// without a base URL, which an absolute URL needs.
func CardImage(urls siteurl.Base, ph *content.Photo) *Image {
	if ph == nil || ph.URL == "" || !urls.HasOrigin() {
		return nil
	}
	return &Image{URL: urls.Abs(ph.URL), Alt: ph.Alt, Width: ph.Width, Height: ph.Height}
}

// SeriesImage is the card image of a series page: its own photo, else the
// first part's.
func SeriesImage(urls siteurl.Base, s *content.Series) *Image {
	if s.Page != nil && s.Page.Photo != nil {
		return CardImage(urls, s.Page.Photo)
	}
	for _, p := range s.Posts {
		if p.Page.Photo != nil {
			return CardImage(urls, p.Page.Photo)
		}
	}
	return nil
}

// HomeImage is the card image of the home page (nil when the site has none
// of its own): its own photo, else the first book's cover.
func HomeImage(urls siteurl.Base, site *content.Site, home *content.Page) *Image {
	if home != nil && home.Photo != nil {
		return CardImage(urls, home.Photo)
	}
	for _, book := range site.Books {
		if book.Index.Photo != nil {
			return CardImage(urls, book.Index.Photo)
		}
	}
	return nil
}
