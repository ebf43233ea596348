package main

import (
	"context"
	"errors"
	"strings"
	"time"

	sitepreview "folio/internal/preview"
)

// The files made of a whole book (print edition, EPUB) are redone in the
// background once the author pauses or a browser asks for one of them:
// the preview's requests for them wait at the gate meanwhile.

// authorPause is how long the author must stop saving before the preview
// redoes the files made of a whole book (print edition, EPUB) in the
// background; a request for one of them has it done at once.
const authorPause = time.Second

// completion is one run of Session.CompleteWith in the background.
type completion struct {
	why    string
	cancel context.CancelFunc
	done   chan completed
}

type completed struct {
	c   *completion
	up  *sitepreview.Update
	err error
}

// wait holds requests for the files until complete redoes them, and starts
// the clock of the author's pause.
func (p *preview) wait(files []string) {
	p.pending = files
	p.gate.hold(files...)
	if p.idle != nil {
		p.idle.Stop()
		p.idle = nil
	}
	if len(files) > 0 {
		p.idle = time.NewTimer(authorPause)
	}
}

// pause fires when the author has paused with work pending.
func (p *preview) pause() <-chan time.Time {
	if p.idle == nil || p.running != nil {
		return nil
	}
	return p.idle.C
}

// complete starts redoing the pending files on lanes goroutines (0: all
// cores), unless that is under way already.
func (p *preview) complete(why string, lanes int) {
	if p.running != nil || len(p.pending) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &completion{why: why, cancel: cancel, done: make(chan completed, 1)}
	p.running = c
	go func() {
		up, err := p.session.CompleteWith(ctx, lanes)
		c.done <- completed{c: c, up: up, err: err}
	}()
}

// completed delivers the result of the run under way.
func (p *preview) completed() <-chan completed {
	if p.running == nil {
		return nil
	}
	return p.running.done
}

// finish publishes what a background run redid, or shows its errors.
func (p *preview) finish(c completed) {
	p.running = nil
	if errors.Is(c.err, context.Canceled) {
		p.idle = time.NewTimer(authorPause) // still pending: wait for the next pause
		return
	}
	what := strings.Join(p.pending, " and ")
	// The gate lets the held requests through only once the new files
	// are published: released first, a request for the print edition
	// raced the publish and could be answered from the snapshot before
	// it (a 404 for a print edition the first build left to do).
	defer p.wait(nil)
	if c.err != nil {
		p.failed(c.up, c.err)
		return
	}
	if c.up == nil {
		return
	}
	p.srv.Publish(c.up.Files, nil)
	p.con.info("  then %s in %d ms (%s)", what, c.up.Elapsed.Milliseconds(), c.c.why)
}

// callOff stops the background run, if any, before the session is used
// again; work it finished before it heard is published.
func (p *preview) callOff() {
	if p.running == nil {
		return
	}
	p.running.cancel()
	p.finish(<-p.running.done)
}
