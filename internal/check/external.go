package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"

	"folio/internal/workpool"
)

// External configures the checking of links to other sites: each distinct
// URL is fetched once, several at a time but never more than PerHost at
// once from one host; a request that times out or fails with a server
// error is retried with a growing pause; a 429 answer is retried after
// the Retry-After it names, and holds back every request to that host
// meanwhile. Good answers are kept in a cache file for MaxAge, so a
// second run asks only about new or failing links.
type External struct {
	Enabled bool
	// Client makes the requests; nil means a client of its own.
	Client *http.Client
	// Workers is the number of requests under way at once (default 8);
	// PerHost the most of those to one host (default 2).
	Workers, PerHost int
	// Timeout bounds one attempt (default 15s); Retries is the number of
	// further attempts after a timeout, a network error or a 5xx (default 2).
	Timeout time.Duration
	Retries int
	// MaxRetryAfter is the longest Retry-After honoured (default 2m); a
	// host asking for a longer pause is reported as rate-limiting.
	MaxRetryAfter time.Duration
	// Cache is the file of remembered answers ("" keeps none); MaxAge how
	// long an answer is trusted (default 24h).
	Cache  string
	MaxAge time.Duration
	// UserAgent names the checker to the sites it asks.
	UserAgent string

	// sleep waits for d or until ctx is done; tests replace it to record
	// the pauses instead of taking them. now is the clock of the cache.
	sleep func(ctx context.Context, d time.Duration) error
	now   func() time.Time
}

func (e *External) defaults() {
	if e.Client == nil {
		e.Client = &http.Client{}
	}
	if e.Workers <= 0 {
		e.Workers = 8
	}
	if e.PerHost <= 0 {
		e.PerHost = 2
	}
	if e.Timeout <= 0 {
		e.Timeout = 15 * time.Second
	}
	if e.Retries < 0 {
		e.Retries = 0
	} else if e.Retries == 0 {
		e.Retries = 2
	}
	if e.MaxRetryAfter <= 0 {
		e.MaxRetryAfter = 2 * time.Minute
	}
	if e.MaxAge <= 0 {
		e.MaxAge = 24 * time.Hour
	}
	if e.UserAgent == "" {
		e.UserAgent = "folio-check (link checker of the folio static site generator)"
	}
	if e.sleep == nil {
		e.sleep = sleepCtx
	}
	if e.now == nil {
		e.now = time.Now
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// cacheEntry is one remembered good answer.
type cacheEntry struct {
	Status  int       `json:"status"`
	Checked time.Time `json:"checked"`
}

// host serialises what the checker owes one host: a slot per request it
// may have under way, and the time before which it asked not to be asked.
type host struct {
	slots     chan struct{}
	mu        sync.Mutex
	notBefore time.Time
}

// check fetches every external URL of uses and adds a problem per use of
// each broken one.
func (e External) check(ctx context.Context, uses map[string][]Problem, rep *Report) error {
	e.defaults()
	cache := e.loadCache()
	urls := make([]string, 0, len(uses))
	for u := range uses {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	rep.External = len(urls)
	var (
		mu    sync.Mutex
		hosts = map[string]*host{}
	)
	hostOf := func(h string) *host {
		mu.Lock()
		defer mu.Unlock()
		if hosts[h] == nil {
			hosts[h] = &host{slots: make(chan struct{}, e.PerHost)}
		}
		return hosts[h]
	}
	workpool.Each(e.Workers, urls, func(raw string) {
		mu.Lock() // other workers write the cache
		c, ok := cache[raw]
		fresh := ok && e.now().Sub(c.Checked) < e.MaxAge
		if fresh {
			rep.Cached++
		}
		mu.Unlock()
		if fresh {
			return
		}
		u, _ := url.Parse(raw)
		status, msg := e.fetch(ctx, hostOf(u.Host), raw)
		mu.Lock()
		if msg == "" {
			cache[raw] = cacheEntry{Status: status, Checked: e.now()}
		} else {
			delete(cache, raw)
			for _, use := range uses[raw] {
				use.Message = msg
				rep.Problems = append(rep.Problems, use)
			}
		}
		mu.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return e.saveCache(cache)
}

// fetch asks for one URL until it has an answer, and says what is wrong
// with it ("" for nothing) along with the final status.
func (e External) fetch(ctx context.Context, h *host, raw string) (int, string) {
	var last string
	limited := 0
	for attempt := 0; attempt <= e.Retries; {
		if err := e.waitHost(ctx, h); err != nil {
			return 0, err.Error()
		}
		status, retryAfter, err := e.attempt(ctx, h, raw)
		switch {
		case err != nil:
			last = err.Error()
			if errors.Is(err, context.DeadlineExceeded) {
				last = fmt.Sprintf("no answer within %s", e.Timeout)
			}
		case status == http.StatusTooManyRequests:
			limited++
			if retryAfter > e.MaxRetryAfter || limited > 5 {
				return status, fmt.Sprintf("the site keeps answering 429 Too Many Requests (Retry-After %s); check it later", retryAfter)
			}
			h.mu.Lock()
			if t := e.now().Add(retryAfter); t.After(h.notBefore) {
				h.notBefore = t
			}
			h.mu.Unlock()
			continue // a rate limit is not a failed attempt
		case status >= 500:
			last = fmt.Sprintf("the site answers %d %s", status, http.StatusText(status))
		case status >= 400:
			return status, fmt.Sprintf("the site answers %d %s", status, http.StatusText(status))
		default:
			return status, ""
		}
		attempt++
		if attempt <= e.Retries {
			if err := e.sleep(ctx, time.Duration(attempt)*500*time.Millisecond); err != nil {
				return 0, err.Error()
			}
		}
	}
	return 0, fmt.Sprintf("%s (tried %d times)", last, e.Retries+1)
}

// waitHost waits until the host's Retry-After has passed.
func (e External) waitHost(ctx context.Context, h *host) error {
	h.mu.Lock()
	d := h.notBefore.Sub(e.now())
	h.mu.Unlock()
	if d <= 0 {
		return nil
	}
	return e.sleep(ctx, d)
}

// attempt makes one request in one of the host's slots: HEAD, and GET when
// the site does not answer HEAD properly.
func (e External) attempt(ctx context.Context, h *host, raw string) (status int, retryAfter time.Duration, err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, 0, ctx.Err()
	}
	defer func() { <-h.slots }()
	for _, method := range []string{http.MethodHead, http.MethodGet} {
		status, retryAfter, err = e.request(ctx, method, raw)
		if err != nil || status < 400 || status == http.StatusTooManyRequests || status == http.StatusNotFound || status == http.StatusGone {
			return status, retryAfter, err
		}
	}
	return status, retryAfter, err
}

func (e External) request(ctx context.Context, method, raw string) (int, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, raw, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("User-Agent", e.UserAgent)
	resp, err := e.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, 0, ctx.Err()
		}
		return 0, 0, err
	}
	defer resp.Body.Close()
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	return resp.StatusCode, retryAfter(resp.Header.Get("Retry-After"), e.now()), nil
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date; one
// second when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return time.Second
}

func (e External) loadCache() map[string]cacheEntry {
	cache := map[string]cacheEntry{}
	if e.Cache == "" {
		return cache
	}
	data, err := os.ReadFile(e.Cache)
	if err == nil {
		_ = json.Unmarshal(data, &cache) // a damaged cache is an empty one
	}
	return cache
}

// saveCache writes the cache through a temporary file, so that a run
// stopped halfway leaves the previous cache whole.
func (e External) saveCache(cache map[string]cacheEntry) error {
	if e.Cache == "" {
		return nil
	}
	for u, c := range cache {
		if e.now().Sub(c.Checked) >= e.MaxAge {
			delete(cache, u)
		}
	}
	data, err := json.MarshalIndent(cache, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(e.Cache), 0o755); err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	tmp := e.Cache + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	if err := os.Rename(tmp, e.Cache); err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	return nil
}
