package build

import (
	"os"
	"testing"

	"folio/internal/images"
)

// TestMain points every build of the tests at one image cache that lasts
// between runs, as folio's own cache does between builds: the tests build
// copies of the sample site, whose 4000 x 3000 photos would otherwise be
// processed again by each. Tests of the cache itself set their own.
func TestMain(m *testing.M) {
	images.ShareTestCache()
	os.Exit(m.Run())
}
