package foreigncode

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Jekyll's highlight tag is the one piece of template code folio reads,
// because what it means is plain: the lines between
//
//	{% highlight ruby linenos %}
//	...
//	{% endhighlight %}
//
// are a code block in that language, which Jekyll highlights (Rouge) and
// folio highlights as it does a fenced block. Highlight parses it as a
// goldmark FencedCodeBlock, its language the tag's, with the tag's options
// as the block's attributes under the names of a fence's ({linenos=true
// hl_lines="2 3"}), which package markdown reads for both. A tag folio
// would not render as Jekyll does (an option it does not know, code on the
// tag's line, no {% endhighlight %} after it) stays text, and Find tells
// the author what to write instead.
var Highlight goldmark.Extender = highlightExtension{}

type highlightExtension struct{}

func (highlightExtension) Extend(m goldmark.Markdown) {
	// Before the paragraph (1000), as a fence is (700); nothing else
	// opens a block with "{".
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(highlightParser{}, 650)))
}

// highlightOpen matches the tag on a line of its own: the language (group
// 1) and the options (group 2).
var highlightOpen = regexp.MustCompile(`^\{%-?[ \t]*highlight[ \t]+([^\s%]+)((?:[ \t]+` + optionToken + `)*)[ \t]*-?%\}[ \t]*\r?\n?$`)

// optionToken is one option: a name, and a value after =, quoted or not.
const optionToken = `[A-Za-z_]\w*(?:=(?:"[^"%]*"|[^\s"%]+))?`

var optionTokens = regexp.MustCompile(optionToken)

// highlightEnd matches the end tag.
var highlightEnd = regexp.MustCompile(`\{%-?[ \t]*endhighlight[ \t]*-?%\}`)

// highlightOption is one option of the tag: linenos, linenos=table,
// mark_lines="1 2" (Jekyll), hl_lines="1 2" or linenostart=10 (Rouge and
// Pygments spell them so too).
var highlightOption = regexp.MustCompile(`^(linenos)(?:=(table|inline|true))?$|^(mark_lines|hl_lines)="([0-9 -]*)"$|^(linenostart)=([0-9]+)$`)

type highlightParser struct{}

// highlightState is the indent of the open tag, which the code's lines
// lose, as a fence's do.
type highlightState struct{ indent int }

var highlightKey = parser.NewContextKey()

func (highlightParser) Trigger() []byte { return []byte{'{'} }

func (highlightParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) || line[pos] != '{' {
		return nil, parser.NoChildren
	}
	m := highlightOpen.FindSubmatchIndex(line[pos:])
	if m == nil || highlightEnd.FindIndex(reader.Source()[seg.Stop:]) == nil {
		return nil, parser.NoChildren
	}
	start := seg.Start - seg.Padding + pos
	node := ast.NewFencedCodeBlock(ast.NewTextSegment(text.NewSegment(start+m[2], start+m[3])))
	if !setOptions(node, line[pos+m[4]:pos+m[5]]) {
		return nil, parser.NoChildren
	}
	pc.Set(highlightKey, &highlightState{indent: pos})
	return node, parser.NoChildren
}

// setOptions sets the tag's options as node's attributes, and reports
// whether it knew them all.
func setOptions(node ast.Node, options []byte) bool {
	for _, o := range optionTokens.FindAll(options, -1) {
		m := highlightOption.FindSubmatch(o)
		switch {
		case m == nil:
			return false
		case m[1] != nil:
			node.SetAttributeString("linenos", []byte(orTrue(string(m[2]))))
		case m[3] != nil:
			node.SetAttributeString("hl_lines", m[4])
		default:
			node.SetAttributeString("linenostart", m[6])
		}
	}
	return true
}

func orTrue(s string) string {
	if s == "" {
		return "true"
	}
	return s
}

func (highlightParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	st := pc.Get(highlightKey).(*highlightState)
	end := highlightEnd.FindIndex(line)
	if end != nil {
		line = line[:end[0]]
		seg.Stop = seg.Start + end[0]
		if util.IsBlank(line) {
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	pos, padding := util.IndentPositionPadding(line, reader.LineOffset(), seg.Padding, st.indent)
	if pos < 0 {
		pos, padding = max(0, util.FirstNonSpacePosition(line))-seg.Padding, 0
	}
	code := text.NewSegmentPadding(seg.Start+pos, seg.Stop, padding)
	code.ForceNewline = true
	node.Lines().Append(code)
	reader.AdvanceToEOL()
	if end != nil {
		return parser.Close // the code's last line ends with the tag
	}
	return parser.Continue | parser.NoChildren
}

func (highlightParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	pc.Set(highlightKey, nil)
}

// CanInterruptParagraph: Liquid runs before Markdown, so Jekyll ends a
// paragraph at the tag.
func (highlightParser) CanInterruptParagraph() bool { return true }

func (highlightParser) CanAcceptIndentedLine() bool { return false }
