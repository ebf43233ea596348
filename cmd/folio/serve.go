package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/server"
	"folio/internal/watch"
)

// defaultPort is folio serve's port unless --port says otherwise.
const defaultPort = 4242

// serveFlags are the settings of one folio serve.
type serveFlags struct {
	source, bind             string
	port                     int
	poll, navigate, noDrafts bool
}

func runServe(args []string, stdout, stderr io.Writer) int {
	var f serveFlags
	fs := newFlagSet("serve", "Builds the site in memory and serves it with live reload: every save shows in the browser,\n"+
		"in place, in tens of milliseconds. Drafts and future posts are included and marked. Ctrl-C stops.", stderr)
	fs.StringVar(&f.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/)")
	fs.IntVar(&f.port, "port", defaultPort, "the `port` to serve on; 0 picks a free one")
	fs.StringVar(&f.bind, "bind", "127.0.0.1", "the `address` to listen on; anything but loopback lets other machines see the preview")
	fs.BoolVar(&f.poll, "poll", false, "find changes by polling the files instead of by file system events (WSL, Docker, network drives)")
	fs.BoolVar(&f.navigate, "navigate", false, "take the browser to the page whose source was just saved")
	fs.BoolVar(&f.noDrafts, "no-drafts", false, "leave out drafts and future posts, as folio build does")
	if exit, ok := parseFlags(fs, args, stdout); !ok {
		return exit
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, f, stdout, stderr, nil); err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return 1
	}
	return 0
}

// serve runs the preview until ctx is done: it composes the build session,
// the watcher and the server, which know nothing of each other. ready, when
// set, is told the URL once the first build's pages are served (tests and
// benchmarks wait on it).
func serve(ctx context.Context, f serveFlags, stdout, stderr io.Writer, ready func(url string)) error {
	root, err := filepath.Abs(f.source)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(filepath.Join(root, content.ContentDir)); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s has no content/ folder; run folio serve in a site folder or pass -s with one", root)
	}
	ln, url, err := listen(f, stderr)
	if err != nil {
		return err
	}
	session, err := build.NewSession(build.Options{Source: root, BaseURL: url, Drafts: !f.noDrafts, Future: !f.noDrafts})
	if err != nil {
		ln.Close()
		return err
	}
	p := &preview{session: session, out: stdout, srv: server.New(server.Options{Navigate: f.navigate}), images: make(chan struct{}, 1)}
	p.gate = newGate(p.srv.Handler())
	hs := &http.Server{Handler: p.gate, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	defer p.stop(hs, served)
	// The watcher starts before the first build, so that a save made while
	// it runs is built next rather than missed.
	w, err := watch.New(watch.Options{Roots: watchRoots(root), Poll: f.poll,
		Logf: func(format string, args ...any) { fmt.Fprintf(stderr, "folio serve: "+format+"\n", args...) }})
	if err != nil {
		return err
	}
	defer w.Close()
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C stops)\n", root, url)
	p.rebuild(nil, func() {
		if ready != nil {
			ready(url)
		}
	})
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return fmt.Errorf("serving %s: %w", url, err)
		case <-p.images:
			p.refresh()
		case batch, ok := <-w.Batches():
			if !ok {
				return nil
			}
			paths := make([]string, len(batch))
			for i, c := range batch {
				paths[i] = c.Path
			}
			p.rebuild(paths, nil)
		}
	}
}

// listen opens the port and works out the site's address, which the build
// uses as its base URL (feeds and share cards need absolute URLs).
func listen(f serveFlags, stderr io.Writer) (net.Listener, string, error) {
	addr := net.JoinHostPort(f.bind, strconv.Itoa(f.port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, "", fmt.Errorf("port %d on %s is in use, perhaps by another folio serve; stop that, or pick another port with --port (--port 0 takes any free one)", f.port, f.bind)
	}
	if err != nil {
		return nil, "", fmt.Errorf("listen on %s: %w", addr, err)
	}
	host := f.bind
	ip := net.ParseIP(host)
	switch {
	case host == "localhost" || ip != nil && ip.IsLoopback():
	case ip != nil && ip.IsUnspecified():
		host = "127.0.0.1"
		fallthrough
	default:
		fmt.Fprintf(stderr, "warning: --bind %s serves the preview, drafts included, to other machines on the network; use it only on a network you trust\n", f.bind)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	return ln, "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/", nil
}

func watchRoots(root string) []string {
	var roots []string
	for _, r := range []string{content.ContentDir, "layouts", "static", "folio.yaml"} {
		roots = append(roots, filepath.Join(root, r))
	}
	return roots
}

// preview holds what one folio serve runs.
type preview struct {
	session *build.Session
	srv     *server.Server
	gate    *gate
	out     io.Writer
	// images is told when image variants the pages wait for are ready.
	images chan struct{}
}

// rebuild builds what changed, publishes it (and then calls published,
// when set), prints one line, and redoes the files made of a whole book
// (print edition, EPUB), which requests for them wait for.
func (p *preview) rebuild(paths []string, published func()) {
	up, err := p.session.Build(paths)
	if paths != nil && len(up.Sources) == 0 {
		return // saved without a change, or only an editor's temporary file
	}
	p.show(up, err, published)
}

// refresh builds again once image variants are ready, so that pages that
// showed the originals meanwhile show them; the browser reloads.
func (p *preview) refresh() {
	up, err := p.session.Refresh()
	if up != nil {
		p.show(up, err, nil)
	}
}

// show publishes a build (or its errors), finishes the whole-book files
// and starts making the image variants its pages wait for.
func (p *preview) show(up *build.Update, err error, published func()) {
	defer p.session.ProcessImages(func() {
		select {
		case p.images <- struct{}{}:
		default: // a refresh is due already
		}
	})
	if err != nil {
		p.failed(up, err)
		if published != nil {
			published()
		}
		return
	}
	release := func() {}
	if len(up.Pending) > 0 {
		// Held before the pages go out, so that no request for them gets
		// the version from before the edit.
		release = p.gate.hold(up.Pending)
	}
	p.srv.Publish(up.Files, up.Edited)
	if published != nil {
		published()
	}
	fmt.Fprintln(p.out, up.Line())
	if len(up.Pending) == 0 {
		return
	}
	done, err := p.session.Complete()
	if err != nil {
		release()
		p.failed(done, err)
		return
	}
	p.srv.Publish(done.Files, nil)
	release()
	fmt.Fprintf(p.out, "  then %s in %d ms\n", strings.Join(up.Pending, " and "), done.Elapsed.Milliseconds())
}

// failed shows a failed build in the terminal and over the last good page
// in every browser, each problem with its file, line and source line.
func (p *preview) failed(up *build.Update, err error) {
	errs := content.Flatten(err)
	shown := make([]server.BuildError, len(errs))
	for i, e := range errs {
		shown[i] = server.BuildError{File: e.File, Line: e.Line, Message: e.Message, Source: p.session.SourceLine(e.File, e.Line)}
	}
	p.srv.PublishError(shown)
	what := "build"
	if up != nil {
		what = up.What()
	}
	fmt.Fprintf(p.out, "%s: build failed with %d %s; the browser shows %s over the last good page\n",
		what, len(errs), plural(len(errs), "error", "errors"), plural(len(errs), "it", "them"))
	printProblems(p.out, err)
}

// stop ends the event streams so that Shutdown need not wait for them,
// then lets requests under way finish.
func (p *preview) stop(hs *http.Server, served chan error) {
	p.srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = hs.Shutdown(ctx)
	<-served
}
