package server

import (
	"bufio"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func siteFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":                  []byte("<!doctype html><html><body><h1>Home</h1></body></html>"),
		"blog/partnership/index.html": []byte("<html><body><p>Photo by Tom Crew</p></BODY></html>"),
		"css/site.css":                []byte("body { color: #123; } /* </body> */"),
		"book/x.epub":                 []byte("PK\x03\x04epub"),
		"feed.xml":                    []byte("<rss></rss>"),
		"img/cover.png":               []byte("\x89PNG\r\n\x1a\n"),
		"fragment.html":               []byte("<p>no body tag</p>"),
		"404.html":                    []byte("<html><body>custom not found</body></html>"),
		"CNAME":                       []byte("example.org\n"),
	}
}

func TestServeSnapshot(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	tests := []struct {
		method, path string
		status       int
		ctype        string
		body         string // substring, "" to skip
		location     string
		injected     bool
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<h1>Home</h1>", "", true},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "<h1>Home</h1>", "", true},
		{"GET", "/blog/partnership/", 200, "text/html; charset=utf-8", "Tom Crew", "", true},
		{"GET", "/blog/partnership", 302, "", "", "/blog/partnership/", false},
		{"GET", "/blog/partnership?utm=x", 302, "", "", "/blog/partnership/?utm=x", false},
		{"GET", "/css/site.css", 200, "text/css; charset=utf-8", "body { color: #123; } /* </body> */", "", false},
		{"GET", "/book/x.epub", 200, "application/epub+zip", "PK\x03\x04epub", "", false},
		{"GET", "/feed.xml", 200, "application/xml", "<rss></rss>", "", false},
		{"GET", "/img/cover.png", 200, "image/png", "", "", false},
		{"GET", "/CNAME", 200, "text/plain; charset=utf-8", "example.org", "", false},
		{"GET", "/fragment.html", 200, "text/html; charset=utf-8", "<p>no body tag</p><script", "", true},
		{"GET", "/missing/", 404, "text/html; charset=utf-8", "custom not found", "", true},
		{"GET", "/blog/", 404, "text/html; charset=utf-8", "custom not found", "", true},
		{"GET", "/css/site.css/", 404, "text/html; charset=utf-8", "custom not found", "", true},
		{"HEAD", "/", 200, "text/html; charset=utf-8", "", "", false},
		{"POST", "/", 405, "", "", "", false},
		{"PUT", "/css/site.css", 405, "", "", "", false},
		{"DELETE", eventsPath, 405, "", "", "", false},
		{"OPTIONS", "/", 405, "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp, body := fetch(t, tt.method, ts.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; body %q", resp.StatusCode, tt.status, body)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if got := strings.Contains(body, scriptPath); got != tt.injected {
				t.Errorf("script injected = %v, want %v; body %q", got, tt.injected, body)
			}
			if tt.status == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q, want \"GET, HEAD\"", resp.Header.Get("Allow"))
			}
			if tt.injected && resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("HTML Cache-Control %q, want no-store", resp.Header.Get("Cache-Control"))
			}
		})
	}
}

func TestHeadMatchesGet(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	for _, p := range []string{"/", "/css/site.css", "/missing/"} {
		get, getBody := fetch(t, "GET", ts.URL+p)
		head, headBody := fetch(t, "HEAD", ts.URL+p)
		if headBody != "" {
			t.Errorf("HEAD %s returned a body", p)
		}
		if head.StatusCode != get.StatusCode || head.Header.Get("Content-Length") != strconv.Itoa(len(getBody)) {
			t.Errorf("HEAD %s: status %d length %s; GET: status %d length %d",
				p, head.StatusCode, head.Header.Get("Content-Length"), get.StatusCode, len(getBody))
		}
	}
}

func TestBuiltInNotFoundCarriesScript(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(map[string][]byte{"index.html": []byte("<p>home</p>")}, nil)
	resp, body := fetch(t, "GET", ts.URL+"/chapter-<two>/")
	if resp.StatusCode != 404 {
		t.Fatalf("status %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(body, "/chapter-&lt;two&gt;/") || strings.Contains(body, "<two>") {
		t.Errorf("404 page does not show the escaped path: %q", body)
	}
	if injectedETag(t, body) != "" {
		t.Errorf("built-in 404 page has an etag; a missing page must have none")
	}
}

func TestAssetsRevalidateWithETag(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	s.Publish(siteFiles(), nil)
	resp, _ := fetch(t, "GET", ts.URL+"/css/site.css")
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("css ETag %q Cache-Control %q", etag, resp.Header.Get("Cache-Control"))
	}
	req, _ := http.NewRequest("GET", ts.URL+"/css/site.css", nil)
	req.Header.Set("If-None-Match", etag)
	again, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET status %d, want 304", again.StatusCode)
	}
}

func TestInjectScript(t *testing.T) {
	p := pageTag{etag: "e1", file: "/x/", styles: "s1"}
	tag := p.String()
	tests := []struct{ name, page, want string }{
		{"before body", "<html><body>x</body></html>", "<html><body>x" + tag + "</body></html>"},
		{"upper case", "<BODY>x</BODY>", "<BODY>x" + tag + "</BODY>"},
		{"last body wins", "<body><pre>&lt;/body&gt; </body> in text</pre></body>", "<body><pre>&lt;/body&gt; </body> in text</pre>" + tag + "</body>"},
		{"no body", "<p>fragment</p>", "<p>fragment</p>" + tag},
		{"empty", "", tag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := []byte(tt.page)
			got := string(injectScript(page, p))
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if string(page) != tt.page {
				t.Errorf("injectScript modified its input")
			}
		})
	}
	if got := (pageTag{etag: `"><script>`, file: "/a&b/"}).String(); strings.Contains(got, `"><script>`) || !strings.Contains(got, "/a&amp;b/") {
		t.Errorf("pageTag does not escape attributes: %s", got)
	}
}

// TestNothingOutsideSnapshot sends hostile request targets byte for byte
// over a raw connection, from a working directory holding a real secret
// file, and checks each is refused and never answers with the file.
func TestNothingOutsideSnapshot(t *testing.T) {
	dir := t.TempDir()
	const secret = "TOP-SECRET-ON-DISK"
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	s, ts := newTestServer(t, Options{})
	s.Publish(map[string][]byte{"a/index.html": []byte("<p>a</p>")}, nil)
	abs := filepath.ToSlash(filepath.Join(dir, "secret.txt"))
	targets := map[string]int{
		"/secret.txt":                       404,
		"/%2e%2e/secret.txt":                400,
		"/%2E%2E/secret.txt":                400,
		"/..%2fsecret.txt":                  400,
		"/a/..%2f..%2fsecret.txt":           400,
		"/a/%2e%2e/%2e%2e/secret.txt":       400,
		"/../secret.txt":                    400,
		"/./secret.txt":                     400,
		"/a/./":                             400,
		"//secret.txt":                      400,
		"//evil.example/a":                  400,
		"/a//":                              400,
		"/%5c..%5csecret.txt":               400,
		"/a\\..\\secret.txt":                400,
		"/secret.txt%00":                    400,
		"/secret.txt%00.html":               400,
		abs:                                 404,
		"/etc/passwd":                       404,
		"/C:%5Csecret.txt":                  400,
		"http://evil.example/../secret.txt": 403, // the absolute form names the host: not this preview
	}
	for target, want := range targets {
		t.Run(target, func(t *testing.T) {
			status, body := rawGet(t, ts.Listener.Addr().String(), target)
			if status != want {
				t.Errorf("status %d, want %d", status, want)
			}
			if strings.Contains(body, secret) {
				t.Errorf("response contains the file on disk")
			}
		})
	}
}

// rawGet writes a request line exactly as given, bypassing the client's
// URL handling.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading response: %v", err)
	}
	defer resp.Body.Close()
	var sb strings.Builder
	if _, err := bufio.NewReader(resp.Body).WriteTo(&sb); err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp.StatusCode, sb.String()
}

// TestPackageCannotReadDisk backs the claim that the handler has no file
// system behind it: no non-test file of the package imports one.
func TestPackageCannotReadDisk(t *testing.T) {
	forbidden := map[string]bool{`"os"`: true, `"path/filepath"`: true, `"io/ioutil"`: true, `"syscall"`: true}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if forbidden[imp.Path.Value] {
				t.Errorf("%s imports %s; the server must only serve published snapshots", name, imp.Path.Value)
			}
		}
		checked++
	}
	if checked < 4 {
		t.Fatalf("checked %d files; is the test running in the package directory?", checked)
	}
}

func TestCleanRequestPath(t *testing.T) {
	good := []string{"/", "/a", "/a/", "/a/b.css", "/é/ü/", "/a..b/", "/.well-known/x"}
	bad := []string{"", "a", "/..", "/../", "/a/..", "/.", "//", "/a//b", "/a\\b", "/a\x00"}
	for _, p := range good {
		if _, ok := cleanRequestPath(p); !ok {
			t.Errorf("cleanRequestPath(%q) refused", p)
		}
	}
	for _, p := range bad {
		if _, ok := cleanRequestPath(p); ok {
			t.Errorf("cleanRequestPath(%q) accepted", p)
		}
	}
}
