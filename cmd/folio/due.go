package main

import (
	"fmt"
	"time"
)

// clock is the present and its timers as folio serve sees them: the wall
// clock, or in tests a clock the test moves by hand. The session reads the
// same present (build.Options.Clock), so that a timer that fired and the
// build it starts agree on whether a date has passed.
type clock interface {
	Now() time.Time
	// At returns a channel that receives once the present reaches t, and
	// a function that stops the timer.
	At(t time.Time) (<-chan time.Time, func() bool)
}

// wallClock is the machine's clock.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// At arms a timer for the time until t on the wall clock. Timers run on
// the monotonic clock, so a wall clock set back makes one fire early (the
// preview sets it again) and time asleep does not count; a save builds
// the post anyway once its date has passed, as every build checks it.
func (wallClock) At(t time.Time) (<-chan time.Time, func() bool) {
	tm := time.NewTimer(time.Until(t))
	return tm.C, tm.Stop
}

// dueTimer fires when the next scheduled date of the preview's site
// passes: a post dated in the future is published then (with --no-drafts)
// or loses its Scheduled badge (without), as a fresh build at that moment
// would show it, although no file changed. One timer, set after every
// build to the session's next date (sitepreview.Session.Due); none while
// nothing is scheduled.
type dueTimer struct {
	clock clock
	// at is the date the timer is set to, files the posts dated then.
	at    time.Time
	files []string
	c     <-chan time.Time
	stop  func() bool
}

// set replaces the timer with one for the date at, if not zero.
func (d *dueTimer) set(at time.Time, files []string) {
	if d.stop != nil {
		d.stop()
	}
	d.at, d.files, d.c, d.stop = at, files, nil, nil
	if !at.IsZero() {
		d.c, d.stop = d.clock.At(at)
	}
}

// fired is the timer's channel; nil (never ready) without a timer.
func (d *dueTimer) fired() <-chan time.Time { return d.c }

// passed says whether the date has come: then it names the posts dated
// then ("content/blog/later.md is due"), else "".
func (d *dueTimer) passed() string {
	if d.at.IsZero() || d.clock.Now().Before(d.at) {
		return ""
	}
	switch len(d.files) {
	case 0:
		return "a scheduled date is due"
	case 1:
		return d.files[0] + " is due"
	default:
		return fmt.Sprintf("%s and %s are due", d.files[0], plural(len(d.files)-1, "one more", "more"))
	}
}
