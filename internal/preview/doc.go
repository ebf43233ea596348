// Package preview builds one site again and again in memory, for folio
// serve: a Session reads the site's sources once, then only the files a
// watcher names, and redoes only what an edit changed; after any sequence
// of edits its output is byte for byte a clean build's (package build's
// TestSessionMatchesCleanBuild, here).
//
// It imports build and drives it through build's seam (build.Cache, the
// build.Builder handle, build.NewBuilder); build never imports preview,
// and cmd/folio is the one place that composes the two. Who does what:
//
//	session.go         Session: Build, loading and linking again when
//	                   needed, the pending whole-book files
//	complete.go        Complete: the whole-book files and the search index
//	sources.go         the source tree: the site's sources in memory, an
//	                   fs.FS with a digest of every file (sourcefs.go)
//	memo.go            the session's cache (a build.Cache): what it keeps
//	                   between builds, and the reuse of rendered files
//	convmemo.go        reusing conversions while their source and the
//	                   recorded answers to their links and images hold
//	trace.go           evaluating what an output read (views.Read)
//	                   against a new build: traces
//	tracedfiles.go     the reads of feeds, the sitemap and the editions,
//	                   declared where the build asks about them
//	patch.go           the patch build of an edit to bodies only
//	session_images.go  image variants made in the background
//	search.go          the search index, made in Complete
//
// The design of the engine as a whole is package build's comment.
package preview
