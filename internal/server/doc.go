// Package server owns the live preview of folio serve: it serves the most
// recently published build of the site over HTTP and keeps every open browser
// in step with it. It does not build, watch or read files; cmd/folio hands it
// complete builds with Publish and failures with PublishError.
//
// # In-memory snapshots
//
// A build is published as one immutable map from site path to bytes, swapped
// in with a single atomic pointer store. Each request loads the pointer once
// and answers only from that snapshot, so a browser never sees half a build:
// no 404 while files are being written (mdBook#862), no reload that lands
// before the build is done (hugo#12462), no stale page from a previous run
// left on disk. Nothing is written to the project, so the watcher can never
// see the server's own output and loop. Serving from a map also makes path
// traversal moot: there is no file system behind the handler to escape to,
// and paths with "..", ".", empty elements, backslashes or NUL are refused
// outright rather than cleaned.
//
// # Pointer-equality diff
//
// The build keeps the same []byte for every output that did not change, so
// Publish finds the changed files by comparing slice pointers, falling back to
// bytes.Equal only when a file was re-rendered. That keeps the diff cheap for a
// large book, and an exact diff is what lets browsers do the least: no reload
// when nothing the page shows changed, a stylesheet swap when only CSS
// changed. Each file also gets a short content hash (etag) when it first
// appears, carried over while it is unchanged. Snapshots share their bulk:
// each holds the files changed since a shared base on top of it, and folds
// them into a new base once they are a sixteenth of it, so publishing one
// edit of a 10,000-page site allocates next to nothing.
//
// # Server-Sent Events
//
// Browsers hear about builds on one Server-Sent Events stream at
// /_folio/events, on the same port and origin as the pages, so it passes
// through the same proxy as the site and needs no WebSocket code on either
// side. Every stream opens with a "hello" event: the current version, the
// current build errors, and the etag of the file the browser's page now
// resolves to. The injected script (live.js) compares that etag with the one
// its page was served with, so a browser that reconnects after a restart or a
// long outage reloads exactly when its page changed meanwhile. Each Publish
// sends "change" (version, changed URL paths, edited pages, cssOnly), and
// to each browser whose page it changed, that page's new HTML exactly as a
// request would get it: the patch needs no second round trip, which was
// the largest part of save → screen after the build itself. Each
// PublishError sends "build-error". Each browser has a small buffered
// channel; one that falls behind is disconnected rather than waited for, and
// its reconnect resynchronises it through the hello event.
//
// The script reconnects with its own backoff (250ms doubling to 5s), because
// EventSource stops retrying once a reconnect is refused. Build errors show
// as an overlay over the last good page, in a shadow root so the site's CSS
// cannot touch it.
//
// # Patching, not reloading
//
// When the page a browser shows changed, the script morphs the open
// document into the HTML the change carried, or into the page fetched anew
// when it carried none (morph.js, served with live.js as one script):
// identical children are kept as anchors (equal runs at both ends, compared
// by the browser's isEqualNode, then the longest common subsequence by
// markup of what lies between), children of the same kind between anchors
// are morphed in order, the rest inserted or removed; no node is moved.
// What the reader owns (an open <details>, focus, selection, playing media,
// loaded images) therefore survives wherever the page did not change, and the scroll
// position is held at the last heading above the viewport. The changed
// blocks are highlighted with the Web Animations API, so the patched DOM is
// exactly a fresh load's apart from the script's data-state. A page whose
// scripts changed is reloaded instead (a morph cannot run them as a load
// would), with the reason in the console; an image or font the page loaded
// that changed also reloads it.
//
// # Host check
//
// Every request's Host header must name the preview (host.go): the address
// it is bound to, localhost or a loopback IP, on its port. Others get 403:
// a page of another site that points a name of its own at 127.0.0.1 (DNS
// rebinding) would otherwise read the preview, drafts included.
//
// Paths under /_folio/ are reserved: live.js, events and version (the hello
// state as JSON, for tools).
package server
