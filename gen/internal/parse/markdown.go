package parse

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The dialect gen reads is CommonMark with GFM tables, as goldmark parses it
// with its table extension (Markdown). The page parser runs goldmark with one
// saving: a table cell or an ATX heading whose text holds no character that
// starts inline markup is moved, as it is, into a plainLines node that
// goldmark's inline pass skips. The inline pass is about half of goldmark's
// time, and most cells and headings of these pages are plain words ("String",
// "Properties"); their text is worked out from their lines on demand, exactly
// as the inline pass would have split it (see plainLineText).
// TestLeanParserAgrees holds the page parser to the stock one.

// stock is goldmark with the table extension, untouched: the reference for
// the parser's output and for the benchmarks' bare parse.
var stock = goldmark.New(goldmark.WithExtensions(extension.Table))

// Markdown returns goldmark as configured for the dialect gen reads, with no
// change to its work, for benchmarks that compare against a bare parse.
func Markdown() goldmark.Markdown { return stock }

// lean is the parser the page parser runs: stock goldmark's block and inline
// parsers, with plain cells and headings set aside before the inline pass.
var lean = parser.NewParser(
	parser.WithBlockParsers(leanBlockParsers()...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	parser.WithParagraphTransformers(util.Prioritized(plainCells{extension.NewTableParagraphTransformer()}, 200)),
	parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
)

// leanBlockParsers are goldmark's default block parsers with the ATX heading
// parser wrapped to set plain headings aside when they close, the HTML block
// parser to open comments directly, and the fenced code parser to keep
// adjacent lines as one segment.
func leanBlockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		bp, ok := p.Value.(parser.BlockParser)
		if !ok {
			continue
		}
		switch string(bp.Trigger()) {
		case "#":
			ps[i].Value = plainHeadings{bp}
		case "<":
			ps[i].Value = htmlComments{bp}
		case "~`":
			ps[i].Value = joinedCodeLines{bp}
		}
	}
	return ps
}

// joinedCodeLines is the fenced code block parser, keeping the lines of a
// block that follow each other in the source as one segment: examples run to
// hundreds of lines, and the page parser reads a block's content as one piece
// of the page anyway (walker.linesText).
type joinedCodeLines struct{ parser.BlockParser }

func (c joinedCodeLines) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	lines := node.Lines()
	n := lines.Len()
	state := c.BlockParser.Continue(node, reader, pc)
	if n > 0 && lines.Len() == n+1 {
		prev, cur := lines.At(n-1), lines.At(n)
		if prev.Padding == 0 && cur.Padding == 0 && cur.Start == prev.Stop && prev.ForceNewline == cur.ForceNewline {
			prev.Stop = cur.Stop
			lines.Set(n-1, prev)
			lines.SetSliced(0, n)
		}
	}
	return state
}

// htmlComments is the HTML block parser with a shortcut for the annotation
// comments every example has: a line that starts "<!--" opens an HTML block
// of CommonMark's type 2, which goldmark finds only after trying another
// type's regular expression first.
type htmlComments struct{ parser.BlockParser }

func (h htmlComments) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	rest := line
	for i := 0; i < 3 && len(rest) > 0 && rest[0] == ' '; i++ {
		rest = rest[1:]
	}
	if len(rest) < 4 || rest[0] != '<' || rest[1] != '!' || rest[2] != '-' || rest[3] != '-' {
		return h.BlockParser.Open(parent, reader, pc)
	}
	node := ast.NewHTMLBlock(ast.HTMLBlockType2)
	reader.AdvanceToEOL()
	node.Lines().Append(segment)
	return node, parser.NoChildren
}

// inlineStarts are the bytes at which goldmark's default inline parsers
// start (code spans, links and images, autolinks and raw HTML, emphasis),
// and the backslash of an escape. A line without any of them parses into
// one text node.
var inlineStarts = [256]bool{'`': true, '!': true, '[': true, ']': true, '<': true, '*': true, '_': true, '\\': true}

// plainLines holds the lines of a cell or heading whose text has no inline
// markup. It is raw, so goldmark's inline pass leaves it alone.
type plainLines struct {
	ast.BaseBlock
}

var kindPlainLines = ast.NewNodeKind("PlainLines")

func (n *plainLines) Kind() ast.NodeKind { return kindPlainLines }
func (n *plainLines) IsRaw() bool        { return true }
func (n *plainLines) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// noLines is what a node whose lines moved to a plainLines child keeps.
var noLines text.Segments

// setAsidePlain moves n's lines into a plainLines child when no line holds
// inline markup, so that the inline pass has nothing to do for n.
func setAsidePlain(n ast.Node, src []byte) {
	lines := n.Lines()
	if lines.Len() == 0 || n.HasChildren() {
		return
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || seg.Stop <= seg.Start {
			return
		}
		for _, c := range src[seg.Start:seg.Stop] {
			if inlineStarts[c] {
				return
			}
		}
	}
	p := &plainLines{}
	p.SetLines(lines)
	n.SetLines(&noLines)
	n.AppendChild(n, p)
}

// plainLineText is the text node goldmark's inline pass makes of a line with
// no inline markup: the line up to its newline, less a hard break's two
// spaces, with trailing space trimmed; brk reports a line break after it.
func plainLineText(seg text.Segment, src []byte) (start, stop int, brk bool) {
	line := src[seg.Start:seg.Stop]
	n := len(line)
	newline := n > 0 && line[n-1] == '\n'
	switch {
	case n >= 3 && line[n-3] == ' ' && line[n-2] == ' ' && newline:
		n -= 3
	case n >= 4 && line[n-4] == ' ' && line[n-3] == ' ' && line[n-2] == '\r' && newline:
		n -= 4
	}
	for i, c := range line[:n] {
		if c == '\n' {
			n = i
			break
		}
	}
	t := text.NewSegment(seg.Start, seg.Start+n)
	t = t.TrimRightSpace(src)
	return t.Start, t.Stop, newline
}

// plainHeadings is the ATX heading parser, setting plain headings aside.
type plainHeadings struct{ parser.BlockParser }

func (h plainHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.BlockParser.Close(node, reader, pc)
	if node.Parent() != nil {
		setAsidePlain(node, reader.Source())
	}
}

// SetOption passes parser options on to the wrapped parser.
func (h plainHeadings) SetOption(name parser.OptionName, value any) {
	if so, ok := h.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// plainCells is the table paragraph transformer, setting the plain cells of
// the tables it makes aside.
type plainCells struct{ parser.ParagraphTransformer }

func (t plainCells) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	parent, prev, next := node.Parent(), node.PreviousSibling(), node.NextSibling()
	t.ParagraphTransformer.Transform(node, reader, pc)
	if parent == nil {
		return
	}
	// The tables made are between the paragraph's neighbours, where the
	// paragraph was (it is gone when a table took all of it).
	c := parent.FirstChild()
	if prev != nil {
		c = prev.NextSibling()
	}
	src := reader.Source()
	for ; c != nil && c != next; c = c.NextSibling() {
		if c.Kind() != east.KindTable {
			continue
		}
		for r := c.FirstChild(); r != nil; r = r.NextSibling() {
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				setAsidePlain(cell, src)
			}
		}
	}
}

// inlineLines returns the lines of a cell or heading, wherever they are.
func inlineLines(n ast.Node) *text.Segments {
	if p, ok := n.FirstChild().(*plainLines); ok {
		return p.Lines()
	}
	return n.Lines()
}
