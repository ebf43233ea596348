package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSubPathSiteCrawls builds the sample site for a sub-path, serves it
// there with a real HTTP server, as GitHub Pages serves a project site, and
// follows every link, stylesheet, image, srcset, feed, sitemap and
// robots.txt URL: each must answer 200. Nothing is served outside the
// sub-path, so a URL that lost the path fails.
func TestSubPathSiteCrawls(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and crawls the sample site; -short skips it")
	}
	out := filepath.Join(t.TempDir(), "public")
	mux := http.NewServeMux()
	mux.Handle("/writing-well/", http.StripPrefix("/writing-well", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base := srv.URL + "/writing-well/"
	if r := runCLI("build", "-q", "-s", "../..", "-o", out, "--base-url", base); r.code != 0 {
		t.Fatalf("build: %d\n%s", r.code, r.stderr)
	}
	seen := map[string]string{} // URL → the page that first linked it
	queue := []string{base, base + "robots.txt", base + "sitemap.xml", base + "404.html"}
	for _, q := range queue {
		seen[q] = "(start)"
	}
	fetched := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fetched++
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s (linked from %s): %s", u, seen[u], resp.Status)
			continue
		}
		for _, link := range crawlLinks(t, u, resp.Header.Get("Content-Type"), body) {
			if !strings.HasPrefix(link, srv.URL+"/") {
				if strings.Contains(link, "127.0.0.1") {
					t.Errorf("%s links %s, on this host but outside the site", u, link)
				}
				continue
			}
			if _, ok := seen[link]; !ok {
				seen[link] = u
				queue = append(queue, link)
			}
		}
	}
	if fetched < 40 {
		t.Errorf("crawled only %d URLs; the sample site has more", fetched)
	}
	if r := runCLI("check", "-o", out, "-s", "../..", "--base-url", base); r.code != 0 {
		t.Errorf("folio check of the site built for a sub-path: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// crawlLinks lists the absolute URLs, fragments cut, that a fetched file
// refers to: HTML attributes and srcsets, Atom links and sitemap locs,
// robots.txt's Sitemap line.
func crawlLinks(t *testing.T, page, ctype string, body []byte) []string {
	base, _ := url.Parse(page)
	var raw []string
	switch {
	case strings.HasPrefix(ctype, "text/html"):
		z := html.NewTokenizer(bytes.NewReader(body))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			for _, a := range tok.Attr {
				switch {
				case a.Key == "href" || a.Key == "src" || a.Key == "poster":
					raw = append(raw, a.Val)
				case a.Key == "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							raw = append(raw, f[0])
						}
					}
				case a.Key == "content" && tok.Data == "meta" && strings.HasPrefix(a.Val, "http"):
					raw = append(raw, a.Val)
				}
			}
		}
	case strings.Contains(ctype, "xml"):
		dec := xml.NewDecoder(bytes.NewReader(body))
		inLoc := false
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch el := tok.(type) {
			case xml.StartElement:
				inLoc = el.Name.Local == "loc"
				for _, a := range el.Attr {
					if a.Name.Local == "href" {
						raw = append(raw, a.Value)
					}
				}
			case xml.CharData:
				if inLoc {
					raw = append(raw, strings.TrimSpace(string(el)))
				}
			case xml.EndElement:
				inLoc = false
			}
		}
	case strings.HasPrefix(ctype, "text/plain"):
		for _, l := range strings.Split(string(body), "\n") {
			if v, ok := strings.CutPrefix(l, "Sitemap: "); ok {
				raw = append(raw, v)
			}
		}
	}
	var out []string
	for _, r := range raw {
		u, err := url.Parse(strings.TrimSpace(r))
		if err != nil {
			t.Errorf("%s: bad URL %q", page, r)
			continue
		}
		if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			continue
		}
		abs := base.ResolveReference(u)
		abs.Fragment = ""
		out = append(out, abs.String())
	}
	return out
}

func TestCheckCommand(t *testing.T) {
	files := map[string]string{}
	for k, v := range goodSite {
		files[k] = v
	}
	files["folio.yaml"] = "title: CLI\nbase_url: https://cli.example.org/docs/\nunsafe_html: true\n"
	if r := runCLI("check", "-s", writeSite(t, files)); r.code != 0 || !strings.Contains(r.stdout, "no problems") {
		t.Fatalf("check of a good site: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The build checks a raw HTML link as it does a Markdown one; an
	// absolute URL of the site itself is left to folio check.
	files["content/about.md"] = "---\ntitle: About\n---\nMe.\n\n<p>See <a href=\"https://cli.example.org/docs/old/\">the old page</a>.</p>\n"
	r := runCLI("check", "-s", writeSite(t, files))
	want := `error: content/about.md:6 (in about/index.html)`
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, `link "https://cli.example.org/docs/old/": no such file in the output (old/)`) || !strings.Contains(r.stdout, "1 problem") {
		t.Errorf("check of a broken raw HTML link: %d\nstdout: %s\nstderr: %s\nwant an error at %s", r.code, r.stdout, r.stderr, want)
	}
	// A layout's broken link escapes the build's own link checks (those of
	// Markdown and raw HTML); folio check finds it on every page.
	files["content/about.md"] = goodSite["content/about.md"]
	files["layouts/partials/footer.html"] = `{{define "footer"}}<footer><a href="{{url "/old/"}}">old</a></footer>{{end}}`
	r = runCLI("check", "-s", writeSite(t, files))
	want = `error: content/about.md (in about/index.html:`
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, `link "/docs/old/": no such file in the output (old/)`) || !strings.Contains(r.stdout, "problems") {
		t.Errorf("check of a broken link in a layout: %d\nstdout: %s\nstderr: %s\nwant an error at %s", r.code, r.stdout, r.stderr, want)
	}
	if r := runCLI("check", "-o", filepath.Join(t.TempDir(), "none")); r.code != 2 || !strings.Contains(r.stderr, "is not a folder") {
		t.Errorf("check -o of a missing folder: %d %s", r.code, r.stderr)
	}
}

// TestCheckBuiltFolderUnderItsOwnBase: an output built with --base-url
// (here a sub-path folio.yaml does not name) is checked against the base it
// was built for, not folio.yaml's, so its links are not all "missing".
func TestCheckBuiltFolderUnderItsOwnBase(t *testing.T) {
	files := maps.Clone(goodSite)
	files["folio.yaml"] = "title: CLI\nbase_url: https://cli.example.org/\nunsafe_html: true\n"
	site := writeSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	if r := runCLI("build", "-q", "-s", site, "-o", out, "--base-url", "https://ada.github.io/writing-well/"); r.code != 0 {
		t.Fatalf("build: %d %s", r.code, r.stderr)
	}
	r := runCLI("check", "-s", site, "-o", out)
	if r.code != 0 || !strings.Contains(r.stdout, "no problems") || !strings.Contains(r.stdout, "was built for https://ada.github.io/writing-well/") {
		t.Errorf("check -o of a sub-path build: %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	// Outside the site folder (no folio.yaml names a base) the folder is
	// checked as built, without a word about folio.yaml.
	r = runCLI("check", "-s", t.TempDir(), "-o", out)
	if r.code != 0 || !strings.Contains(r.stdout, "no problems") || strings.Contains(r.stdout, "folio.yaml") {
		t.Errorf("check -o outside the site: %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	// --base-url still decides when given: the wrong one finds every
	// root-relative link broken.
	if r := runCLI("check", "-s", site, "-o", out, "--base-url", "https://cli.example.org/"); r.code != 1 {
		t.Errorf("check -o with another --base-url: %d, want 1\n%s", r.code, r.stdout)
	}
}
