package preview

import (
	"os"
	"testing"

	"folio/internal/images"
)

// TestMain points every build of the tests at one image cache that lasts
// between runs, as in package build's tests: the sessions build copies of
// the sample site, whose 4000 x 3000 photos would otherwise be processed
// again by each.
func TestMain(m *testing.M) {
	images.ShareTestCache()
	os.Exit(m.Run())
}
