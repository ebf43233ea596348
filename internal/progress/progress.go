// Package progress owns the count of a build's work while it runs
// (Progress), so that the command line can show how far a long build has
// got. The build only counts; whether and how to show it is the caller's
// business. It imports no other folio package; package build names it
// build.Progress.
package progress

import "sync/atomic"

// Progress counts a build's work while it runs. A nil Progress counts
// nothing.
type Progress struct {
	stage atomic.Pointer[string]
	done  atomic.Int64
	total atomic.Int64
}

// The stages a Progress reports, in order.
const (
	Reading = "reading"   // loading and linking content/
	Pages   = "pages"     // converting and rendering pages: done of total
	Lists   = "finishing" // lists, feeds, the print edition, EPUBs
)

// Snapshot returns the current stage and, for Pages, the pages done
// and the pages in all.
func (p *Progress) Snapshot() (stage string, done, total int) {
	if p == nil {
		return "", 0, 0
	}
	if s := p.stage.Load(); s != nil {
		stage = *s
	}
	return stage, int(p.done.Load()), int(p.total.Load())
}

// Begin starts a stage of total steps (0 when not counted).
func (p *Progress) Begin(stage string, total int) {
	if p == nil {
		return
	}
	p.done.Store(0)
	p.total.Store(int64(total))
	p.stage.Store(&stage)
}

// Step counts one step of the stage done.
func (p *Progress) Step() {
	if p != nil {
		p.done.Add(1)
	}
}
