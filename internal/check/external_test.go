package check

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a fake time: sleeping moves it on at once and records the pause.
type clock struct {
	mu     sync.Mutex
	t      time.Time
	pauses []time.Duration
}

func newClock() *clock { return &clock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	c.pauses = append(c.pauses, d)
	return ctx.Err()
}

func (c *clock) external(e External) External {
	e.Enabled, e.sleep, e.now = true, c.sleep, c.now
	return e
}

// uses makes one use of each URL, as Dir collects them.
func uses(urls ...string) map[string][]Problem {
	m := map[string][]Problem{}
	for _, u := range urls {
		m[u] = append(m[u], Problem{File: "index.html", Line: 1, URL: u, What: "link"})
	}
	return m
}

func messages(rep *Report) map[string]string {
	m := map[string]string{}
	for _, p := range rep.Problems {
		m[p.URL] = p.Message
	}
	return m
}

func TestExternalAnswers(t *testing.T) {
	var mu sync.Mutex
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.Method+" "+r.URL.Path]++
		n := asked[r.Method+" "+r.URL.Path]
		mu.Unlock()
		switch r.URL.Path {
		case "/ok":
		case "/missing":
			http.NotFound(w, r)
		case "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/flaky": // fails once, then answers
			if n == 1 {
				w.WriteHeader(http.StatusBadGateway)
			}
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/limited": // asks for a pause of 7 s, then of a date 30 s on, then answers
			switch n {
			case 1:
				w.Header().Set("Retry-After", "7")
				w.WriteHeader(http.StatusTooManyRequests)
			case 2:
				w.Header().Set("Retry-After", time.Date(2026, 5, 1, 12, 0, 37, 0, time.UTC).Format(http.TimeFormat))
				w.WriteHeader(http.StatusTooManyRequests)
			}
		case "/slow": // answers only when the checker gives up
			<-r.Context().Done()
		}
	}))
	defer srv.Close()
	c := newClock()
	// The timeout leaves room for a loaded machine (and -race) to answer the
	// quick paths; only /slow is meant to reach it.
	e := c.external(External{Timeout: 1500 * time.Millisecond, Retries: 1})
	rep := &Report{}
	u := func(p string) string { return srv.URL + p }
	if err := e.check(context.Background(), uses(u("/ok"), u("/missing"), u("/no-head"), u("/flaky"), u("/down"), u("/slow")), rep); err != nil {
		t.Fatal(err)
	}
	got := messages(rep)
	want := map[string]string{
		u("/missing"): "the site answers 404 Not Found",
		u("/down"):    "the site answers 503 Service Unavailable (tried 2 times)",
		u("/slow"):    "no answer within 1.5s (tried 2 times)",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems %v\nwant %v", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	for req, n := range map[string]int{"HEAD /missing": 1, "GET /no-head": 1, "HEAD /flaky": 2, "HEAD /down": 2, "HEAD /slow": 2} {
		if asked[req] != n {
			t.Errorf("%s asked %d times, want %d (all: %v)", req, asked[req], n, asked)
		}
	}
	c.mu.Lock()
	if fmt.Sprint(c.pauses) != "[500ms 500ms 500ms]" {
		t.Errorf("paused %v; want 0.5 s before each retry of /flaky, /down and /slow", c.pauses)
	}
	c.mu.Unlock()
	mu.Unlock()

	// A host that asks for a pause gets it: 7 s, then until the date it names.
	c = newClock()
	rep = &Report{}
	if err := c.external(External{}).check(context.Background(), uses(u("/limited")), rep); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(rep.Problems) != 0 || asked["HEAD /limited"] != 3 || fmt.Sprint(c.pauses) != "[7s 30s]" {
		t.Errorf("rate-limited link: problems %v, asked %d times, paused %v; want no problem, 3 requests, pauses [7s 30s]", rep.Problems, asked["HEAD /limited"], c.pauses)
	}
}

func TestExternalLimitsRequestsPerHost(t *testing.T) {
	const perHost, each = 2, 6
	type counter struct {
		mu             sync.Mutex
		inflight, most int
		seen           int
		release        chan struct{}
	}
	var hosts []*httptest.Server
	var counters []*counter
	for range 2 {
		c := &counter{release: make(chan struct{})}
		counters = append(counters, c)
		hosts = append(hosts, httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.mu.Lock()
			c.inflight++
			c.seen++
			c.most = max(c.most, c.inflight)
			release := c.release
			// Requests are held until the host has as many under way as
			// the checker may send it (or the last ones came): a checker
			// that sent more would be seen doing so.
			if c.inflight == perHost || c.seen == each {
				close(c.release)
				c.release = make(chan struct{})
			}
			c.mu.Unlock()
			<-release
			c.mu.Lock()
			c.inflight--
			c.mu.Unlock()
		})))
	}
	var urls []string
	for i, h := range hosts {
		defer h.Close()
		for j := range each {
			urls = append(urls, fmt.Sprintf("%s/page-%d-%d", h.URL, i, j))
		}
	}
	c := newClock()
	e := c.external(External{PerHost: perHost, Workers: 8})
	rep := &Report{}
	if err := e.check(context.Background(), uses(urls...), rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	for i, c := range counters {
		if c.most != perHost || c.seen != each {
			t.Errorf("host %d had %d requests under way at most and %d in all; want %d and %d", i, c.most, c.seen, perHost, each)
		}
	}
}

func TestExternalCache(t *testing.T) {
	var mu sync.Mutex
	asked := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked++
		mu.Unlock()
		if strings.HasSuffix(r.URL.Path, "/missing") {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cache := filepath.Join(t.TempDir(), "links.json")
	c := newClock()
	all := uses(srv.URL+"/a", srv.URL+"/b", srv.URL+"/missing")
	run := func() *Report {
		rep := &Report{}
		if err := c.external(External{Cache: cache, MaxAge: time.Hour}).check(context.Background(), all, rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	run()
	if asked != 3 {
		t.Fatalf("first run asked %d times, want 3", asked)
	}
	asked = 0
	rep := run()
	if asked != 1 || rep.Cached != 2 || len(rep.Problems) != 1 {
		t.Errorf("second run asked %d times with %d cached and %d problems; want the broken link asked again alone, the good ones from the cache", asked, rep.Cached, len(rep.Problems))
	}
	c.t = c.t.Add(2 * time.Hour)
	asked = 0
	if rep := run(); asked != 3 || rep.Cached != 0 {
		t.Errorf("after the cache's age a run asked %d times with %d cached; want every link asked again", asked, rep.Cached)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "0": 0, "": time.Second, "soon": time.Second,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
