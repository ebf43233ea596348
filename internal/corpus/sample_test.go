package corpus

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var samplePhotos = flag.String("sample-photos", "", "write the sample site's real-sized photos into this content/ folder")

// TestSamplePhotos writes the photographs of the sample site (content/ at
// the repository's root), when asked:
//
//	go test ./internal/corpus -run TestSamplePhotos -sample-photos ../../content
//
// They are camera-sized (4000 x 3000), two carry a GPS position and two an
// EXIF orientation, so that the sample shows what processing removes and
// turns; their grain is low so that the repository stays small.
func TestSamplePhotos(t *testing.T) {
	if *samplePhotos == "" {
		t.Skip("writes the sample's photos only with -sample-photos")
	}
	photos := map[string]PhotoSpec{
		"blog/img/partnership.jpg": {Width: 4000, Height: 3000, GPS: true, Seed: 11},
		"blog/img/candor.jpg":      {Width: 3000, Height: 4000, Orientation: 6, GPS: true, Seed: 12},
		"book/img/listening.jpg":   {Width: 4000, Height: 3000, Orientation: 3, Seed: 13},
	}
	for name, spec := range photos {
		spec.Grain, spec.Quality = 3, 82
		data, err := Photo(spec)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*samplePhotos, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
}
