package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand: its timers fire when the
// test sets the present past their date, never by themselves.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	// sets, when not nil, hears the date of every timer set.
	sets chan time.Time
}

type fakeTimer struct {
	at time.Time
	c  chan time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) At(at time.Time) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ft := &fakeTimer{at: at, c: make(chan time.Time, 1)}
	if c.sets != nil {
		c.sets <- at
	}
	if at.After(c.now) {
		c.timers = append(c.timers, ft)
	} else {
		ft.c <- c.now
	}
	return ft.c, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		n := len(c.timers)
		c.timers = slices.DeleteFunc(c.timers, func(t *fakeTimer) bool { return t == ft })
		return len(c.timers) < n
	}
}

// set moves the present to now and fires the timers it reached.
func (c *fakeClock) set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
	c.timers = slices.DeleteFunc(c.timers, func(t *fakeTimer) bool {
		if t.at.After(now) {
			return false
		}
		t.c <- now
		return true
	})
}

// fireEarly fires every timer without moving the present, as when the
// wall clock is set back after a timer was set.
func (c *fakeClock) fireEarly() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range c.timers {
		t.c <- c.now
	}
	c.timers = nil
}

// armed lists the dates of the timers set and not yet fired or stopped.
func (c *fakeClock) armed() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, t := range c.timers {
		out = append(out, t.at)
	}
	return out
}

// wantArmed checks that exactly the given dates have timers.
func (c *fakeClock) wantArmed(t *testing.T, when string, dates ...time.Time) {
	t.Helper()
	if got := c.armed(); !slices.EqualFunc(got, dates, time.Time.Equal) {
		t.Errorf("%s: timers set for %v, want %v", when, got, dates)
	}
}

// TestServePublishesScheduledPost: when a scheduled post's date passes
// while folio serve runs and nothing is saved, the preview builds again
// by itself and shows what a fresh build would: with --no-drafts the post
// is published, without it the post loses its Scheduled badge. One timer
// is set, to the next date, after every build, and none when nothing is
// scheduled. The clock is the test's; no test step waits on time.
func TestServePublishesScheduledPost(t *testing.T) {
	start := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	first, second := start.Add(2*time.Hour), start.Add(5*time.Hour)
	for _, noDrafts := range []bool{true, false} {
		t.Run(fmt.Sprintf("no-drafts %v", noDrafts), func(t *testing.T) {
			site := map[string]string{}
			for k, v := range goodSite {
				site[k] = v
			}
			site["content/blog/later.md"] = "---\ntitle: Later\ndate: " + first.Format(time.RFC3339) + "\n---\nNot yet.\n"
			dir := writeSite(t, site)
			clk := &fakeClock{now: start}
			r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1", noDrafts: noDrafts, clock: clk})
			shows := func(when string, published, badge bool) {
				t.Helper()
				code, body := r.get("/blog/later/")
				if (code == 200) != published || published && strings.Contains(body, `<span class="badge">Scheduled</span>`) != badge {
					t.Errorf("%s: /blog/later/ answers %d, with a Scheduled badge %v; want published %v, a badge %v",
						when, code, strings.Contains(body, "Scheduled</span>"), published, badge)
				}
			}
			shows("before its date", !noDrafts, true)
			clk.wantArmed(t, "after the first build", first)

			// A second post, saved meanwhile: the timer stays on the
			// first date, the sooner one.
			saveLikeVim(t, filepath.Join(dir, "content/blog/even-later.md"),
				[]byte("---\ntitle: Even later\ndate: "+second.Format(time.RFC3339)+"\n---\nNot yet either.\n"))
			r.out.waitFor(t, "content/blog/even-later.md changed: ")
			clk.wantArmed(t, "after a save", first)

			clk.set(first.Add(-time.Second))
			clk.wantArmed(t, "a second before", first)
			clk.set(first)
			// The terminal's build line comes once the build is published.
			r.out.waitFor(t, "content/blog/later.md is due: rebuilding\nsite built: ")
			shows("at its date", true, false)
			clk.wantArmed(t, "after the first date", second)

			// The clock moves past the second date at once: one build.
			clk.set(second.Add(time.Hour))
			r.out.waitFor(t, "content/blog/even-later.md is due: rebuilding\nsite built: ")
			if code, _ := r.get("/blog/even-later/"); code != 200 {
				t.Errorf("the second post answers %d after its date", code)
			}
			clk.wantArmed(t, "with nothing scheduled")
			if n := strings.Count(r.out.String(), "is due"); n != 2 {
				t.Errorf("the terminal says %d times that a post is due, want 2:\n%s", n, r.out)
			}
		})
	}
}

// TestServeNothingScheduled: a site without scheduled posts sets no timer,
// and neither does a draft dated in the future under --no-drafts, which
// its date does not publish.
func TestServeNothingScheduled(t *testing.T) {
	site := map[string]string{}
	for k, v := range goodSite {
		site[k] = v
	}
	site["content/blog/draft.md"] = "---\ntitle: Draft\ndraft: true\ndate: 2999-01-01\n---\nDrafted.\n"
	clk := &fakeClock{now: time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)}
	startServe(t, serveFlags{source: writeSite(t, site), bind: "127.0.0.1", noDrafts: true, clock: clk})
	clk.wantArmed(t, "a site with a future draft under --no-drafts")
}

// TestServeDueTimerEarly: a timer that fires before the post's date (the
// wall clock was set back) builds nothing and is set again for the date.
func TestServeDueTimerEarly(t *testing.T) {
	site := map[string]string{}
	for k, v := range goodSite {
		site[k] = v
	}
	start := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	due := start.Add(time.Hour)
	site["content/blog/later.md"] = "---\ntitle: Later\ndate: " + due.Format(time.RFC3339) + "\n---\nNot yet.\n"
	clk := &fakeClock{now: start, sets: make(chan time.Time, 16)}
	r := startServe(t, serveFlags{source: writeSite(t, site), bind: "127.0.0.1", noDrafts: true, clock: clk})
	if at := <-clk.sets; !at.Equal(due) {
		t.Fatalf("the first build set a timer for %v, want %v", at, due)
	}
	before := r.out.String()
	clk.fireEarly()
	select {
	case at := <-clk.sets:
		if !at.Equal(due) {
			t.Errorf("the timer was set again for %v, want %v", at, due)
		}
	case <-time.After(waitLimit):
		t.Fatal("the timer was not set again")
	}
	if after := r.out.String(); after != before {
		t.Errorf("a timer fired early printed %q", strings.TrimPrefix(after, before))
	}
	if code, _ := r.get("/blog/later/"); code != 404 {
		t.Errorf("the post answers %d before its date", code)
	}
}
