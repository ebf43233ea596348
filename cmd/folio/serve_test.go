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

// TestServeBuildError checks what a browser learns of a broken save: the
// file, the line, the message and the line as written; and that fixing it
// clears the error.
func TestServeBuildError(t *testing.T) {
	dir := copySample(t)
	r := startServe(t, serveFlags{source: dir, bind: "127.0.0.1"})
	ev := r.events("/about/")
	ev.waitFor(t, "hello", "")
	file := filepath.Join(dir, "content/about.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
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
