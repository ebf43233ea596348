package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const chapterPath = "/book/part-1-the-relationship/partnership/"

// TestServeEdit follows one save from the disk to the served page: the
// browser's event stream hears of it once the build is published, and the
// page it then fetches has the new text. The terminal gets one line.
func TestServeEdit(t *testing.T) {
	dir := copySample(t)
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	if _, body := r.get(chapterPath); !strings.Contains(body, `src="/_folio/live.js"`) {
		t.Fatalf("the chapter was not served with the preview script:\n%.300s", body)
	}
	ev := r.events(chapterPath)
	ev.waitFor(t, "hello", "")
	file := filepath.Join(dir, "content/book/part-1-the-relationship/partnership.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	saveLikeVim(t, file, []byte(strings.Replace(string(src), "\n## ", "\nA sentence saved by TestServeEdit.\n\n## ", 1)))
	ev.waitFor(t, "change", `"`+chapterPath+`"`)
	if _, body := r.get(chapterPath); !strings.Contains(body, "A sentence saved by TestServeEdit.") {
		t.Errorf("after the change event the chapter does not show the saved text")
	}
	r.out.waitFor(t, "content/book/part-1-the-relationship/partnership.md changed: ")
}

// serveAbout serves a copy of the sample site, and returns the event
// stream of its about page once it has said hello, and that page's file
// and source.
func serveAbout(t *testing.T) (*running, *events, string, []byte) {
	t.Helper()
	dir := copySample(t)
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	ev := r.events("/about/")
	ev.waitFor(t, "hello", "")
	file := filepath.Join(dir, "content/about.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return r, ev, file, src
}

// TestServeBuildError checks what a browser learns of a broken save: the
// file, the line, the message and the line as written; and that fixing it
// clears the error.
func TestServeBuildError(t *testing.T) {
	r, ev, file, src := serveAbout(t)
	saveLikeVim(t, file, []byte(strings.Replace(string(src), "title:", "title: [unclosed", 1)))
	ev.waitFor(t, "build-error", "content/about.md")
	var state struct {
		Errors []struct {
			File, Message, Source string
			Line                  int
		}
	}
	_, body := r.get("/_folio/version?path=/about/")
	if err := json.Unmarshal([]byte(body), &state); err != nil {
		t.Fatal(err)
	}
	if len(state.Errors) != 1 || state.Errors[0].File != "content/about.md" || state.Errors[0].Line != 2 ||
		!strings.Contains(state.Errors[0].Source, "title: [unclosed") {
		t.Fatalf("errors shown to the browser: %+v", state.Errors)
	}
	r.out.waitFor(t, "error: content/about.md:2:")
	r.out.waitFor(t, "content/about.md changed: build failed with an error; the browser shows it over the last good page\n")
	saveLikeVim(t, file, src)
	ev.waitFor(t, "change", "")
	if _, body := r.get("/_folio/version?path=/about/"); !strings.Contains(body, `"errors":[]`) {
		t.Errorf("the error is still shown after the fix: %s", body)
	}
}

// TestServeBuildErrorShowsWarnings checks that a failed build's warnings
// reach the author with its errors, in the terminal and in the browser, as
// folio build prints them: here a Liquid tag left as written beside a
// broken link. The edit is to a body only, so the preview's fast path
// builds it; a change to the front matter too takes the whole build.
func TestServeBuildErrorShowsWarnings(t *testing.T) {
	r, ev, file, src := serveAbout(t)
	broken := string(src) + "\nA note {% include note.html %} and a [broken link](missing.md).\n"
	line := strings.Count(broken, "\n") // the last line
	for _, edit := range []struct{ name, text string }{
		{"body", broken},
		{"front matter and body", strings.Replace(broken, `title: "About"`, `title: "About me"`, 1)},
	} {
		t.Run(edit.name, func(t *testing.T) {
			saveLikeVim(t, file, []byte(edit.text))
			e := ev.waitFor(t, "build-error", "missing.md")
			var shown struct {
				Errors, Warnings []struct {
					File, Message, Source string
					Line                  int
				}
			}
			if err := json.Unmarshal([]byte(e.data), &shown); err != nil {
				t.Fatal(err)
			}
			if len(shown.Errors) != 1 || len(shown.Warnings) != 1 || shown.Warnings[0].File != "content/about.md" ||
				shown.Warnings[0].Line != line || !strings.Contains(shown.Warnings[0].Message, "Liquid tag {% include note.html %} is not run") ||
				!strings.Contains(shown.Warnings[0].Source, "A note {% include") {
				t.Fatalf("shown to the browser: %+v", shown)
			}
			r.out.waitFor(t, fmt.Sprintf("content/about.md changed: build failed with an error and a warning; the browser shows them over the last good page\n"+
				"error: content/about.md:%d: link \"missing.md\"", line))
			r.out.waitFor(t, fmt.Sprintf("warning: content/about.md:%d: Liquid tag {%% include note.html %%} is not run", line))
			_, body := r.get("/_folio/version?path=/about/")
			if !strings.Contains(body, `"warnings":[{"file":"content/about.md"`) {
				t.Errorf("a browser opened now is not shown the warning: %s", body)
			}
			saveLikeVim(t, file, src)
			ev.waitFor(t, "change", "")
			if _, body := r.get("/_folio/version?path=/about/"); !strings.Contains(body, `"errors":[],"warnings":[]`) {
				t.Errorf("the error or warning is still shown after the fix: %s", body)
			}
		})
	}
}

// TestServeFirstBuildFails: a site that does not build when folio serve
// starts shows its problems over the not-found page, and says so without
// speaking of a last good page; the fix builds it.
func TestServeFirstBuildFails(t *testing.T) {
	dir := copySample(t)
	file := filepath.Join(dir, "content/about.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(slices.Clone(src), "\nA note {% include note.html %} and a [broken link](missing.md).\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	r.out.waitFor(t, "the site did not build: an error and a warning; the browser shows them\nerror: content/about.md:")
	if code, body := r.get("/about/"); code != 404 || !strings.Contains(body, "/_folio/live.js") {
		t.Errorf("before a good build /about/ answers %d:\n%s", code, body)
	}
	if _, body := r.get("/_folio/version?path=/about/"); !strings.Contains(body, `"warnings":[{"file":"content/about.md"`) {
		t.Errorf("the browser is not shown the warning: %s", body)
	}
	ev := r.events("/about/")
	ev.waitFor(t, "hello", "missing.md")
	saveLikeVim(t, file, src)
	ev.waitFor(t, "change", "")
	r.out.waitFor(t, "content/about.md changed: ")
}

// TestServeWarnsOnce checks that a good build prints the warnings it
// brought (without -v too): the save that put a Liquid tag in a page says
// so, the next save, which keeps it, does not say it again.
func TestServeWarnsOnce(t *testing.T) {
	r, _, file, src := serveAbout(t)
	tagged := string(src) + "\nA note {% include note.html %} here.\n"
	line := strings.Count(tagged, "\n")
	saveLikeVim(t, file, []byte(tagged))
	r.out.waitFor(t, fmt.Sprintf(" ms\n  warning: content/about.md:%d: Liquid tag {%% include note.html %%} is not run", line))
	// Two more saves: the terminal's line of the third comes after all
	// that the second printed.
	saveLikeVim(t, file, []byte(tagged+"\nOne more sentence.\n"))
	r.out.waitForN(t, "content/about.md changed: ", 2)
	saveLikeVim(t, file, []byte(tagged+"\nTwo more sentences.\n"))
	r.out.waitForN(t, "content/about.md changed: ", 3)
	if n := strings.Count(r.out.String(), "Liquid tag"); n != 1 {
		t.Errorf("the warning was printed %d times, want once:\n%s", n, r.out.String())
	}
}

// TestServeDraftsMarked checks that serve shows drafts and future posts
// with their badges, and that --no-drafts leaves them out as build does.
func TestServeDraftsMarked(t *testing.T) {
	site := map[string]string{}
	for k, v := range goodSite {
		site[k] = v
	}
	site["content/book/two.md"] = "---\ntitle: Two\ndraft: true\n---\nUnfinished.\n"
	site["content/colophon.md"] = "---\ntitle: Colophon\ndraft: true\n---\nSet in type.\n"
	site["content/blog/later.md"] = "---\ntitle: Later\ndate: 2999-01-01\n---\nNot yet.\n"
	dir := writeSite(t, site)
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	if _, body := r.get("/book/two/"); !strings.Contains(body, `<span class="badge">Draft</span>`) {
		t.Errorf("the draft chapter has no Draft badge")
	}
	if _, body := r.get("/blog/later/"); !strings.Contains(body, `<span class="badge">Scheduled</span>`) {
		t.Errorf("the future post has no Scheduled badge")
	}
	if _, body := r.get("/colophon/"); !strings.Contains(body, `<span class="badge">Draft</span>`) {
		t.Errorf("the draft page has no Draft badge")
	}
	r.stop()
	published := startServe(t, serveFlags{source: dir, bind: "127.0.0.1", noDrafts: true})
	for _, path := range []string{"/book/two/", "/blog/later/", "/colophon/"} {
		if code, _ := published.get(path); code != 404 {
			t.Errorf("with --no-drafts %s answers %d, want 404", path, code)
		}
	}
}

// TestServePortInUse checks the message for a port another program holds.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = serve(context.Background(), serveFlags{source: writeSite(t, goodSite), bind: "127.0.0.1", port: port}, newConsole(&lockedBuffer{}, &lockedBuffer{}), nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("port %d on 127.0.0.1 is in use", port)) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("serve on a port in use: %v", err)
	}
}

// TestServeBindWarning checks that serving beyond loopback says so, and
// that loopback does not.
func TestServeBindWarning(t *testing.T) {
	dir := writeSite(t, goodSite)
	for _, tc := range []struct {
		bind string
		warn bool
	}{{"127.0.0.1", false}, {"0.0.0.0", true}} {
		r := startServe(t, serveFlags{source: dir, bind: tc.bind})
		r.stop()
		if got := strings.Contains(r.out.String(), "warning: --bind"); got != tc.warn {
			t.Errorf("--bind %s: warning %v, want %v:\n%s", tc.bind, got, tc.warn, r.out)
		}
		if !strings.Contains(r.url, "127.0.0.1:") {
			t.Errorf("--bind %s: site address %s, want the loopback address", tc.bind, r.url)
		}
	}
}

// TestServeNeedsASite checks the message for a folder without content/.
func TestServeNeedsASite(t *testing.T) {
	res := runCLI("serve", "-s", t.TempDir(), "--port", "0")
	if res.code != 1 || !strings.Contains(res.stderr, "has no content/ folder") {
		t.Errorf("serve outside a site: %+v", res)
	}
}

// TestServeChecksHost sends real requests to folio serve with the Host
// header a browser would send for each name: the preview answers its own
// address, localhost and loopback IPs on its port, and refuses any other
// name (a DNS-rebinding page) with 403 and a line saying why. Bound to every
// address, it also answers IP addresses and the machine's host name.
func TestServeChecksHost(t *testing.T) {
	dir := writeSite(t, goodSite)
	hostname, _ := os.Hostname()
	for _, tc := range []struct {
		bind  string
		hosts map[string]int // %d is the port
	}{
		{"127.0.0.1", map[string]int{
			"127.0.0.1:%d": 200, "localhost:%d": 200, "LOCALHOST:%d": 200, "[::1]:%d": 200, "127.0.0.2:%d": 200,
			"attacker.example:%d": 403, "attacker.example": 403, "localhost:1%d": 403, "192.0.2.7:%d": 403,
			"127.0.0.1.attacker.example:%d": 403,
		}},
		{"0.0.0.0", map[string]int{
			"127.0.0.1:%d": 200, "192.0.2.7:%d": 200, "[2001:db8::1]:%d": 200, hostname + ":%d": 200,
			"attacker.example:%d": 403, "192.0.2.7:1%d": 403,
		}},
	} {
		r := startServe(t, serveFlags{source: dir, bind: tc.bind})
		addr := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
		_, port, _ := net.SplitHostPort(addr)
		for host, want := range tc.hosts {
			if strings.Contains(host, "%d") {
				host = strings.ReplaceAll(host, "%d", port)
			}
			for _, path := range []string{"/", "/_folio/version"} {
				req, err := http.NewRequest("GET", "http://"+addr+path, nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Host = host
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Errorf("--bind %s, Host %q, %s: status %d, want %d", tc.bind, host, path, resp.StatusCode, want)
				}
				if want == 403 && !strings.Contains(string(body), "DNS rebinding") {
					t.Errorf("--bind %s, Host %q: the refusal does not say why: %s", tc.bind, host, body)
				}
			}
		}
		r.stop()
	}
}
