package main

import (
	"os"
	"testing"

	"folio/internal/images"
)

// TestMain shares one image cache among the tests' builds of the sample
// site (see images.ShareTestCache).
func TestMain(m *testing.M) {
	images.ShareTestCache()
	os.Exit(m.Run())
}
