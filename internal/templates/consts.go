package templates

import (
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

// This file evaluates once, when the layouts load, the actions whose
// output cannot change while a Set is in use: a call of T, url or abs
// with constant text arguments ({{T "skip_to_text"}}, {{url
// "/css/folio.css"}}). Those functions are bound to the words and the URL
// mapping the Set was loaded with (a preview loads the layouts again when
// either changes). The action becomes the text it writes, so a page no
// longer pays for the call and the escaper through reflection.
//
// Folding happens after html/template has escaped the page template, so
// the action's escapers (the commands html/template appended to its
// pipeline) say its context. An action is folded only when every escaper
// is one known to leave the value as it is (safeFor): then the text is
// the value itself, byte for byte what executing the action writes.

// constFuncs are the functions whose value depends only on their
// arguments and on what the Set was loaded with.
var constFuncs = map[string]bool{"T": true, "url": true, "abs": true}

// foldConstants replaces, in every list under n, the actions that call a
// constant function with constant arguments by the text they write.
func foldConstants(n parse.Node, funcs template.FuncMap) {
	eachList(n, func(l *parse.ListNode) {
		for i, c := range l.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if text, ok := constantText(a, funcs); ok {
					l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
				}
			}
		}
		mergeText(l)
	})
}

// constantText is what action a writes when that is known now.
func constantText(a *parse.ActionNode, funcs template.FuncMap) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false
	}
	escapers := make([]string, 0, len(p.Cmds)-1)
	for _, c := range p.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || len(c.Args) != 1 || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		escapers = append(escapers, id.Ident)
	}
	v, ok := constantCall(p.Cmds[0], funcs)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case string:
		for _, e := range escapers {
			if !safeFor(e, v) {
				return "", false
			}
		}
		return v, true
	case template.HTML:
		// In HTML text, the escaper writes HTML as it is.
		if len(escapers) == 1 && escapers[0] == "_html_template_htmlescaper" {
			return string(v), true
		}
	}
	return "", false
}

// constantCall calls a constant function whose arguments are all text
// constants; false when cmd is anything else or the call fails.
func constantCall(cmd *parse.CommandNode, funcs template.FuncMap) (v any, ok bool) {
	id, isID := cmd.Args[0].(*parse.IdentifierNode)
	if !isID || !constFuncs[id.Ident] || funcs[id.Ident] == nil {
		return nil, false
	}
	fn := reflect.ValueOf(funcs[id.Ident])
	ft := fn.Type()
	args := make([]reflect.Value, 0, len(cmd.Args)-1)
	for i, a := range cmd.Args[1:] {
		s, isString := a.(*parse.StringNode)
		if !isString || !takesText(ft, i, len(cmd.Args)-1) {
			return nil, false
		}
		args = append(args, reflect.ValueOf(s.Text))
	}
	defer func() {
		if recover() != nil {
			v, ok = nil, false
		}
	}()
	out := fn.Call(args)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, false
	}
	return out[0].Interface(), true
}

// takesText reports whether argument i of n given to a function of type
// ft can be a string.
func takesText(ft reflect.Type, i, n int) bool {
	in := ft.NumIn()
	if ft.IsVariadic() {
		if n < in-1 {
			return false
		}
		if i >= in-1 {
			return reflect.TypeFor[string]().AssignableTo(ft.In(in - 1).Elem())
		}
	} else if n != in {
		return false
	}
	return reflect.TypeFor[string]().AssignableTo(ft.In(i))
}

// mergeText joins neighbouring text nodes of l into one, so that
// executing the list writes them in one go.
func mergeText(l *parse.ListNode) {
	out := l.Nodes[:0]
	for _, n := range l.Nodes {
		if t, ok := n.(*parse.TextNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				merged := make([]byte, 0, len(prev.Text)+len(t.Text))
				merged = append(append(merged, prev.Text...), t.Text...)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: merged}
				continue
			}
		}
		out = append(out, n)
	}
	clear(l.Nodes[len(out):])
	l.Nodes = out
}

// eachList calls f on every list of nodes under n, innermost first (so
// that f may replace a list's nodes by nodes holding lists of their own).
func eachList(n parse.Node, f func(*parse.ListNode)) {
	if l, ok := n.(*parse.ListNode); ok {
		if l == nil {
			return
		}
		for _, c := range l.Nodes {
			eachList(c, f)
		}
		f(l)
		return
	}
	for _, l := range branches(n) {
		eachList(l, f)
	}
}
