// Package preview builds one site again and again in memory, for folio
// serve: a Session reads the site's sources once, then only the files a
// watcher names, and redoes only what an edit changed; after any sequence
// of edits its output is byte for byte a clean build's, which
// TestSessionMatchesCleanBuild holds it to.
//
// It imports build and drives it through build's seam (build.Cache, the
// build.Builder handle, build.NewBuilder); build never imports preview,
// and cmd/folio is the one place that composes the two. The site's
// sources are held in memory by package sourcetree, which the builds read
// as their fs.FS. Who does what:
//
//	session.go         Session: Build, loading and linking again when
//	                   needed, the pending whole-book files
//	complete.go        Complete: the whole-book files and the search index
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
//	priority.go        the pages a waiting browser asked for, first
//	                   (a build.PageOrder)
//	search.go          the search index, made in Complete
//
// The design of the engine as a whole is package build's comment.
package preview
