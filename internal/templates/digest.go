package templates

import (
	"hash/fnv"
	"html/template"
	"maps"
	"slices"
	"text/template/parse"
)

// Digest fingerprints what executing the page template name runs: the
// text of its file and of every file that defines a template it calls,
// directly or through others. Two sets loaded from the same files give a
// page template the same digest, so a preview can tell that an edit of a
// partial that a layout never calls leaves the layout's pages as they
// were. 0 for a name the set does not have.
func (s *Set) Digest(name string) uint64 { return s.digests[name] }

// PartialDigest is Digest for a shared template (a partial) that the
// build renders on its own (ExecutePartial).
func (s *Set) PartialDigest(name string) uint64 { return s.digests[partialKey+name] }

// partialKey prefixes the partials' names among the digests.
const partialKey = "partial "

// partialDigests adds the Digest of every template shared defines.
func (s *Set) partialDigests(shared *template.Template, files map[string]source) {
	for _, t := range shared.Templates() {
		if t.Name() != "" {
			s.digests[partialKey+t.Name()] = filesDigest(shared, t.Name(), t.Name(), files)
		}
	}
}

// filesDigest is Digest for page template t of file page, entered at entry.
func filesDigest(t *template.Template, page, entry string, files map[string]source) uint64 {
	used := map[string]bool{}
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		tt := t.Lookup(name)
		if tt == nil || tt.Tree == nil {
			return
		}
		used[tt.Tree.ParseName] = true
		walk(tt.Tree.Root, func(n *parse.TemplateNode) { visit(n.Name) })
	}
	visit(page)
	visit(entry)
	h := fnv.New64a()
	for _, name := range slices.Sorted(maps.Keys(used)) {
		src := files[name]
		for _, s := range []string{name, src.file, src.text} {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	return h.Sum64()
}
