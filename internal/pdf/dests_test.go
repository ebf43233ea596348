package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// miniPDF is a PDF shaped as Chromium writes one: a catalog, a page tree of
// two levels and a /Dests dictionary (the parts the reader reads; it is not
// a complete file).
const miniPDF = `%PDF-1.4
1 0 obj
<</Title (x) /CreationDate (D:20261202185152+00'00')
/ModDate (D:20261202185152+00'00')>>
endobj
2 0 obj
<</Type /Page /Parent 10 0 R>>
endobj
3 0 obj
<</Type /Page /Parent 10 0 R>>
endobj
4 0 obj
<</Type /Page /Parent 11 0 R>>
endobj
10 0 obj
<</Type /Pages /Count 2 /Kids [2 0 R 3 0 R] /Parent 12 0 R>>
endobj
11 0 obj
<</Type /Pages /Count 1 /Kids [4 0 R] /Parent 12 0 R>>
endobj
12 0 obj
<</Type /Pages /Count 3 /Kids [10 0 R 11 0 R]>>
endobj
13 0 obj
<</title-page [2 0 R /XYZ 0 792 0]
/part-1 [3 0 R /XYZ 0 792 0]
/caf#C3#A9 [4 0 R /XYZ 0 615 0]>>
endobj
14 0 obj
<</Type /Catalog
/Pages 12 0 R
/Dests 13 0 R>>
endobj
trailer
<</Root 14 0 R /Info 1 0 R>>
%%EOF
`

func TestDestinationPages(t *testing.T) {
	pages, n, err := DestinationPages([]byte(miniPDF))
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d pages, want 3", n)
	}
	want := map[string]int{"title-page": 1, "part-1": 2, "café": 3}
	for name, page := range want {
		if pages[name] != page {
			t.Errorf("destination %q on page %d, want %d (all: %v)", name, pages[name], page, pages)
		}
	}
}

func TestDestinationPagesErrors(t *testing.T) {
	cases := map[string]struct{ pdf, want string }{
		"no catalog":          {strings.Replace(miniPDF, "/Type /Catalog", "", 1), "no catalog"},
		"no page tree":        {strings.Replace(miniPDF, "/Pages 12 0 R\n", "", 1), "no /Pages"},
		"a missing object":    {strings.Replace(miniPDF, "/Kids [4 0 R]", "/Kids [9 0 R]", 1), "object 9 not found"},
		"a dest off the page": {strings.Replace(miniPDF, "/part-1 [3 0 R", "/part-1 [13 0 R", 1), "not a page"},
		"a loop in the tree":  {strings.Replace(miniPDF, "/Kids [4 0 R]", "/Kids [12 0 R]", 1), "deeper than 32"},
	}
	for name, c := range cases {
		_, _, err := DestinationPages([]byte(c.pdf))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
	}
}

func TestSetDates(t *testing.T) {
	date := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("x", 3600))
	got := setDates([]byte(miniPDF), date)
	if len(got) != len(miniPDF) {
		t.Fatalf("the length changed: %d -> %d, which breaks the cross-reference offsets", len(miniPDF), len(got))
	}
	for _, want := range []string{"/CreationDate (D:20260304040607+00'00')", "/ModDate (D:20260304040607+00'00')"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("no %s in\n%s", want, got[:200])
		}
	}
	blank := setDates([]byte(miniPDF), time.Time{})
	if len(blank) != len(miniPDF) || bytes.Contains(blank, []byte("CreationDate")) || bytes.Contains(blank, []byte("ModDate")) {
		t.Errorf("without a date the dates should be blanked out, same length:\n%s", blank[:200])
	}
}
