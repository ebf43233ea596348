// Package build drives folio's stages. It is the design document of the
// engine: the other packages each own one job, and this one says in what
// order they run and what passes between them.
//
// # Who owns what
//
// Imports flow one way: build imports the packages below and hands them
// plain data (the linked content.Site, a siteurl.Base, byte slices) and
// small function values; none of them imports build. One package is
// above build: preview, which runs builds again and again for folio
// serve and imports build; build never imports it, and cmd/folio is the
// one place that composes build, preview, watch and serve.
//
//	preview          folio serve's builds (Session): the session's cache
//	                 (its memo: conversions and rendered files reused
//	                 while what they were made from holds, by trace), the
//	                 patch build of a body edit, image variants made in
//	                 the background, the whole-book files of Complete,
//	                 the pages a waiting browser gets first (Priority)
//	sourcetree       the preview's copy of the site's sources in memory,
//	                 the fs.FS its builds read
//
// The packages build drives:
//
//	config, sitefs   folio.yaml; reading the site folder (stage 1)
//	content          the model: loading and linking (stages 2, 3)
//	frontmatter      decoding front matter (YAML, TOML, JSON) into typed
//	                 values, errors with their lines; content loads with it
//	markdown         Markdown to HTML, with an Env that build fills for
//	                 each edition (convert.go; package editions);
//	                 foreigncode tells it other generators' template code
//	                 (Liquid, shortcodes, mdBook includes) left in a page,
//	                 and parses Jekyll's {% highlight %} blocks as fences;
//	                 autolink its bare URLs, rawpolicy its raw HTML's
//	                 policy, srcset the srcset values it reads and writes
//	description      the description derived from a page's text where
//	                 front matter gives none (markdown cuts a lead with
//	                 it, converted a summary)
//	resolve          what a link or image an author wrote points at, the
//	                 check of links to headings, and each image's variants
//	                 as a build asks for them (resolve.Images)
//	templates, i18n  layouts and their functions; folio's own words
//	converted        what converting made of a page (converted.Page) and
//	                 the build's store of it (converted.Store)
//	views            what templates see: read-only views of the model,
//	                 made per output, which record every read (views.Read),
//	                 and the digests reads and traces are kept with
//	                 (views.Digest, views.Fingerprint)
//	listpages        the pages that list others (home, a blog's index
//	                 pages, series, tags, credits, 404) and which stage
//	                 renders each (listpages.Stage), through a
//	                 listpages.Renderer, build's view of itself
//	                 (lists.go); the chapter sidebars, each part's
//	                 block rendered once per build (listpages.Sidebars);
//	                 the glue of package feeds (listpages.Feeds: which
//	                 feeds are written when, a series' as soon as its
//	                 last post is converted; the sitemap; the aliases)
//	images           photo variants and their cache (stage 7)
//	feeds            Atom feeds, sitemap.xml, robots.txt, _redirects and
//	                 share-card images; listpages.Feeds decides when each
//	                 is written, asking build's cache whether a preview
//	                 reuses it
//	search           the search index (search.go)
//	sitewide         what every page shows the same (the search box, the
//	                 header, the footer), rendered once (newData carries it)
//	editions         a book's print edition and its EPUB's glue (each
//	                 chapter converted for the package, its images, the
//	                 generated pages, metadata, file names); build drives
//	                 it through editions.Maker (editions.go)
//	epub             the EPUB file from a book as plain data
//	output           writing, minifying, the swap into place (stage 8),
//	                 and the refusal of an output folder that holds the
//	                 site or lies in its sources (GuardSite)
//	siteurl          every URL written, and resolving one URL against
//	                 another (siteurl.Resolve)
//	xmltext          the one XML escaper: a character XML cannot carry
//	                 becomes U+FFFD, in feeds and EPUBs alike
//	workpool         the one worker pool: every stage that uses the cores
//	scratch          the pool of byte buffers stages reuse (EPUB, feeds)
//	chunked          byte lists grown by chunks of shared slabs rather than
//	                 copied (the search index's lists of postings)
//	jsontext         the JSON string encoder of JSON written by hand (the
//	                 search index's files)
//	membudget        the soft memory limit a build into a folder (Build)
//	                 runs under, set from the size of the site's Markdown
//	                 as it loads (from the start of loading)
//	progress         the count of a build's work while it runs, for the
//	                 command line to show (build.Progress)
//	shelf            an unlinked temporary file that what a clean build
//	                 keeps for a later stage waits in, packed, rather
//	                 than on the heap: the editions' renderings
//	                 (editions.Kept), and what package shelved keeps
//	shelved          a clean build's pages' Markdown from loading to
//	                 their conversion (Sources; content.Options.Shelve,
//	                 Run, convert.go), and their search analyses from the
//	                 page stage to the index (Analyses; search.Packed,
//	                 cache.go)
//
// In build itself: this comment (doc.go); the stages (build.go, builder.go), with the order of
// stage 6 and listpages' view of the build (lists.go); page rendering
// (render.go) through read-only views of the model (package views, whose DataView gives a template the page's views.Data
// with the model behind views); conversion (convert.go) into the build's
// store (package converted, which views read through views.Converted);
// the glue of the editions (editions.go; folio pdf's site in
// memory, printsite.go), of the search index (search.go) and of the
// words (words.go); and the seam a preview builds through (cache.go,
// handle.go): the Cache a build asks at every point where it could reuse
// work, and the Builder handle a cache is given, which shows it what it
// needs of the build and nothing more.
//
// # List pages
//
// A page whose template lists other pages with what converting them fills
// in (summaries, descriptions, headings) is a list page: the home page, a
// blog's index, a series page and a book's home. builder.go's listed
// says which they are, and it is the one place that says so: a list page
// is rendered in stage 6, once every page has been converted; every other
// page is rendered by the worker that converted it, as soon as it is
// converted. A new kind of page that lists others is added to listed.
// Package listpages renders the list pages of stage 6 (all but a book's
// home, which renders as a page); it does not decide which pages wait.
//
// # Stages
//
//  1. Configure: config.Load reads folio.yaml (optional) over the defaults;
//     command-line flags are laid over that.
//     The site folder is read through package sitefs, which follows a
//     symbolic link only to a target inside the site (or a folder that
//     folio.yaml's follow_links names) and names any other link as an
//     error; output writes the result (staging, swap, interrupts).
//  2. Load: content.Load walks content/ through an fs.FS, splits and decodes
//     front matter into typed structs, and leaves out drafts and
//     future-dated posts unless asked. Nothing is rendered.
//  3. Link: content.Link gives pages their kinds and URLs, orders books
//     (chapters and parts by order) and blogs (posts newest first), numbers
//     chapters, groups series and tags, and reports URL collisions.
//  4. Convert and render pages: on all cores, each page's Markdown goes
//     through the build's one goldmark instance (markdown.Converter) with an
//     Env that resolves its links and images against the linked site, and
//     the result goes straight through its template to the output. Fenced
//     code is highlighted there, by package highlight (chroma), whose
//     stylesheet rules templates.Static appends to the built-in
//     stylesheets and the EPUB's (generated from chroma's themes by
//     package highlight/themes with go generate, not made by a build). Only what
//     later stages need is kept (headings, summaries, the HTML of chapters
//     and feed entries), so memory follows the site's metadata rather than its
//     rendered HTML. Pages go to the workers series by series, each series'
//     own page with its posts, so that a series' feed is written, and its
//     entries freed, as soon as the series is converted; a book's chapters
//     and part introductions go last. In a clean build, their one parse
//     also renders their part of the print edition and their EPUB document
//     (markdown.Env.Editions, editions.Kept, which holds them packed in a
//     temporary file, not in memory), which stage 6 takes instead of
//     converting them again. Raw HTML follows the raw-HTML policy of
//     package markdown; what it removes or a browser would repair is a
//     warning of the page (--strict: an error), kept with the conversion so
//     that a preview reusing it, or patching the page, tells it again.
//     When a layout of the site may read other pages' summaries,
//     descriptions or headings (templates.Set.ReadsConverted), every page
//     is converted before any is rendered.
//     Templates cannot read a page's HTML or Markdown source at all
//     (content.Page's HTML and Body methods refuse, with the template's
//     line): the build makes and frees those while templates run.
//  5. Check: links to anchors are checked against the target pages'
//     headings and the ids of their raw HTML, now that every page has been
//     converted.
//  6. Render lists: home, blog index pages, series, tags, credits, the print
//     edition, feeds, the sitemap, robots.txt and the 404 page. Then each
//     book's EPUB (package editions), unless folio.yaml says epub: false: chapters
//     and part introductions rendered (or, in a preview session and in
//     `folio epub`, converted again) with an Env that points links to other
//     pages of the book at their files in the package, links to the rest of
//     the site at absolute URLs (plain text without a base URL) and images
//     at packaged copies (raw HTML's src, href and srcset too: package
//     markdown resolves them through the same Env); package epub reads
//     the chapters as HTML5, writes them as XHTML and writes the file
//     beside the book's home as <title-slug>.epub. `folio epub` (MakeEPUBs) runs stages 1 to 3 and
//     this one alone. A clean build collects garbage before the lists,
//     before the print edition and before the EPUBs, so each stage's peak
//     memory is set by what the build keeps rather than by the previous
//     stage's garbage; the print edition, a whole book on one page, comes
//     after the other lists rather than beside them (at 1,000 pages that
//     was the build's peak: RSS 76 -> 69 MB).
//     The search index (search.go, package search): each page's body was
//     cut into heading sections and its words counted where it was
//     converted (stage 4, kept with the conversion in a preview); the
//     client and the /search/ page are written among the lists, and the
//     index of the whole site from the analyses on a goroutine of its own
//     beside the print edition, which renders on one core (in a site
//     without a book, beside the lists: renderListsAndPrints). A preview session writes it in Complete, like
//     the print edition.
//  7. Images (resolve.Images, package images): every photo and Markdown image
//     asked for its variants while pages rendered (a cache lookup each);
//     after the page stage the missing ones are made on all cores (so that
//     an image that does not decode is reported with the pages' problems),
//     and at the end the variants are written (those in the cache copied
//     by the kernel, output.Writer.CopyFile), then the image files that
//     are published as they are (pass-through, linked to, or
//     images: originals). A build that succeeded prunes the cache. A
//     preview session (package preview) points pages at originals until
//     their variants are made in the background, then builds again.
//  8. Output: static files (the built-in stylesheet, then static/ over it,
//     then the non-Markdown files of content/) and every page go through
//     output.Writer, which minifies by type, refuses two writes of one file,
//     and writes into a new folder that replaces the output only when every
//     stage succeeded.
//
// # URLs
//
// Pages, series and tags carry site paths ("/blog/post/"), which also name
// their output files. Every URL written into the output goes through one
// siteurl.Base made from base_url (builder.urls): Path for root-relative
// URLs in pages (links, stylesheets, images, srcsets), Abs for absolute
// ones (canonical and share cards, feeds, sitemap, robots.txt, the EPUB's
// links to the site). A site published under a path
// (https://ada.github.io/writing-well/) thus gets it in every URL, from one
// place. Templates reach the mapping as url and abs; a new feature (the
// search index, image variants) writes its URLs through the same Base.
// Package check reads a built folder and checks every URL in it (folio
// check); only cmd/folio composes it with the build.
//
// Content problems are collected across a stage and reported together, each
// naming its file and line; a stage with problems stops the build before
// anything is published.
//
// # Preview sessions
//
// folio serve builds through a preview.Session, which runs the same
// stages again and again in memory and redoes only what an edit changed.
// It reaches the build through its seam alone: NewBuilder with a Cache,
// and the Builder handle (handle.go) for the stages it runs again by
// itself (a page, one list stage, a feed, the sitemap, a book's print
// edition and EPUB). While its first build runs, a preview.Priority
// (Options.Priority, a PageOrder) lets the pages a browser asks for go
// first and be read as soon as they are written. The session reads the site into an in-memory tree and
// thereafter only the files the watcher names; decoded pages are cached
// by content digest (content.Cache). Its cache, the memo, reuses a page's
// conversion (a converted.Page) while its source, feed URL and the recorded
// answers to its links and images hold, and hands over a rendered file
// unchanged while its trace holds. Templates read the model through views
// (package views), made per output, which record every read:
// of a page, its fields, its place (book, part, chapter, blog, series)
// and what its body decides (words, reading time, summary and
// description, outline, HTML); of the site, its settings and words, its
// lists (pages, series, tags, scheduled pages, assets), a book's
// contents, a blog's posts, a series, a tag, its present. Feeds, the
// sitemap and the editions declare theirs where a cache is asked about
// them (Cache.ReuseFeed, ReuseSitemap, ReusePrint, ReuseEPUB). An
// output's trace is the digest of what the build gave it (layout, the
// template files it runs, templates.Set.Digest, and views.Data's fields by
// value, views.Digest) and each read with the digest of what it read; the
// next build hands the output over only when the data and every read
// evaluated against the new site give the same digests (a verifying
// trace), and otherwise renders it and keeps its new trace. No list of an
// output's inputs is kept by hand. An edit to bodies only takes the patch
// path: the last good build's site stays linked, and the files whose
// records read what changed are the only ones redone, whatever layouts
// the site has. content.Site is read-only once linked: what converting
// makes of pages lives in the builder's store (converted.Store), the build's
// warnings are the builder's, and a body edit makes new page values
// beside the linked site (Builder.SetEdited, builder.source) rather than
// changing its pages. The print edition and EPUB, made of a whole book,
// come after the pages (Session.Complete); folio serve has them redone
// while the author pauses, on one goroutine, and calls that off for the
// next save (Session.CompleteWith, Builder.Limit), which leaves the work
// pending. A clean build's cache, noCache (cache.go), reuses nothing (and
// frees memory between the end stages, prunes the image cache, renders
// the editions with the pages); so both run the same code, and
// preview's TestSessionMatchesCleanBuild holds the two byte for byte to
// each other over random sequences of edits.
//
// # Site layout
//
//	folio.yaml   settings (config package)
//	content/     Markdown pages; folders are sections; _index.md is a
//	             section's own page; book/ and blog/ (or type: book|blog)
//	layouts/     templates overriding the built-in ones by name
//	static/      copied to the output root
//	i18n/        the site's words for folio's own text, per language
//	public/      the default output
//
// # Words
//
// Every word folio writes itself (Chapter 3, 4 minutes read, Photo by …)
// comes from package i18n in the site's language: the builder loads the
// words once (words.go), binds them into the templates as T, date and
// dateTag, and uses them for the titles it makes (package listpages), the
// book's buttons (editions.go), the EPUB's labels (package editions), feed photo
// credits and callout labels. The language and i18n/ are inputs of every
// file: the global print holds the config and i18n/'s generation, and a
// conversion is reused only with the same words (callout labels).
//
// # Around the build
//
// cmd/folio composes the commands; package scaffold writes new sites,
// chapters, parts and posts (folio new); package suggest answers "did you
// mean" for commands, flags, folio.yaml keys and words.
//
// # Front matter
//
// title (required; a file without front matter takes its first heading),
// date, updated, order, draft, slug, summary, description, tags, series,
// photo {src, alt, credit, credit_url, license}, layout, numbered, type,
// subtitle, author, status. Other keys reach
// templates as .Page.Params; keys of other generators (weight, lastmod,
// cover, categories, images, …) are warnings naming folio's key.
package build
