package server

import (
	"bytes"
	"html"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// contentTypes fixes the types of the files a site is made of, so that the
// answer does not depend on the /etc/mime.types of the machine.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".xml":         "application/xml",
	".rss":         "application/rss+xml",
	".atom":        "application/atom+xml",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".pdf":         "application/pdf",
	".epub":        "application/epub+zip",
	".zip":         "application/zip",
	".webmanifest": "application/manifest+json",
	".wasm":        "application/wasm",
}

// contentType picks the type from the extension, then from the system table,
// and sniffs the content as a last resort.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func isHTML(ctype string) bool {
	return strings.HasPrefix(ctype, "text/html")
}

// cleanRequestPath accepts only paths that name something inside the
// snapshot by plain means: rooted, no empty, "." or ".." elements, no
// backslash, no NUL. net/http has already decoded %2e and %2f, so encoded
// traversal arrives here as a ".." element and is refused. Refusing instead
// of cleaning also rules out "//host" open redirects.
func cleanRequestPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	elems := strings.Split(p[1:], "/")
	for i, e := range elems {
		last := i == len(elems)-1
		if (e == "" && !last) || e == "." || e == ".." {
			return "", false
		}
	}
	return p, true
}

// serveSite answers a page or asset request from one snapshot.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	urlPath, ok := cleanRequestPath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request: the path must be a plain site path without '..', '.', '//', '\\' or NUL", http.StatusBadRequest)
		return
	}
	snap := s.snap.Load()
	w.Header().Set("X-Folio-Version", strconv.FormatUint(snap.version, 10))
	found := snap.resolve(urlPath)
	switch {
	case found.location != "":
		target := found.location
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", target)
		w.WriteHeader(found.status)
	case found.entry == nil:
		page := notFoundPage(urlPath)
		writeHTML(w, r, found.status, injectScript(page, pageTag{styles: snap.styles}))
	default:
		serveEntry(w, r, found, snap.styles)
	}
}

func serveEntry(w http.ResponseWriter, r *http.Request, found lookup, styles string) {
	data := found.entry.data
	ctype := contentType(found.file, data)
	if isHTML(ctype) {
		writeHTML(w, r, found.status, pageBody(found, styles))
		return
	}
	w.Header().Set("Content-Type", ctype)
	if found.status != http.StatusOK {
		w.Header().Set("Cache-Control", "no-store")
		writeBody(w, r, found.status, data)
		return
	}
	// no-cache (not no-store) lets the browser revalidate assets cheaply
	// with the ETag while still always seeing the newest snapshot.
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", `"`+found.entry.etag+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// pageBody is an HTML file as served: with the live script's tag.
func pageBody(found lookup, styles string) []byte {
	tag := pageTag{etag: found.entry.etag, file: urlForFile(found.file), styles: styles}
	return injectScript(found.entry.data, tag)
}

// changedPage is the body a request for urlPath gets from next, when that
// is an HTML page served with 200 and not the one prev served; nil
// otherwise.
func changedPage(prev, next *snapshot, urlPath string) []byte {
	found := next.resolve(urlPath)
	if found.status != http.StatusOK || found.entry == nil || !isHTML(contentType(found.file, found.entry.data)) {
		return nil
	}
	if prev.resolve(urlPath).entry == found.entry {
		return nil
	}
	return pageBody(found, next.styles)
}

func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// no-store: a reload must never show a cached page (mdBook#1097).
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, r, status, body)
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// pageTag is what the injected script learns about the page it runs in.
type pageTag struct {
	// etag identifies the served file's content, so that after a reconnect
	// the script can ask whether the page went stale; "" for none.
	etag string
	// file is the URL of the file served, which differs from the address bar
	// when a missing page is answered with 404.html.
	file string
	// styles is the stylesheet fingerprint of the snapshot served from.
	styles string
}

func (p pageTag) String() string {
	return `<script src="` + scriptPath + `" data-etag="` + html.EscapeString(p.etag) +
		`" data-file="` + html.EscapeString(p.file) + `" data-styles="` + html.EscapeString(p.styles) + `"></script>`
}

// injectScript returns a copy of page with the script tag before the last
// </body>, or at the end when the page has none.
func injectScript(page []byte, p pageTag) []byte {
	tag := p.String()
	at := lastIndexFold(page, []byte("</body"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex with ASCII case folding, so "</BODY>"
// is found too.
func lastIndexFold(s, sub []byte) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// notFoundPage is served for a miss when the site has no 404.html. It is an
// HTML page so that it carries the script: when the author creates the
// missing page, the browser sees it appear.
func notFoundPage(urlPath string) []byte {
	return []byte("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n" +
		"<body><h1>404 Not found</h1><p><code>" + html.EscapeString(urlPath) +
		"</code> is not in the site. This page reloads when it appears.</p></body></html>\n")
}
