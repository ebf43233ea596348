package build

import (
	"context"
	"testing"
	"time"

	"folio/internal/chromium"
)

// chromiumContext starts a headless Chromium with a fresh profile for one
// test, with a minute to do its work. It skips the test when Chromium is
// missing, and fails it instead under CI.
func chromiumContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancelTimeout := context.WithTimeout(chromium.Context(t), 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}
