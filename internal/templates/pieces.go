package templates

import (
	"html/template"
	"strings"
	"text/template/parse"

	"folio/internal/views"
)

// This file finds the partials a page calls that read nothing of the page
// (the header's navigation, the footer: the site's settings, lists and
// words), which a build renders once (package sitewide) instead of once
// per page: the pieces. What a partial may read is decided on the parse
// tree of the template in effect, a layout of the site's as well as a
// built-in one. A partial is a piece when, from the data it receives (the
// page's views.DataView), it reads only .Site, .SearchBox and
// .SearchScript, calls only functions whose value depends on nothing but
// their arguments, reads nothing the build fills in while it converts
// pages, and calls only templates of the shared files that are pieces
// too (a page file's {{define}} is that page's own).
//
// The call {{template "header" .}} becomes
//
//	{{with _folio_piece "header" .}}{{.}}{{else}}{{template "header" .}}{{end}}
//
// in the page's copy of the templates, where html/template has escaped it
// (so the call is in HTML text, as the piece is rendered): the piece
// rendered once for the build when the data is a page's (views.PieceOf),
// the template called as before otherwise.

// pieceFunc is the function the rewritten calls use.
const pieceFunc = "_folio_piece"

// pieceFuncs are the functions a piece may call: html/template's and
// text/template's built-in ones, and folio's, whose values depend on
// their arguments and the Set alone.
var pieceFuncs = map[string]bool{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true, "eq": true, "ne": true, "lt": true,
	"le": true, "gt": true, "ge": true, "html": true, "js": true, "urlquery": true,
	"isodate": true, "rfc3339": true, "year": true, "add": true, "mul": true, "div": true,
	"absURL": true, "url": true, "abs": true, "plural": true, "join": true, "dict": true,
	"link": true, "citeLink": true, "linkIf": true, "span": true, "T": true, "date": true,
	"dateTag": true,
}

// pieceFields are what a piece may read of the page's data.
var pieceFields = map[string]bool{"Site": true, "SearchBox": true, "SearchScript": true}

// convertedNames are what converting pages fills in, or what templates
// may not read at all: a piece that names one is rendered per page.
var convertedNames = map[string]bool{"SummaryHTML": true, "Description": true, "Headings": true, "IDs": true, "HTML": true, "Body": true}

// dotKind says what dot (or a variable) holds inside a partial: the
// page's data, of which only rootFields may be read, or something read
// from the site.
type dotKind uint8

const (
	fromSite dotKind = iota
	pageData
	// item is an element of the data's items (pieceCheck.items): it may
	// only be written as it is.
	item
)

// pieceCheck decides which templates of one page template's copy are
// pieces, remembering each answer.
type pieceCheck struct {
	t     *template.Template
	pages map[string]bool // the page templates' files, whose {{define}}s are their own
	seen  map[string]int8 // 1: a piece, -1: not one, 2: being checked
	// fields are what may be read of the data (pieceFields, for a
	// piece); items, when set, is a field of it that may only be ranged
	// over, each element written as it is in HTML text.
	fields map[string]bool
	items  string
}

func newPieceCheck(t *template.Template, pages map[string]bool) *pieceCheck {
	return &pieceCheck{t: t, pages: pages, seen: map[string]int8{}, fields: pieceFields}
}

// piece reports whether the template name, given the page's data or
// something read from the site (dot), reads nothing of the page.
func (c *pieceCheck) piece(name string, dot dotKind) bool {
	key := name
	if dot == fromSite {
		key = "\x00" + name
	}
	switch c.seen[key] {
	case 1:
		return true
	case -1, 2: // a template calling itself is rendered per page
		return false
	}
	def := c.t.Lookup(name)
	if def == nil || def.Tree == nil || def.Tree.Root == nil || c.pages[def.Tree.ParseName] {
		c.seen[key] = -1
		return false
	}
	c.seen[key] = 2
	s := &pieceScope{c: c, vars: map[string]dotKind{"$": dot}}
	ok := s.node(def.Tree.Root, dot)
	c.seen[key] = -1
	if ok {
		c.seen[key] = 1
	}
	return ok
}

// pieceScope checks the nodes of one template; vars are the kinds of its
// variables (a name declared twice with different kinds counts as the
// page's data, the stricter).
type pieceScope struct {
	c    *pieceCheck
	vars map[string]dotKind
}

func (s *pieceScope) node(n parse.Node, dot dotKind) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if !s.node(c, dot) {
				return false
			}
		}
		return true
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		if s.writesItem(n.Pipe, dot) {
			return true
		}
		_, ok := s.pipe(n.Pipe, dot, false)
		return ok
	case *parse.IfNode:
		_, ok := s.pipe(n.Pipe, dot, true)
		return ok && s.node(n.List, dot) && (n.ElseList == nil || s.node(n.ElseList, dot))
	case *parse.WithNode:
		inner, ok := s.pipe(n.Pipe, dot, true)
		return ok && s.node(n.List, inner) && (n.ElseList == nil || s.node(n.ElseList, dot))
	case *parse.RangeNode:
		inner, ok := s.rangePipe(n.Pipe, dot)
		return ok && s.node(n.List, inner) && (n.ElseList == nil || s.node(n.ElseList, dot))
	case *parse.TemplateNode:
		arg := fromSite
		if n.Pipe != nil {
			var ok bool
			if arg, ok = s.pipe(n.Pipe, dot, true); !ok {
				return false
			}
		}
		return s.c.piece(n.Name, arg)
	}
	return false
}

// pipe checks a pipeline and returns the kind of its value. whole says
// the value may be the page's data itself (a condition, with, or the
// argument of a template call); otherwise the page's data as a value
// (printed, passed to a function) is refused.
func (s *pieceScope) pipe(p *parse.PipeNode, dot dotKind, whole bool) (dotKind, bool) {
	if p == nil {
		return fromSite, true
	}
	kind := fromSite
	for i, cmd := range p.Cmds {
		last := i == len(p.Cmds)-1
		if len(cmd.Args) == 1 && last && whole {
			if k, bare := s.bare(cmd.Args[0], dot); bare && k != item {
				kind = k
				continue
			}
		}
		for _, a := range cmd.Args {
			if !s.arg(a, dot) {
				return 0, false
			}
		}
	}
	for _, v := range p.Decl {
		if s.vars[v.Ident[0]] != pageData {
			s.vars[v.Ident[0]] = kind
		}
	}
	return kind, true
}

// bare reports whether a is dot or a variable without fields, and its kind.
func (s *pieceScope) bare(a parse.Node, dot dotKind) (dotKind, bool) {
	switch a := a.(type) {
	case *parse.DotNode:
		return dot, true
	case *parse.VariableNode:
		if k, ok := s.vars[a.Ident[0]]; ok && len(a.Ident) == 1 {
			return k, true
		}
	}
	return 0, false
}

// arg checks one argument of a command.
func (s *pieceScope) arg(a parse.Node, dot dotKind) bool {
	switch a := a.(type) {
	case *parse.IdentifierNode:
		return pieceFuncs[a.Ident] || strings.HasPrefix(a.Ident, "_html_template_")
	case *parse.FieldNode:
		return s.c.readable(a.Ident, dot)
	case *parse.VariableNode:
		k, ok := s.vars[a.Ident[0]]
		return ok && s.c.readable(a.Ident[1:], k)
	case *parse.DotNode:
		return dot == fromSite
	case *parse.ChainNode:
		if _, bare := s.bare(a.Node, dot); bare {
			return false
		}
		return s.arg(a.Node, dot) && s.c.readable(a.Field, fromSite)
	case *parse.PipeNode:
		_, ok := s.pipe(a, dot, false)
		return ok
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return true
	}
	return false
}

// readable reports whether a chain of fields may be read of a value of
// kind k: of the data, only c.fields; of an item, nothing.
func (c *pieceCheck) readable(fields []string, k dotKind) bool {
	if k == item || k == pageData && (len(fields) == 0 || !c.fields[fields[0]]) {
		return false
	}
	for _, f := range fields {
		if convertedNames[f] {
			return false
		}
	}
	return true
}

// rangePipe checks the pipeline of a range and returns what dot is in
// its body: an item when it ranges over the data's items, else
// something read from the site.
func (s *pieceScope) rangePipe(p *parse.PipeNode, dot dotKind) (dotKind, bool) {
	if s.c.items == "" || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		_, ok := s.pipe(p, dot, false)
		return fromSite, ok
	}
	var k dotKind
	var fields []string
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		k, fields = dot, a.Ident
	case *parse.VariableNode:
		k, fields = s.vars[a.Ident[0]], a.Ident[1:]
	}
	if k != pageData || len(fields) != 1 || fields[0] != s.c.items {
		_, ok := s.pipe(p, dot, false)
		return fromSite, ok
	}
	for i, v := range p.Decl {
		kind := fromSite // the index
		if i == len(p.Decl)-1 {
			kind = item
		}
		if s.vars[v.Ident[0]] != pageData {
			s.vars[v.Ident[0]] = kind
		}
	}
	return item, true
}

// writesItem reports whether an action writes an item as it is: the item
// alone, escaped for HTML text (which writes it as it is, being HTML).
func (s *pieceScope) writesItem(p *parse.PipeNode, dot dotKind) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 1 || len(p.Cmds[1].Args) != 1 {
		return false
	}
	k, bare := s.bare(p.Cmds[0].Args[0], dot)
	esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	return bare && k == item && ok && esc.Ident == "_html_template_htmlescaper"
}

// usePieces rewrites, in every list under n, the calls of pieces with the
// page's data as their argument (see the comment at the top). names are
// the partials found to be pieces.
func usePieces(n parse.Node, names map[string]bool) {
	eachList(n, func(l *parse.ListNode) {
		for i, c := range l.Nodes {
			if call, ok := c.(*parse.TemplateNode); ok && names[call.Name] && dotArg(call.Pipe) {
				l.Nodes[i] = pieceCall(call)
			}
		}
	})
}

// pieceCalls collects the pieces called with the page's data as their
// argument in every list under n.
func pieceCalls(n parse.Node, c *pieceCheck, names map[string]bool) {
	eachList(n, func(l *parse.ListNode) {
		for _, n := range l.Nodes {
			if call, ok := n.(*parse.TemplateNode); ok && dotArg(call.Pipe) && writesTemplate(c.t, call.Name) && c.piece(call.Name, pageData) {
				names[call.Name] = true
			}
		}
	})
}

// writesTemplate reports whether the template name can write anything:
// an empty one ({{block "head-extra" .}}{{end}}) costs less called.
func writesTemplate(t *template.Template, name string) bool {
	def := t.Lookup(name)
	return def != nil && def.Tree != nil && writes(def.Tree.Root)
}

// dotArg reports whether a template call's argument is dot itself.
func dotArg(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// pieceCall is {{with _folio_piece "NAME" .}}{{.}}{{else}}CALL{{end}}.
func pieceCall(call *parse.TemplateNode) parse.Node {
	pos := call.Pos
	lookup := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{
		parse.NewIdentifier(pieceFunc).SetPos(pos),
		&parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: `"` + call.Name + `"`, Text: call.Name},
		&parse.DotNode{NodeType: parse.NodeDot, Pos: pos},
	}}
	write := &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Line: call.Line, Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: call.Line,
		Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{&parse.DotNode{NodeType: parse.NodeDot, Pos: pos}}}}}}
	return &parse.WithNode{BranchNode: parse.BranchNode{NodeType: parse.NodeWith, Pos: pos, Line: call.Line,
		Pipe:     &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: call.Line, Cmds: []*parse.CommandNode{lookup}},
		List:     &parse.ListNode{NodeType: parse.NodeList, Pos: pos, Nodes: []parse.Node{write}},
		ElseList: &parse.ListNode{NodeType: parse.NodeList, Pos: pos, Nodes: []parse.Node{call}},
	}}
}

// pieceFuncMap is the function the rewritten calls use: the piece of that
// name in the page's data, "" (so the template is called) in any other.
var pieceFuncMap = template.FuncMap{pieceFunc: views.PieceOf}
