package templates

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
)

// This file joins the escapers html/template appends to an action's
// pipeline ({{.URL}} in an href becomes .URL | _html_template_urlfilter |
// _html_template_urlnormalizer | _html_template_attrescaper) into one
// function of one argument, an escaper chain: text/template calls every
// command through reflection, and a variadic one (every escaper is) with
// a slice made for its arguments, so three calls become one call.
//
// A chain writes byte for byte what its escapers write. Plain text (a
// string, or a string or an integer of a type without methods) the
// escapers would leave as it is (safeChecks), and HTML in HTML text, it
// returns as it is; plain text for the HTML escapers it escapes as they
// do (escapeHTML); any other value goes through the escapers
// themselves, by executing a one-action template of html/template's
// whose action html/template gave the same escapers (chain.lib). Only
// the chains of such a template are joined. {{url X}} before a chain is
// one call of both (urlChainFuncs).

// chainPrefix starts the name of a chain's function.
const chainPrefix = "_folio_escape_"

// chainContexts are one-action layouts, each putting its action in a
// context html/template escapes with a chain of its own.
var chainContexts = []string{
	`{{.}}`,
	`<p title="{{.}}">`,
	`<p title={{.}}>`,
	`<textarea>{{.}}</textarea>`,
	`<a href="{{.}}">`,
	`<a href="/s?q={{.}}">`,
	`<img srcset="{{.}}">`,
}

// chain is one list of escapers joined into one function.
type chain struct {
	name     string   // the function's name: chainPrefix and its number
	escapers []string // html/template's, in order
	// lib writes prefix, the value escaped by the escapers, and suffix.
	lib            *template.Template
	prefix, suffix string
	html           bool // the escapers are the HTML text escaper alone
	replaces       bool // the escapers replace as escapeHTML does
	// safe are the checks of text each escaper leaves as it is (safeChecks).
	safe []func(string) bool
}

// chains are the chains of chainContexts, by their escapers joined
// with spaces; chainFuncs their functions, by name.
var chains, chainFuncs = func() (map[string]*chain, template.FuncMap) {
	byKey, funcs := map[string]*chain{}, template.FuncMap{}
	for i, layout := range chainContexts {
		c := newChain(layout, chainPrefix+strconv.Itoa(i))
		key := strings.Join(c.escapers, " ")
		if _, dup := byKey[key]; dup {
			panic("templates: two contexts with the escapers " + key)
		}
		byKey[key] = c
		funcs[c.name] = c.escape
	}
	return byKey, funcs
}()

// newChain escapes layout, one action between two texts, and keeps its
// escapers.
func newChain(layout, name string) *chain {
	t := template.Must(template.New("").Parse(layout))
	if err := t.Execute(&strings.Builder{}, ""); err != nil {
		panic(err)
	}
	c := &chain{name: name, lib: t}
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if c.escapers == nil {
				c.prefix = string(n.Text)
			} else {
				c.suffix = string(n.Text)
			}
		case *parse.ActionNode:
			c.escapers = trailingEscapers(n.Pipe)
		}
	}
	if c.escapers == nil {
		panic("templates: no escapers in " + layout)
	}
	c.html = len(c.escapers) == 1 && c.escapers[0] == "_html_template_htmlescaper"
	c.replaces = len(c.escapers) == 1 && htmlReplacing[c.escapers[0]]
	for _, e := range c.escapers {
		safe := safeChecks[e]
		if safe == nil {
			safe = func(string) bool { return false }
		}
		c.safe = append(c.safe, safe)
	}
	return c
}

// htmlReplacing are the escapers that escape plain text as escapeHTML
// does (html/template's htmlReplacer with its htmlReplacementTable).
var htmlReplacing = map[string]bool{"_html_template_htmlescaper": true, "_html_template_attrescaper": true, "_html_template_rcdataescaper": true}

// trailingEscapers are the names of the escapers that end pipe, after a
// command of its own; nil for none.
func trailingEscapers(pipe *parse.PipeNode) []string {
	if pipe == nil || len(pipe.Decl) > 0 {
		return nil
	}
	first := len(pipe.Cmds)
	for first > 1 && isEscaper(pipe.Cmds[first-1]) {
		first--
	}
	if first == len(pipe.Cmds) {
		return nil
	}
	names := make([]string, 0, len(pipe.Cmds)-first)
	for _, c := range pipe.Cmds[first:] {
		names = append(names, c.Args[0].(*parse.IdentifierNode).Ident)
	}
	return names
}

// isEscaper reports whether cmd is a call of one of html/template's
// escapers, as html/template appends them.
func isEscaper(cmd *parse.CommandNode) bool {
	if len(cmd.Args) != 1 {
		return false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && strings.HasPrefix(id.Ident, "_html_template_")
}

// urlChainPrefix starts the name of a chain's function that maps its
// argument with the Set's url first: {{url .URL}} in an href is one
// call of it.
const urlChainPrefix = "_folio_url_escape_"

// urlChainFuncs are the chains' functions with url applied first; none
// when funcs' url is not a function of a string to a string.
func urlChainFuncs(funcs template.FuncMap) template.FuncMap {
	url, ok := funcs["url"].(func(string) string)
	if !ok {
		return nil
	}
	out := template.FuncMap{}
	for _, c := range chains {
		out[urlChainPrefix+strings.TrimPrefix(c.name, chainPrefix)] = func(p string) string { return c.text(url(p)) }
	}
	return out
}

// joinEscapers replaces, in every action under n, escapers that make one
// of the chains by a call of the chain, and a call of url with one
// argument followed by the chain by one call of both (withURL: the Set
// has urlChainFuncs). An argument of url that is not a string fails as
// it did: evaluating an argument names the argument, not the function.
func joinEscapers(n parse.Node, withURL bool) {
	eachList(n, func(l *parse.ListNode) {
		for _, c := range l.Nodes {
			a, ok := c.(*parse.ActionNode)
			if !ok {
				continue
			}
			escapers := trailingEscapers(a.Pipe)
			ch := chains[strings.Join(escapers, " ")]
			if ch == nil {
				continue
			}
			first := len(a.Pipe.Cmds) - len(escapers)
			pos := a.Pipe.Cmds[first].Pos
			a.Pipe.Cmds = append(a.Pipe.Cmds[:first:first], &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos,
				Args: []parse.Node{parse.NewIdentifier(ch.name).SetPos(pos)}})
			if cmd := a.Pipe.Cmds[0]; withURL && first == 1 && len(cmd.Args) == 2 && isIdent(cmd.Args[0], "url") {
				name := urlChainPrefix + strings.TrimPrefix(ch.name, chainPrefix)
				a.Pipe.Cmds = []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: cmd.Pos,
					Args: []parse.Node{parse.NewIdentifier(name).SetPos(cmd.Args[0].Position()), cmd.Args[1]}}}
			}
		}
	})
}

// isIdent reports whether n is the identifier name.
func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// escape is v escaped by the chain's escapers.
func (c *chain) escape(v any) string {
	switch v := v.(type) {
	case string:
		return c.text(v)
	case template.HTML:
		if c.html {
			return string(v)
		}
		return c.library(v)
	case int:
		return c.text(strconv.Itoa(v))
	case template.CSS, template.HTMLAttr, template.JS, template.JSStr, template.URL, template.Srcset:
		return c.library(v)
	}
	// Any other string or integer of a type of its own without methods (a
	// Stringer's String, an error's Error would be written): the escapers
	// write it as fmt.Sprint does, as the string or the number.
	if rv := reflect.ValueOf(v); rv.IsValid() && rv.Type().NumMethod() == 0 {
		switch {
		case rv.Kind() == reflect.String:
			return c.text(rv.String())
		case rv.CanInt():
			return c.text(strconv.FormatInt(rv.Int(), 10))
		}
	}
	return c.library(v)
}

// text is the plain text s escaped.
func (c *chain) text(s string) string {
	if c.replaces {
		return escapeHTML(s)
	}
	for _, safe := range c.safe {
		if !safe(s) {
			return c.library(s)
		}
	}
	return s
}

// library is v escaped by html/template's escapers themselves.
func (c *chain) library(v any) string {
	var b strings.Builder
	if err := c.lib.Execute(&b, v); err != nil {
		panic(err) // {{.}} with any value: an error is a programming error
	}
	out := b.String()
	return out[len(c.prefix) : len(out)-len(c.suffix)]
}

// escapeHTML is plain text escaped for HTML text or a quoted attribute
// value, as html/template escapes it: NUL becomes U+FFFD, and ", &, ',
// +, < and > references.
func escapeHTML(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		repl := htmlReplacements[s[i]]
		if repl == "" {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// htmlReplacements are html/template's htmlReplacementTable, by byte: no
// byte of a longer UTF-8 sequence is below utf8.RuneSelf.
var htmlReplacements = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}
