package build

import "sync/atomic"

// Progress counts a build's work while it runs, so that the command line
// can show how far a long build has got. The build only counts; whether
// and how to show it is the caller's business. A nil Progress counts
// nothing.
type Progress struct {
	stage atomic.Pointer[string]
	done  atomic.Int64
	total atomic.Int64
}

// The stages a Progress reports, in order.
const (
	StageReading = "reading"   // loading and linking content/
	StagePages   = "pages"     // converting and rendering pages: done of total
	StageLists   = "finishing" // lists, feeds, the print edition, EPUBs
)

// Snapshot returns the current stage and, for StagePages, the pages done
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
