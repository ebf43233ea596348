// Package templates owns folio's html/template set: the built-in layouts and
// stylesheet embedded in the binary, the user's layouts/ laid over them by
// name, the functions templates may call, and the checks that catch a broken
// layout when it is loaded rather than page by page.
//
// A layout folder has page templates at its top (post.html, chapter.html,
// or any name a page picks with layout:), the frame they share (base.html)
// and partials (partials/*.html). Each page template is parsed into its own
// copy of the frame and partials, so that every page template can define the
// blocks "main" and "title" without colliding with the others.
//
// Once loaded, each page template is escaped and prepared (prepare.go):
// actions whose output is fixed for the Set become text (consts.go), and
// calls of partials that read nothing of the page write the rendering a
// build made once (pieces.go, package sitewide), byte for byte what the
// call writes, and the escapers html/template gave an action become one
// call of a function of one argument (fused.go).
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/template/parse"
)

//go:embed theme
var theme embed.FS

// Set is the parsed templates of a build, by page template name.
type Set struct {
	pages map[string]*template.Template
	// entry is the template each page template executes: its own file, or
	// "base" for a file that only defines blocks (as Hugo's baseof does).
	entry map[string]string
	// files maps template names to the files they came from, for messages.
	files map[string]string
	// readsConverted is set when a layout of the site names a field that
	// the build fills while converting pages (see ReadsConverted).
	readsConverted bool
	// digests are the page templates' Digests.
	digests map[string]uint64
	// solo is a copy of the shared templates alone, which renders the
	// pieces (PieceNames), and pieceNames the partials that are pieces.
	solo       *template.Template
	pieceNames []string
	// pageFiles are the page templates' files.
	pageFiles map[string]bool
}

// convertedFields are the fields of a page that the build fills in as it
// converts it; a template rendered beside the conversions that reads them
// of other pages must wait until every page is converted.
var convertedFields = []string{"SummaryHTML", "Headings", "Description", "IDs"}

// ReadsConverted reports whether a layout of the site (not a built-in one)
// names a field of a page that converting fills in (.SummaryHTML,
// .Headings, .Description, .IDs), so it may read them of other pages: the build
// then converts every page before it renders any. The built-in page
// layouts read only their own page's, and list pages render after all
// conversions anyway.
func (s *Set) ReadsConverted() bool { return s.readsConverted }

// source is one template file and where it came from, for messages.
type source struct {
	name string // "post.html" or "partials/photo.html"
	file string // "layouts/post.html" or "built-in post.html"
	text string
}

// Load parses the built-in layouts with the user's layouts (nil for none)
// laid over them. All problems are reported together.
func Load(user fs.FS, funcs template.FuncMap) (*Set, error) {
	files, err := layoutSources(user)
	if err != nil {
		return nil, err
	}
	every := Funcs()
	maps.Copy(every, funcs)
	shared := template.New("").Funcs(every).Funcs(pieceFuncMap).Funcs(chainFuncs).Funcs(urlChainFuncs(every))
	set := newSet(files)
	errs := set.parseShared(shared, files)
	set.partialDigests(shared, files)
	if len(errs) == 0 {
		set.solo = template.Must(shared.Clone())
	}
	// A shared file that does not parse defines nothing, so every page
	// calling what it meant to define would be reported too: say only
	// what is wrong with it.
	errs = append(errs, set.parsePages(shared, files, len(errs) > 0)...)
	if len(errs) > 0 {
		var all []error
		for _, e := range dedupe(errs) {
			all = append(all, errors.New(e))
		}
		return nil, errors.Join(all...)
	}
	set.prepare(every)
	return set, nil
}

// layoutSources reads the built-in layouts, then the user's (nil for none)
// over them, by template name.
func layoutSources(user fs.FS) (map[string]source, error) {
	builtin, err := fs.Sub(theme, "theme/layouts")
	if err != nil {
		panic(err)
	}
	files := map[string]source{}
	if err := collect(builtin, "built-in ", files); err != nil {
		return nil, err
	}
	if user != nil {
		if err := collect(user, "layouts/", files); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// newSet makes an empty Set that knows where each template came from and
// whether a layout of the site reads a field conversion fills in.
func newSet(files map[string]source) *Set {
	set := &Set{pages: map[string]*template.Template{}, entry: map[string]string{}, files: map[string]string{}, digests: map[string]uint64{}}
	for name, src := range files {
		set.files[name] = src.file
		if strings.HasPrefix(src.file, "layouts/") && slices.ContainsFunc(convertedFields, func(f string) bool { return strings.Contains(src.text, f) }) {
			set.readsConverted = true
		}
	}
	return set
}

// parseShared parses the frame and partials into shared, which every page
// template is later cloned from, and returns what is wrong with them.
func (s *Set) parseShared(shared *template.Template, files map[string]source) []string {
	var errs []string
	for _, name := range sortedNames(files) {
		src := files[name]
		if isPage(name) {
			continue
		}
		if _, err := shared.New(name).Parse(src.text); err != nil {
			errs = append(errs, syntaxError(s.locate(err, src.file)))
			continue
		}
		if err := s.partialBody(shared, src); err != nil {
			errs = append(errs, err.Error())
		}
	}
	return errs
}

// parsePages parses each page template into its own copy of shared and
// keeps it with its entry and digest. Calls of templates no file defines
// are reported only when the shared files parsed (brokenShared false).
func (s *Set) parsePages(shared *template.Template, files map[string]source, brokenShared bool) []string {
	var errs []string
	for _, name := range sortedNames(files) {
		if !isPage(name) {
			continue
		}
		src := files[name]
		t, err := template.Must(shared.Clone()).New(name).Parse(src.text)
		if err != nil {
			errs = append(errs, syntaxError(s.locate(err, src.file)))
			continue
		}
		entry, err := entryOf(t, src)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !brokenShared {
			errs = append(errs, missingCalls(t, entry, files)...)
		}
		page := strings.TrimSuffix(name, ".html")
		s.pages[page] = t
		s.entry[page] = entry
		s.digests[page] = filesDigest(t, name, entry, files)
	}
	return errs
}

// entryOf returns the template a page template executes. A page template
// writes its page at its top level, usually by calling the frame
// ({{template "base" .}}) and defining "main". One that writes nothing
// there and defines "main" is rendered through the frame, as Hugo renders a
// layout through baseof.html; one that writes nothing and defines no "main"
// would write empty pages, and is an error.
func entryOf(t *template.Template, src source) (string, error) {
	if writes(t.Lookup(src.name).Tree.Root) {
		return src.name, nil
	}
	if main := t.Lookup("main"); main != nil && main.Tree != nil && main.Tree.ParseName == src.name {
		return "base", nil
	}
	return "", fmt.Errorf(`%s: writes nothing, so every page using it would be empty; start it with {{template "base" .}} and put the page's content in {{define "main"}}...{{end}}, or write a whole page`, src.file)
}

// partialBody lets a partial be written as Hugo writes one: the top level
// of partials/NAME.html, when it writes something and the file defines no
// NAME itself, is the template NAME. So layouts/partials/head-extra.html may
// hold just the tags to add to <head>, without {{define "head-extra"}};
// without this, its content would be parsed, called by nothing and lost
// without a word. A file that does both is ambiguous and refused.
func (s *Set) partialBody(shared *template.Template, src source) error {
	dir, file := path.Split(src.name)
	if dir != "partials/" {
		return nil
	}
	top := shared.Lookup(src.name)
	if top == nil || top.Tree == nil || !writes(top.Tree.Root) {
		return nil
	}
	name := strings.TrimSuffix(file, ".html")
	if def := shared.Lookup(name); def != nil && def.Tree != nil && def.Tree.ParseName == src.name {
		return fmt.Errorf(`%s: writes content at its top level and also defines %q; keep one: the content alone (it becomes %q) or only {{define %q}}...{{end}}`, src.file, name, name, name)
	}
	// Parsed again under its own name rather than sharing the tree:
	// html/template escapes each template's tree in place.
	s.files[name] = src.file
	if _, err := shared.New(name).Parse(src.text); err != nil {
		return errors.New(syntaxError(s.locate(err, src.file)))
	}
	return nil
}

// writes reports whether a template's top level can write anything other
// than white space: its {{define}}s are trees of their own and do not count.
func writes(root *parse.ListNode) bool {
	if root == nil {
		return false
	}
	for _, n := range root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if len(bytes.TrimSpace(n.Text)) > 0 {
				return true
			}
		case *parse.CommentNode:
		default:
			return true
		}
	}
	return false
}

// syntaxError adds what to do to a template parse error.
func syntaxError(msg string) string {
	return msg + " (a template syntax error: fix the {{ ... }} on that line; the pages using this template are checked once it parses)"
}

// templateLine matches the position text/template and html/template put
// before their messages: "template: page.html:4:10: " or
// "html/template:page.html:4:10: ".
var templateLine = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::\d+)?: `)

// locate rewrites a template error to start with the file and line it is
// about ("layouts/page.html:4: ..."), since the author knows files, not
// template names; fallback names the file when the error gives no position.
func (s *Set) locate(err error, fallback string) string {
	msg := err.Error()
	m := templateLine.FindStringSubmatch(msg)
	if m == nil {
		if fallback == "" {
			return msg
		}
		return fallback + ": " + strings.TrimPrefix(msg, "template: ")
	}
	file := s.files[m[1]]
	if file == "" {
		file = m[1]
	}
	return file + ":" + m[2] + ": " + msg[len(m[0]):]
}

func collect(fsys fs.FS, label string, files map[string]source) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s%s: %w", label, p, err)
		}
		if d.IsDir() || path.Ext(p) != ".html" || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s%s: %w", label, p, err)
		}
		files[p] = source{name: p, file: label + p, text: string(b)}
		return nil
	})
}

// isPage tells page templates (top level, not the frame) from shared files.
func isPage(name string) bool {
	return !strings.Contains(name, "/") && name != "base.html"
}

func sortedNames(files map[string]source) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// missingCalls finds {{template "x"}} calls to templates that are not
// defined, with the file and line of the call, which html/template would
// otherwise report only when a page using it is rendered. Only what the
// page template reaches counts: a page that does without the frame (the
// print edition) need not define the frame's blocks.
func missingCalls(t *template.Template, page string, files map[string]source) []string {
	var errs []string
	seen := map[string]bool{page: true}
	queue := []string{page}
	for len(queue) > 0 {
		def := t.Lookup(queue[0])
		queue = queue[1:]
		if def == nil || def.Tree == nil || def.Tree.Root == nil {
			continue
		}
		walk(def.Tree.Root, func(n *parse.TemplateNode) {
			if t.Lookup(n.Name) != nil {
				if !seen[n.Name] {
					seen[n.Name] = true
					queue = append(queue, n.Name)
				}
				return
			}
			file := def.Tree.ParseName
			if src, ok := files[def.Tree.ParseName]; ok {
				file = src.file
			}
			line, _ := def.Tree.ErrorContext(n)
			errs = append(errs, fmt.Sprintf("%s:%s: calls template %q, which is not defined; add it (for example in layouts/partials/) or fix the name", file, lineOf(line), n.Name))
		})
	}
	return errs
}

func lineOf(ctx string) string {
	// ErrorContext gives "name:line:col"; keep the line.
	parts := strings.Split(ctx, ":")
	if len(parts) >= 2 {
		return parts[len(parts)-2]
	}
	return ctx
}

func walk(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.TemplateNode:
		f(n)
	default:
		for _, l := range branches(n) {
			walk(l, f)
		}
	}
}

// branches are the lists of an if, range or with (the else list may be
// nil); none for any other node.
func branches(n parse.Node) []*parse.ListNode {
	var b *parse.BranchNode
	switch n := n.(type) {
	case *parse.IfNode:
		b = &n.BranchNode
	case *parse.RangeNode:
		b = &n.BranchNode
	case *parse.WithNode:
		b = &n.BranchNode
	default:
		return nil
	}
	return []*parse.ListNode{b.List, b.ElseList}
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Has reports whether a page template exists.
func (s *Set) Has(name string) bool {
	_, ok := s.pages[name]
	return ok
}

// Execute renders the page template name (without .html) through the frame.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no layout %q; add layouts/%s.html or pick one of: %s", name, name, strings.Join(s.Names(), ", "))
	}
	seen := &writeSeen{w: w}
	if err := t.ExecuteTemplate(seen, s.entry[name], data); err != nil {
		return errors.New(s.locate(err, ""))
	}
	if !seen.text {
		return fmt.Errorf("%s: wrote an empty page (nothing but white space); check its {{if}}s and {{with}}s, or start it with {{template \"base\" .}}", s.files[name+".html"])
	}
	return nil
}

// writeSeen passes writes through and notes whether anything other than
// white space went by.
type writeSeen struct {
	w    io.Writer
	text bool
}

func (s *writeSeen) Write(p []byte) (int, error) {
	if !s.text && len(bytes.TrimSpace(p)) > 0 {
		s.text = true
	}
	return s.w.Write(p)
}

// HasPartial reports whether a shared template (a partial) is defined.
func (s *Set) HasPartial(name string) bool {
	for _, t := range s.pages {
		return t.Lookup(name) != nil
	}
	return false
}

// ExecutePartial renders a shared template (a partial) on its own, for
// pieces the build renders once and reuses across pages.
func (s *Set) ExecutePartial(w io.Writer, name string, data any) error {
	for _, t := range s.pages {
		if t.Lookup(name) == nil {
			return fmt.Errorf("no template %q; define it in layouts/partials/", name)
		}
		if err := t.ExecuteTemplate(w, name, data); err != nil {
			return errors.New(s.locate(err, ""))
		}
		return nil
	}
	return fmt.Errorf("no templates loaded")
}

// Names lists the page templates.
func (s *Set) Names() []string {
	var names []string
	for n := range s.pages {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
