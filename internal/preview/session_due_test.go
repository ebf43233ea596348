package preview

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"folio/internal/build"
)

// TestSessionDue: the session tells the next date on which the site
// changes with no file changed, and the posts dated then, whether future
// posts are left out (published by then) or shown (their badge goes); a
// draft counts only where drafts are shown; each build moves it on, and
// past the last scheduled post there is none.
func TestSessionDue(t *testing.T) {
	t.Parallel()
	for _, shown := range []bool{false, true} {
		t.Run(fmt.Sprintf("drafts and future %v", shown), func(t *testing.T) {
			t.Parallel()
			r := newScriptRun(t, copySiteSources(t, "../.."), build.Options{Now: sessionNow, Drafts: shown, Future: shown})
			// The sample site's next posts are dated 2026-09-29 and 2026-11-03.
			curiosity := time.Date(2026, 9, 29, 0, 0, 0, 0, time.UTC)
			r.wantDue("the sample site", curiosity, "content/blog/curiosity.md")
			const draft, later = "content/blog/draft.md", "content/blog/later.md"
			r.check("a draft dated an hour on", r.write(draft, "---\ntitle: Draft\ndraft: true\ndate: 2026-08-01T13:00:00Z\n---\n\nDrafted.\n"), false)
			if shown {
				r.wantDue("a draft shown", time.Date(2026, 8, 1, 13, 0, 0, 0, time.UTC), draft)
			} else {
				r.wantDue("a draft left out", curiosity, "content/blog/curiosity.md")
			}
			r.check("two posts on one date", r.write(draft, "", later, "---\ntitle: Later\ndate: 2026-09-29\n---\n\nNot yet.\n"), false)
			r.wantDue("two posts on one date", curiosity, "content/blog/curiosity.md", later)
			r.now = curiosity
			r.check("their date reached; no file changed", nil, false)
			r.wantDue("the last scheduled post", time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), "content/blog/the-book-has-a-title.md")
			r.now = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
			r.check("all dates passed", nil, false)
			r.wantDue("nothing scheduled", time.Time{})
		})
	}
}

// wantDue checks the session's next due date and its posts (none for the
// zero time).
func (r *scriptRun) wantDue(name string, date time.Time, files ...string) {
	r.t.Helper()
	due, got := r.s.Due()
	slices.Sort(got)
	slices.Sort(files)
	if !due.Equal(date) || !slices.Equal(got, files) {
		r.t.Errorf("%s: due %v %v, want %v %v", name, due, got, date, files)
	}
}
