package editions

import (
	"regexp"
	"strings"
	"testing"

	"folio/internal/content"
)

func TestUUIDv5(t *testing.T) {
	// Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://coaching.example.org/book/")
	if got := uuidV5(urlNamespace, "https://coaching.example.org/book/"); got != "58474cbb-86a4-54c3-a25d-3cd8b37f8063" {
		t.Errorf("uuidV5 = %s", got)
	}
}

func TestBookDate(t *testing.T) {
	for status, want := range map[string]string{
		"forthcoming": "", "2026": "2026", "2026-09": "2026-09", "2026-09-15": "2026-09-15",
		"2026-09-15T10:00:00+02:00": "2026-09-15", "2026-13": "", "": "",
	} {
		p := &content.Page{FrontMatter: content.FrontMatter{Status: status}}
		if got := bookDate(p); got != want {
			t.Errorf("status %q: dc:date %q, want %q", status, got, want)
		}
	}
}

func TestImageHref(t *testing.T) {
	tests := []struct{ rel, want string }{
		{"book/img/ear.jpg", "images/book/img/ear.jpg"},
		{"img/Ear_2.v1.PNG", "images/img/Ear_2.v1.PNG"},
		{"book/img/my photo.jpg", "images/book/img/my-photo-"},
		{"book/img/my-photo.jpg", "images/book/img/my-photo.jpg"},
		{"book/.hidden/é.png", "images/book/x.hidden/x--"},
	}
	for _, tt := range tests {
		if got := imageHref(tt.rel); !strings.HasPrefix(got, tt.want) || !epubHref.MatchString(got) {
			t.Errorf("imageHref(%q) = %q, want %q... of [A-Za-z0-9._-]", tt.rel, got, tt.want)
		}
	}
	if imageHref("a/b c.jpg") == imageHref("a/b-c.jpg") || imageHref("a/b c.jpg") == imageHref("a/b_c.jpg") {
		t.Error("two image paths share a name in the package")
	}
}

var epubHref = regexp.MustCompile(`^images(/[A-Za-z0-9][A-Za-z0-9._-]*)+$`)
