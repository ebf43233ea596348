package epub

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// A book's stylesheet is fitted to the book: epubcheck's usage report
// (CSS-024) lists every class a stylesheet names that no document uses, and
// (CSS-025) every class a document uses that no stylesheet names. So Write
// keeps a class on an element only when a rule of the stylesheet names it (a
// class no rule names changes nothing a reader sees; a span left with no
// attribute at all is unwrapped), and keeps a selector only when every
// class it names is used by some document of the book. A stylesheet that
// carries rules for everything folio writes (highlighted code, callouts,
// table alignment) so ships only the rules a book needs.

// pruneStylesheet reads a stylesheet with tdewolff/parse's CSS parser and
// writes it again without the selectors naming a class for which used
// returns false (nil keeps every selector), dropping rules left without a
// selector and at-rule blocks left empty. It returns the stylesheet written
// and the classes its selectors name. Comments are dropped.
func pruneStylesheet(src []byte, used func(class string) bool) ([]byte, map[string]bool, error) {
	p := css.NewParser(parse.NewInput(bytes.NewReader(src)), false)
	r := &pruner{used: used, blocks: []*cssBlock{{}}, classes: map[string]bool{}}
	for {
		gt, _, data := p.Next()
		if gt == css.ErrorGrammar {
			if err := p.Err(); !errors.Is(err, io.EOF) {
				return nil, nil, fmt.Errorf("read the stylesheet: %w", err)
			}
			if len(r.blocks) != 1 || r.inRule {
				return nil, nil, errors.New("read the stylesheet: a block is not closed")
			}
			return r.blocks[0].buf.Bytes(), r.classes, nil
		}
		if err := balancedTokens(append(p.Values(), css.Token{Data: data})); err != nil {
			return nil, nil, fmt.Errorf("read the stylesheet: %w at byte %d", err, p.Offset())
		}
		if err := r.step(gt, data, p.Values()); err != nil {
			return nil, nil, fmt.Errorf("read the stylesheet: %w at byte %d", err, p.Offset())
		}
	}
}

// cssBlock is the output of an open at-rule block, and whether a rule was
// kept in it.
type cssBlock struct {
	buf  bytes.Buffer
	kept bool
}

// pruner writes a stylesheet again, one grammar unit of the parser at a
// time.
type pruner struct {
	used    func(string) bool
	blocks  []*cssBlock // blocks[0] is the stylesheet itself
	classes map[string]bool
	skip    bool // inside a ruleset whose every selector went
	inRule  bool // inside a ruleset
}

func (r *pruner) step(gt css.GrammarType, data []byte, values []css.Token) error {
	top := r.blocks[len(r.blocks)-1]
	out := &top.buf
	switch gt {
	case css.TokenGrammar:
		// Not a rule, an at-rule or a declaration: a stray token, or the
		// body of an at-rule the parser does not know.
		return fmt.Errorf("unexpected %q", data)
	case css.AtRuleGrammar:
		out.Write(data)
		writeValues(out, values)
		out.WriteString(";\n")
		top.kept = true
	case css.BeginAtRuleGrammar:
		b := &cssBlock{}
		b.buf.Write(data)
		writeValues(&b.buf, values)
		b.buf.WriteString(" {\n")
		r.blocks = append(r.blocks, b)
	case css.EndAtRuleGrammar:
		r.blocks = r.blocks[:len(r.blocks)-1]
		if top.kept {
			parent := r.blocks[len(r.blocks)-1]
			parent.buf.Write(top.buf.Bytes())
			parent.buf.WriteString("}\n")
			parent.kept = true
		}
	case css.BeginRulesetGrammar:
		if r.inRule || len(bytes.TrimSpace(tokensText(values))) == 0 {
			return errors.New("a rule without a selector, or inside another")
		}
		r.inRule = true
		selectors := keptSelectors(values, r.used, r.classes)
		r.skip = len(selectors) == 0
		if !r.skip {
			out.Write(bytes.Join(selectors, []byte(", ")))
			out.WriteString(" {")
			top.kept = true
		}
	case css.DeclarationGrammar, css.CustomPropertyGrammar:
		if !r.skip {
			out.WriteByte(' ')
			out.Write(data)
			out.WriteByte(':')
			if gt == css.DeclarationGrammar {
				out.WriteByte(' ')
			}
			writeValues(out, values)
			out.WriteByte(';')
		}
	case css.EndRulesetGrammar:
		if !r.skip {
			out.WriteString(" }\n")
		}
		r.inRule, r.skip = false, false
	}
	return nil
}

// balancedTokens refuses what the lenient parser lets through at the end of
// the input, which would read differently once written again: an unclosed
// string, url or bracket.
func balancedTokens(values []css.Token) error {
	depth := 0
	for _, t := range values {
		if bytes.HasSuffix(t.Data, []byte(`\`)) {
			return fmt.Errorf("an escape at the end of %q", t.Data)
		}
		switch t.TokenType {
		case css.BadStringToken, css.BadURLToken:
			return fmt.Errorf("unclosed string or url %q", t.Data)
		case css.StringToken:
			if len(t.Data) < 2 || t.Data[len(t.Data)-1] != t.Data[0] {
				return fmt.Errorf("unclosed string %q", t.Data)
			}
		case css.FunctionToken, css.LeftParenthesisToken, css.LeftBracketToken, css.LeftBraceToken:
			depth++
		case css.RightParenthesisToken, css.RightBracketToken, css.RightBraceToken:
			depth--
		}
	}
	if depth != 0 {
		return errors.New("unbalanced brackets")
	}
	return nil
}

func tokensText(values []css.Token) []byte {
	var b bytes.Buffer
	writeValues(&b, values)
	return b.Bytes()
}

func writeValues(out *bytes.Buffer, values []css.Token) {
	for _, v := range values {
		out.Write(v.Data)
	}
}

// keptSelectors splits a selector list at its top-level commas and returns
// the selectors whose classes are all used, adding those classes to
// classes.
func keptSelectors(tokens []css.Token, used func(string) bool, classes map[string]bool) [][]byte {
	var kept [][]byte
	var sel bytes.Buffer
	var names []string
	keep := true
	level, not := 0, 0 // not: the level inside :not(), whose classes need no use
	flush := func() {
		if s := bytes.TrimSpace(sel.Bytes()); len(s) > 0 && keep {
			kept = append(kept, append([]byte(nil), s...))
			for _, n := range names {
				classes[n] = true
			}
		}
		sel.Reset()
		names, keep = names[:0], true
	}
	for i, t := range tokens {
		switch {
		case t.TokenType == css.CommaToken && level == 0:
			flush()
			continue
		case t.TokenType == css.FunctionToken && not == 0 && bytes.EqualFold(t.Data, []byte("not(")) && i > 0 && tokens[i-1].TokenType == css.ColonToken:
			level++
			not = level
		case t.TokenType == css.LeftParenthesisToken || t.TokenType == css.FunctionToken || t.TokenType == css.LeftBracketToken:
			level++
		case t.TokenType == css.RightParenthesisToken || t.TokenType == css.RightBracketToken:
			if level == not {
				not = 0
			}
			level--
		case t.TokenType == css.DelimToken && string(t.Data) == "." && i+1 < len(tokens) && tokens[i+1].TokenType == css.IdentToken:
			name := string(tokens[i+1].Data)
			names = append(names, name)
			keep = keep && (used == nil || not > 0 || used(name))
		}
		sel.Write(t.Data)
	}
	flush()
	return kept
}
