package watch

import (
	"io/fs"
	"path/filepath"
	"time"
)

// fileState is what the poller remembers per path. mtime plus size catches
// in-place writes and rename-over saves alike (the new file has its own mtime)
// without reading contents, which keeps a scan of a book-sized tree cheap.
type fileState struct {
	mod  time.Time
	size int64
	dir  bool
}

// poller is the fallback backend: it rescans the roots every interval and
// reports the differences. It sees what the kernel cannot report (network
// mounts, WSL, Docker bind mounts) at the price of interval-sized latency.
type poller struct {
	roots    rootSet
	interval time.Duration
	last     map[string]fileState
}

// newPoller takes the first snapshot immediately, so that changes made after
// it returns are differences from it.
func newPoller(roots rootSet, interval time.Duration) *poller {
	p := &poller{roots: roots, interval: interval}
	p.last = p.scan()
	return p
}

func (p *poller) run(done <-chan struct{}, emit func([]Change) bool) {
	tick := time.NewTicker(p.interval)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			cur := p.scan()
			cs := diffStates(p.last, cur)
			p.last = cur
			if !emit(cs) {
				return
			}
		}
	}
}

// scan records every relevant file and folder below the roots, skipping what
// the notify backend would not watch or report either.
func (p *poller) scan() map[string]fileState {
	states := map[string]fileState{}
	for _, root := range p.roots.paths {
		_ = walkTree(root, p.roots.follow, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // missing root or a file vanishing mid-scan: next scan tells
			}
			if d.IsDir() {
				if path != root && p.roots.skipDir(path) {
					return filepath.SkipDir
				}
				states[path] = fileState{dir: true}
				return nil
			}
			if !p.roots.relevant(path, false) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			states[path] = fileState{mod: info.ModTime(), size: info.Size()}
			return nil
		})
	}
	return states
}

// diffStates reports what changed between two scans. A rename shows up as
// the old name removed and the new one created.
func diffStates(old, cur map[string]fileState) []Change {
	var cs []Change
	for path, s := range cur {
		o, ok := old[path]
		switch {
		case !ok || o.dir != s.dir:
			cs = append(cs, Change{Path: path, Op: Create})
		case !s.dir && (!o.mod.Equal(s.mod) || o.size != s.size):
			cs = append(cs, Change{Path: path, Op: Write})
		}
	}
	for path := range old {
		if _, ok := cur[path]; !ok {
			cs = append(cs, Change{Path: path, Op: Remove})
		}
	}
	return cs
}
