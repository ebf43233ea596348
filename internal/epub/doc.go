// Package epub owns the EPUB output of a book: it turns a book described as
// plain data (metadata, chapters as HTML fragments, a contents tree and
// images) into a single EPUB 3 file in which epubcheck, usage report
// included (--profile default -u), finds nothing.
//
// It owns the container layout (mimetype, META-INF/container.xml), the
// package document, the navigation document, the default e-reader stylesheet
// and the conversion of each chapter's HTML fragment into an XHTML content
// document. It does not render Markdown, number chapters or rewrite links:
// the caller hands over finished HTML whose cross-chapter links already point
// at "chapter-NN.xhtml#id"; this package checks that every relative link and
// image resolves inside the package, because an EPUB with a dangling
// reference is rejected by retailers.
//
// Chapters are written by an XML serializer over a parsed node tree, never by
// patching HTML strings. HTML that browsers accept (named entities such as
// &nbsp;, unclosed void elements, unquoted attributes, links nested in links,
// duplicate ids) is the most common reason generated EPUBs fail validation;
// parsing with the HTML5 algorithm and serializing as XML makes every chapter
// well-formed by construction, so validity does not depend on every Markdown
// extension and every snippet of raw HTML being careful. Markup whose tree
// is the one its tokens spell (what the Markdown renderer writes) is
// serialized from the tokens as they come, without building the tree
// (xhtml_stream.go); anything else is parsed.
//
// The stylesheet is fitted to the book (stylesheet.go): the rules whose
// classes no chapter uses go, and so do the classes no rule names, so a
// caller can hand over one stylesheet for everything it may write (code,
// callouts, alignment) and each book ships what it uses.
package epub
