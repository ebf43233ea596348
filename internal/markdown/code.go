package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/foreigncode"
	"folio/internal/highlight"
)

// KindCode is the node kind of Code.
var KindCode = ast.NewNodeKind("Code")

// Code is a fenced code block with what its fence asks for: the language
// and the highlighting options of its attributes. It is highlighted once
// per document; every edition rendered from the parse writes the same HTML.
type Code struct {
	ast.BaseBlock
	Options highlight.Options
	html    []byte
}

// Kind implements ast.Node.
func (*Code) Kind() ast.NodeKind { return KindCode }

// IsRaw implements ast.Node: the lines are code, not Markdown.
func (*Code) IsRaw() bool { return true }

// Dump implements ast.Node.
func (c *Code) Dump(source []byte, level int) {
	ast.DumpHelper(c, source, level, map[string]string{"Lang": c.Options.Lang}, nil)
}

// hugoKeys are fence attributes of Hugo that change nothing here: table
// line numbers are written inline, and line anchors, inline code
// highlighting and per-block styles have no equivalent.
var hugoKeys = map[string]bool{"anchorlinenos": true, "lineanchors": true, "hl_inline": true, "style": true,
	"noclasses": true, "guesssyntax": true, "tabwidth": true, "linenumbersintable": true, "codefences": true}

// fenceCode reads a fence's info string: the language up to the first
// space, comma or brace ("go", "rust,ignore" in mdBook's manner), then
// attributes in braces: {linenos=true hl_lines=[2,"4-6"] linenostart=10},
// as Hugo spells them. An info string that opens with braces names its
// language as its first class, as Pandoc's {.python} does.
//
// The block is highlighted here rather than when rendered, so that a block
// written plain (too large, or too slow to lex) is a warning on its line.
func (s *state) fenceCode(n *ast.FencedCodeBlock, src []byte) *Code {
	c := s.fenceOptions(n, src)
	code := string(blockText(n, src))
	var out bytes.Buffer
	err := writeCode(&out, code, c.Options)
	lang := pick(c.Options.Lang, "unnamed")
	switch {
	case highlight.TooLarge(len(code), c.Options):
		s.warn(s.lines.line(n.Info.Segment.Start), fmt.Sprintf("this %s code block is %d bytes, more than the %d folio highlights: it is written plain; split it into smaller blocks, or take the language off its fence to keep it plain without this warning",
			lang, len(code), highlight.MaxBytes))
	case errors.Is(err, highlight.ErrTooSlow):
		s.warn(s.lines.line(n.Info.Segment.Start), fmt.Sprintf("highlighting this %s code block took longer than %v (chroma's lexer backtracks on it, perhaps at a string or comment left open): it is written plain; close what is open, or take the language off its fence",
			lang, highlight.Budget))
	case err != nil:
		return c // renderCode reports it
	}
	c.html = out.Bytes()
	return c
}

// writeCode is highlight.Write; a test makes it slow.
var writeCode = highlight.Write

// pick is s, or else when s is empty.
func pick(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

// fenceOptions reads the language and attributes of a fence into a Code.
func (s *state) fenceOptions(n *ast.FencedCodeBlock, src []byte) *Code {
	c := &Code{}
	c.SetLines(n.Lines())
	if n.Info == nil {
		return c
	}
	// A fence of another syntax (foreigncode.Highlight) carries its
	// options as attributes.
	for _, a := range n.Attributes() {
		s.fenceAttribute(c, string(a.Name), a.Value, s.lines.line(n.Info.Segment.Start))
	}
	info := n.Info.Segment.Value(src)
	if cell, ok := foreigncode.CodeCell(info); ok {
		c.Options.Lang = cell.Lang
		s.templateUse(cell.Kind, cell.Message, n.Info.Segment.Start)
		return c
	}
	end := bytes.IndexAny(info, " \t,{")
	if end < 0 {
		end = len(info)
	}
	c.Options.Lang = string(info[:end])
	rest := info[end:]
	open := bytes.IndexByte(rest, '{')
	if open < 0 {
		return c
	}
	line := s.lines.line(n.Info.Segment.Start)
	attrs, ok := parser.ParseAttributes(text.NewReader(rest[open:]))
	if !ok {
		s.fixedProblem(line, "cannot read the attributes of this code fence, %s; write them as {linenos=true hl_lines=[2,\"4-6\"] linenostart=10}", rest[open:])
		return c
	}
	for _, a := range attrs {
		s.fenceAttribute(c, string(a.Name), a.Value, line)
	}
	return c
}

func (s *state) fenceAttribute(c *Code, name string, value any, line int) {
	v := attributeText(value)
	switch key := strings.ToLower(name); {
	case key == "class":
		if c.Options.Lang == "" {
			c.Options.Lang, _, _ = strings.Cut(v[0], " ")
		}
	case key == "linenos":
		switch v[0] {
		case "true", "inline", "table":
			c.Options.LineNumbers = true
		case "false":
			c.Options.LineNumbers = false
		default:
			s.fixedProblem(line, "linenos=%s on this code fence is not one of true, false, inline, table", v[0])
		}
	case key == "linenostart":
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 0 {
			s.fixedProblem(line, "linenostart=%s on this code fence is not a line number; write linenostart=10", v[0])
			return
		}
		c.Options.LineStart = n
	case key == "hl_lines":
		lines, err := highlight.ParseLines(v...)
		if err != nil {
			s.fixedProblem(line, "hl_lines on this code fence: %v; write hl_lines=[2,\"4-6\"] or hl_lines=\"2 4-6\"", err)
			return
		}
		c.Options.Lines = lines
	case hugoKeys[key] || key == "id":
	default:
		s.fixedProblem(line, "unknown attribute %q on this code fence; folio reads linenos, linenostart and hl_lines", name)
	}
}

// attributeText gives an attribute's value as text, a list item by item.
func attributeText(v any) []string {
	switch v := v.(type) {
	case []byte:
		return []string{string(v)}
	case float64:
		return []string{strconv.FormatFloat(v, 'f', -1, 64)}
	case []any:
		var out []string
		for _, item := range v {
			out = append(out, attributeText(item)...)
		}
		if len(out) == 0 {
			return []string{""}
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

// codeRenderer writes code blocks through package highlight. An indented
// block has no language, but its pre is focusable too.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCode, renderCode)
	reg.Register(ast.KindCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c, ok := n.(*Code)
	if ok && c.html != nil {
		_, _ = w.Write(c.html)
		return ast.WalkSkipChildren, nil
	}
	var opts highlight.Options
	if ok {
		opts = c.Options
	}
	var out bytes.Buffer
	if err := highlight.Write(&out, string(blockText(n, src)), opts); err != nil {
		return ast.WalkStop, err
	}
	if ok {
		c.html = out.Bytes()
	}
	_, _ = w.Write(out.Bytes())
	return ast.WalkSkipChildren, nil
}
