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
	"syscall"
	"time"

	"folio/internal/build"
	"folio/internal/content"
	"folio/internal/pdf"
	sitepreview "folio/internal/preview"
	"folio/internal/server"
	"folio/internal/sitefs"
	"folio/internal/sourcetree"
	"folio/internal/watch"
)

// defaultPort is folio serve's port unless --port says otherwise.
const defaultPort = 4242

// serveFlags are the settings of one folio serve.
type serveFlags struct {
	source, bind                     string
	port                             int
	poll, navigate, follow, noDrafts bool
	// trace, when set, hears each step of a rebuild as it ends (batch:
	// the watcher's batch arrived; built; published); the browser
	// benchmarks use it to split save → screen into parts.
	trace func(step string)
	// listening, when set, is told the URL as soon as the server listens,
	// before the first build (BenchmarkServeStart10000).
	listening func(url string)
	// clock, when set, stands for the wall clock: the present and the
	// timer of scheduled posts (tests move it by hand).
	clock clock
}

func runServe(args []string, c *console) int {
	var f serveFlags
	fs := newCommand("serve", "serve [flags]", "Builds the site in memory and serves it with a live preview: every save shows in the browser,\n"+
		"in place, in tens of milliseconds. Drafts and future posts are included and marked. Ctrl-C stops.")
	fs.StringVar(&f.source, "s", ".", "the site `folder` (holding content/, and optionally folio.yaml, layouts/, static/, i18n/)")
	fs.IntVar(&f.port, "port", defaultPort, "the `port` to serve on; 0 picks a free one")
	fs.StringVar(&f.bind, "bind", "127.0.0.1", "the `address` to listen on; anything but loopback lets other machines see the preview")
	fs.BoolVar(&f.poll, "poll", false, "find changes by polling the files instead of by file system events (WSL, Docker, network drives)")
	fs.BoolVar(&f.navigate, "navigate", false, "take the browser to the page whose source was just saved")
	fs.BoolVar(&f.follow, "follow", false, "scroll the browser to the first block a save changed when it is off screen")
	fs.BoolVar(&f.noDrafts, "no-drafts", false, "leave out drafts and future posts, as folio build does")
	fs.BoolVar(&c.quiet, "q", false, "print nothing but the address and errors")
	fs.BoolVar(&c.verbose, "v", false, "also print every file that changed and the warnings of each rebuild")
	if exit, ok := fs.parseFlagsOnly(args, c); !ok {
		return exit
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, f, c, nil); err != nil {
		fmt.Fprintf(c.err, "folio serve: %v\n", err)
		return 1
	}
	return 0
}

// serve runs the preview until ctx is done: it composes the build session,
// the watcher and the server, which know nothing of each other. ready, when
// set, is told the URL once the first build's pages are served (tests and
// benchmarks wait on it).
func serve(ctx context.Context, f serveFlags, c *console, ready func(url string)) error {
	root, err := filepath.Abs(f.source)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(filepath.Join(root, content.ContentDir)); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s has no content/ folder; run folio serve in a site folder or pass -s with one", root)
	}
	ln, url, err := listen(f, c.err)
	if err != nil {
		return err
	}
	p, handler, err := newPreview(f, c, root, ln, url)
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	defer p.stop(hs, served)
	// The watcher starts before the first build, so that a save made while
	// it runs is built next rather than missed.
	w, err := watch.New(watch.Options{Roots: watchRoots(root), Poll: f.poll, Follow: linkFollower(root),
		Logf: func(format string, args ...any) { fmt.Fprintf(c.err, "folio serve: "+format+"\n", args...) }})
	if err != nil {
		return err
	}
	defer w.Close()
	fmt.Fprintf(c.out, "Serving %s at %s (Ctrl-C stops)\n", root, url)
	if f.listening != nil {
		f.listening(url)
	}
	// Ctrl-C during the first build (seconds, on a large site) stops at
	// once: the build writes nothing, and the process ends with it.
	first := make(chan struct{})
	go func() {
		defer close(first)
		p.rebuild(nil, func() {
			if ready != nil {
				ready(url)
			}
		})
	}()
	select {
	case <-first:
	case <-ctx.Done():
		return nil
	}
	defer p.callOff()
	return p.run(ctx, w, served, url)
}

// newPreview composes the server, the build session and the gate between
// them for the site at root, served at url from ln. The handler it returns
// serves the preview's requests.
func newPreview(f serveFlags, c *console, root string, ln net.Listener, url string) (*preview, http.Handler, error) {
	srv := server.New(server.Options{Navigate: f.navigate, Follow: f.follow,
		Bind: f.bind, Port: ln.Addr().(*net.TCPAddr).Port, Names: machineNames()})
	first := newFirstPages(srv.Handler(), srv)
	clk := f.clock
	if clk == nil {
		clk = wallClock{}
	}
	session, err := sitepreview.NewSession(build.Options{Source: root, BaseURL: url, Drafts: !f.noDrafts, Future: !f.noDrafts,
		Priority: first.prio, Clock: clk.Now})
	if err != nil {
		return nil, nil, err
	}
	p := &preview{session: session, con: c, trace: f.trace, srv: srv, first: first, images: make(chan struct{}, 1),
		due: &dueTimer{clock: clk}}
	p.gate = newGate(first)
	var handler http.Handler = p.gate
	if browser, err := pdf.FindBrowser(); err == nil {
		p.pdfs = newPDFOffer(p.gate, browser, url, p.srv.Version)
		handler = p.pdfs
	}
	return p, handler, nil
}

// run answers the preview's events until ctx is done or the server stops:
// saves the watcher batches, image variants ready, a scheduled post's
// date passing, and the whole-book files wanted or completed.
func (p *preview) run(ctx context.Context, w *watch.Watcher, served <-chan error, url string) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return fmt.Errorf("serving %s: %w", url, err)
		case <-p.images:
			p.callOff()
			p.refresh()
		case batch, ok := <-w.Batches():
			if !ok {
				return nil
			}
			paths := make([]string, len(batch))
			for i, c := range batch {
				paths[i] = c.Path
			}
			p.step("batch")
			p.callOff()
			p.rebuild(paths, nil)
		case <-p.due.fired():
			p.publishDue()
		case <-p.gate.wanted:
			p.complete("asked for by a browser", 0)
		case <-p.pause():
			p.complete("after a pause", 1)
		case c := <-p.completed():
			p.finish(c)
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
	for _, r := range sourcetree.Roots() {
		roots = append(roots, filepath.Join(root, r))
	}
	return roots
}

// preview holds what one folio serve runs.
type preview struct {
	session *sitepreview.Session
	srv     *server.Server
	gate    *gate
	con     *console
	// images is told when image variants the pages wait for are ready.
	images chan struct{}
	// due fires when the date of a scheduled post passes.
	due *dueTimer

	// pending lists the files made of a whole book that the last build
	// left to redo; the gate holds requests for them meanwhile.
	pending []string
	// idle fires once the author has paused; nil while nothing waits.
	idle *time.Timer
	// running is the redoing of pending under way, or nil.
	running *completion
	// pdfs offers each book's PDF; nil without a browser.
	pdfs *pdfOffer
	// first serves pages during the first build.
	first *firstPages
	// trace is serveFlags.trace.
	trace func(step string)
	// shownGood is set once a build was published: failures show over
	// its pages.
	shownGood bool
	// warned holds the warnings last printed, which a rebuild that still
	// has them does not print again (unless -v).
	warned map[content.Error]bool
}

// step tells the trace, if any, that a step of a rebuild has ended.
func (p *preview) step(name string) {
	if p.trace != nil {
		p.trace(name)
	}
}

// rebuild builds what changed, publishes it (and then calls published,
// when set) and prints one line. The files made of a whole book (print
// edition, EPUB) wait, held at the gate, until the author pauses or a
// browser asks for one of them, so that they never compete with the page
// the author is looking at.
//
// A build also comes when a scheduled post's date has passed (the timer,
// or a save after it), and says so first.
func (p *preview) rebuild(paths []string, published func()) {
	due := p.due.passed()
	if due != "" {
		p.con.info("%s: rebuilding", due)
	}
	up, err := p.session.Build(paths)
	p.due.set(p.session.Due())
	p.step("built")
	if paths != nil && len(up.Sources) == 0 && due == "" {
		return // saved without a change, or only an editor's temporary file
	}
	p.show(up, err, published)
}

// publishDue builds again once the date of a scheduled post has passed;
// a timer that fired early (the wall clock was set back) is set again.
func (p *preview) publishDue() {
	if p.due.passed() == "" {
		p.due.set(p.session.Due())
		return
	}
	p.callOff()
	p.rebuild(nil, nil)
}

// refresh builds again once image variants are ready, so that pages that
// showed the originals meanwhile show them; the browser reloads.
func (p *preview) refresh() {
	up, err := p.session.Refresh()
	p.due.set(p.session.Due())
	if up != nil {
		p.show(up, err, nil)
	}
}

// show publishes a build (or its errors), finishes the whole-book files
// and starts making the image variants its pages wait for.
func (p *preview) show(up *sitepreview.Update, err error, published func()) {
	defer func() {
		busy := p.session.ProcessImages(func() {
			select {
			case p.images <- struct{}{}:
			default: // a refresh is due already
			}
		})
		if p.pdfs != nil {
			p.pdfs.settle(!busy)
		}
	}()
	if err != nil {
		p.wait(nil) // the last good versions are all there is
		p.first.finish(func() {})
		p.failed(up, err)
		if published != nil {
			published()
		}
		return
	}
	// Held before the pages go out, so that no request for them gets the
	// version from before the edit.
	p.wait(up.Pending)
	if p.pdfs != nil {
		p.pdfs.setBooks(p.session.Books())
	}
	p.first.finish(func() { p.srv.Publish(up.Files, up.Edited) })
	p.shownGood = true
	p.step("published")
	if published != nil {
		published()
	}
	p.con.info("%s", up.Line())
	p.verbose(up)
}

// verbose prints, with -v, every changed file and the build's warnings;
// without -v, the warnings this build found that the last one it printed
// did not (all of them the first time), so that the save that brought a
// warning shows it, and the next saves do not repeat it.
func (p *preview) verbose(up *sitepreview.Update) {
	if p.con.verbose && len(up.Sources) > 1 {
		for _, s := range up.Sources {
			p.con.detail("  changed: %s", s)
		}
	}
	if up.Result != nil {
		p.warnings(up.Result.Warnings)
	}
}

// warnings prints a build's warnings (see verbose) unless -q.
func (p *preview) warnings(ws []*content.Error) {
	seen := p.warned
	p.warned = make(map[content.Error]bool, len(ws))
	for _, w := range ws {
		p.warned[*w] = true
		if !p.con.quiet && (p.con.verbose || !seen[*w]) {
			fmt.Fprintf(p.con.out, "  %s %v\n", p.con.label("warning:", yellow), w)
		}
	}
}

// failed shows a failed build in the terminal and over the last good page
// in every browser, each problem with its file, line and source line, and
// after them the warnings the build found until it failed (as folio build
// prints them: a warning often explains an error).
func (p *preview) failed(up *sitepreview.Update, err error) {
	errs, warns := content.Flatten(err), content.WarningsOf(err)
	p.srv.PublishError(p.shown(errs), p.shown(warns))
	what := "" // the first build: no page was good yet
	if up != nil && p.shownGood {
		what = up.What()
	}
	if p.con.quiet {
		warns = nil // -q prints nothing but the address and errors
	}
	fmt.Fprintln(p.con.out, failedLine(what, len(errs), len(warns)))
	p.con.problems(p.con.out, err)
	p.warned = make(map[content.Error]bool, len(warns))
	for _, w := range warns {
		p.warned[*w] = true
		fmt.Fprintf(p.con.out, "%s %v\n", p.con.label("warning:", yellow), w)
	}
}

// shown are problems as the browser's overlay shows them.
func (p *preview) shown(probs []*content.Error) []server.BuildError {
	shown := make([]server.BuildError, len(probs))
	for i, e := range probs {
		shown[i] = server.BuildError{File: e.File, Line: e.Line, Message: e.Message, Source: p.session.SourceLine(e.File, e.Line)}
	}
	return shown
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

// failedLine is the terminal's line for a failed preview build of n
// problems and warns warnings; what is what the build was for, "" for
// the first, which left no good page to show them over.
func failedLine(what string, n, warns int) string {
	also := ""
	if warns > 0 {
		also = " and " + plural(warns, "a warning", "warnings")
	}
	them := pick(n+warns, "it", "them")
	if what == "" {
		return fmt.Sprintf("the site did not build: %s%s; the browser shows %s", plural(n, "an error", "errors"), also, them)
	}
	return fmt.Sprintf("%s: build failed with %s%s; the browser shows %s over the last good page",
		what, plural(n, "an error", "errors"), also, them)
}

// machineNames are the names other machines may give this one in a
// preview's address (its host name), which the Host check accepts when
// folio serve is bound to every address.
func machineNames() []string {
	if name, err := os.Hostname(); err == nil {
		return []string{name}
	}
	return nil
}

// linkFollower says which symbolic links to folders the watcher goes into:
// those the build follows (inside the site, or allowed by folio.yaml, and
// not a loop).
func linkFollower(root string) func(string) bool {
	fsys, err := build.SiteFS(root)
	site, ok := fsys.(*sitefs.FS)
	if err != nil || !ok {
		return nil
	}
	return func(p string) bool {
		rel, err := filepath.Rel(root, p)
		if err != nil || !filepath.IsLocal(rel) {
			return false
		}
		_, err = site.Fresh().Check(filepath.ToSlash(rel))
		return err == nil
	}
}
