package parse

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The dialect gen reads is CommonMark with GFM tables, as goldmark parses it
// with its table extension (Markdown). The page parser runs goldmark with
// savings where these pages spend its time: a table cell, an ATX heading or
// a paragraph whose text holds no character that starts inline markup, and
// the heading goldmark makes of the front matter, become a
// plainLines node that goldmark's inline pass skips (the inline pass is about
// half of goldmark's time, and most cells and headings are plain words such as
// "String" or "Properties"; their text is worked out from their line exactly
// as the inline pass would have made it, see plainLineText); tables are read
// by tables; annotation comments and fenced code lines take shortcuts (see
// leanBlockParsers). TestLeanParserAgrees and FuzzLeanParser hold the page
// parser to stock goldmark.

// stock is goldmark with the table extension, untouched: the reference for
// the parser's output and for the benchmarks' bare parse.
var stock = goldmark.New(goldmark.WithExtensions(extension.Table))

// Markdown returns goldmark as configured for the dialect gen reads, with no
// change to its work, for benchmarks that compare against a bare parse.
func Markdown() goldmark.Markdown { return stock }

// lean is the parser the page parser runs: stock goldmark's block and inline
// parsers with the savings above.
var lean = parser.NewParser(
	parser.WithBlockParsers(leanBlockParsers()...),
	parser.WithInlineParsers(leanInlineParsers()...),
	parser.WithParagraphTransformers(util.Prioritized(linkReferences{parser.LinkReferenceParagraphTransformer}, 100)),
	parser.WithParagraphTransformers(util.Prioritized(tables{}, 200)),
	parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
)

// leanBlockParsers are goldmark's default block parsers with the ATX heading
// and paragraph parsers wrapped to set plain headings and paragraphs aside
// when they close, the setext heading parser to set the front matter aside
// (see frontMatterHeadings), the HTML block
// parser to open comments directly, and the fenced code parser to keep
// adjacent lines as one segment.
func leanBlockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		bp, ok := p.Value.(parser.BlockParser)
		if !ok {
			continue
		}
		w := wrapped{bp}
		if bp == parser.NewParagraphParser() {
			ps[i].Value = plainParagraphs{w}
			continue
		}
		switch string(bp.Trigger()) {
		case "-=":
			ps[i].Value = frontMatterHeadings{w}
		case "#":
			ps[i].Value = plainHeadings{w}
		case "<":
			ps[i].Value = htmlComments{w}
		case "~`":
			ps[i].Value = joinedCodeLines{w}
		}
	}
	return ps
}

// wrapped is one of goldmark's block parsers inside one of the page parser's:
// goldmark passes its options to the outer parser, which passes them on.
type wrapped struct{ parser.BlockParser }

// SetOption passes parser options on to the wrapped parser.
func (w wrapped) SetOption(name parser.OptionName, value any) {
	if so, ok := w.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// linkReferences is goldmark's link reference definition reader ("[x]:
// url" lines at the start of a paragraph), run only on paragraphs whose
// text starts with "[": goldmark's reader opens a line reader for every
// paragraph to find out.
type linkReferences struct{ parser.ParagraphTransformer }

// Transform reads the definitions of a paragraph that may start with one.
func (t linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 {
		t.ParagraphTransformer.Transform(node, reader, pc)
		return
	}
	src := reader.Source()
	i := lines.At(0).Start
	for i < len(src) && util.IsSpace(src[i]) { // as the reader skips them
		i++
	}
	if i < len(src) && src[i] == '[' {
		t.ParagraphTransformer.Transform(node, reader, pc)
	}
}

// leanInlineParsers are goldmark's default inline parsers with the link
// parser wrapped to read simple links itself (see simpleLinks).
func leanInlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	for i, p := range ps {
		if ip, ok := p.Value.(parser.InlineParser); ok && string(ip.Trigger()) == "![]" {
			ps[i].Value = simpleLinks{ip}
		}
	}
	return ps
}

// simpleLinks is goldmark's link parser with a shortcut for the links these
// pages are made of, "[identitySet](identityset.md)": a label of plain
// text on one line, then a destination with no space, parenthesis, angle
// bracket or escape, closed at once. goldmark reads such a link through a
// label state, a delimiter bottom and a second pass over the label; the
// shortcut makes the same Link node in one step. It stands aside for the
// rest of a block once goldmark's parser has taken a '[' or "![" there:
// with labels open, goldmark may read a link as text (when the open labels
// span more than 998 bytes).
type simpleLinks struct{ parser.InlineParser }

// linkFallbackKey holds, in the parser context, the block in which
// simpleLinks last handed a bracket to goldmark's link parser.
var linkFallbackKey = parser.NewContextKey()

func (l simpleLinks) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == '[' && pc.Get(linkFallbackKey) != parent {
		if link, n := simpleLink(line, seg.Start); link != nil {
			block.Advance(n)
			return link
		}
	}
	if line[0] != ']' {
		pc.Set(linkFallbackKey, parent)
	}
	return l.InlineParser.Parse(parent, block, pc)
}

// CloseBlock lets goldmark's link parser turn labels left open into text.
func (l simpleLinks) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := l.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// simpleLink reads a simple link at the start of line, which starts at
// offset start in the page, and returns it with the bytes it spans; nil
// when the link is not simple.
func simpleLink(line []byte, start int) (*ast.Link, int) {
	i := 1
	for i < len(line) && line[i] != ']' {
		if c := line[i]; inlineStarts[c] || c == '\n' || c == '\r' {
			return nil, 0
		}
		i++
	}
	if i+1 >= len(line) || line[i+1] != '(' {
		return nil, 0
	}
	j := i + 2
	for j < len(line) && line[j] != ')' {
		if c := line[j]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '<' || c == '\\' {
			return nil, 0
		}
		j++
	}
	if j >= len(line) || j == i+2 {
		return nil, 0
	}
	link := ast.NewLink()
	link.Destination = line[i+2 : j]
	if i > 1 {
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start+1, start+i)))
	}
	link.SetPos(start)
	return link, j + 1
}

// joinedCodeLines is the fenced code block parser, keeping the lines of a
// block that follow each other in the source as one segment: examples run to
// hundreds of lines, and the page parser reads a block's content as one piece
// of the page anyway (walker.linesText).
type joinedCodeLines struct{ wrapped }

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
type htmlComments struct{ wrapped }

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

// plainLines holds the one line of a cell or heading, or the lines of a
// paragraph, whose text has no inline markup. It is raw, so goldmark's
// inline pass leaves it alone.
type plainLines struct {
	ast.BaseBlock
	seg   text.Segment  // the one line (no allocation for the many cells)
	lines text.Segments // or the lines, when there are several
}

// newPlainLines holds lines, which must not be empty.
func newPlainLines(lines *text.Segments) *plainLines {
	if lines.Len() == 1 {
		return &plainLines{seg: lines.At(0)}
	}
	return &plainLines{lines: *lines}
}

func (n *plainLines) count() int {
	if n.lines.Len() == 0 {
		return 1
	}
	return n.lines.Len()
}

func (n *plainLines) line(i int) text.Segment {
	if n.lines.Len() == 0 {
		return n.seg
	}
	return n.lines.At(i)
}

// span is the byte range the lines cover.
func (n *plainLines) span() (start, stop int) {
	return n.line(0).Start, n.line(n.count() - 1).Stop
}

var kindPlainLines = ast.NewNodeKind("PlainLines")

func (n *plainLines) Kind() ast.NodeKind { return kindPlainLines }
func (n *plainLines) IsRaw() bool        { return true }
func (n *plainLines) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// noLines is what a node whose line moved to a plainLines child keeps.
var noLines text.Segments

// inlineStartsOrBreak are inlineStarts and the line feed.
var inlineStartsOrBreak = func() [256]bool {
	t := inlineStarts
	t['\n'] = true
	return t
}()

// noneOf reports whether seg has no indentation padding and none of the
// bytes stops marks.
func noneOf(seg text.Segment, src []byte, stops *[256]bool) bool {
	if seg.Padding != 0 {
		return false
	}
	for _, c := range src[seg.Start:seg.Stop] {
		if stops[c] {
			return false
		}
	}
	return true
}

// isPlain reports whether a line segment holds text, no inline markup and
// no line break: its inline pass would make one text node of it (see
// plainText).
func isPlain(seg text.Segment, src []byte) bool {
	return seg.Stop > seg.Start && noneOf(seg, src, &inlineStartsOrBreak)
}

// setAside moves n's lines, of which it must have some, into a plainLines
// child, so that the inline pass has nothing to do for n.
func setAside(n ast.Node) {
	n.AppendChild(n, newPlainLines(n.Lines()))
	n.SetLines(&noLines)
}

// plainLineText is the one text node goldmark's inline pass makes of a line
// with no inline markup and no line break: the line, less trailing space.
func plainLineText(seg text.Segment, src []byte) (start, stop int) {
	t := seg.TrimRightSpace(src)
	return t.Start, t.Stop
}

// plainHeadings is the ATX heading parser, setting plain headings aside.
type plainHeadings struct{ wrapped }

func (h plainHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.BlockParser.Close(node, reader, pc)
	if lines := node.Lines(); node.Parent() != nil && lines.Len() == 1 && !node.HasChildren() && isPlain(lines.At(0), reader.Source()) {
		setAside(node)
	}
}

// frontMatterKey holds, in the parser context, the offset where the page's
// front matter ends (0 for none).
var frontMatterKey = parser.NewContextKey()

// frontMatterEnd is the front matter's end as the page parser set it.
func frontMatterEnd(pc parser.Context) int {
	end, _ := pc.Get(frontMatterKey).(int)
	return end
}

// frontMatterHeadings is the setext heading parser, setting the heading
// goldmark makes of a page's front matter (its closing "---" underlines the
// lines above it) aside from the inline pass: the walker skips every block
// that starts in the front matter, and its lines, with their quotes and
// underscores, are a tenth of what the inline pass would read.
type frontMatterHeadings struct{ wrapped }

func (h frontMatterHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.BlockParser.Close(node, reader, pc)
	if lines := node.Lines(); node.Parent() != nil && lines.Len() > 0 && lines.At(0).Start < frontMatterEnd(pc) {
		setAside(node)
	}
}

// plainParagraphs is the paragraph parser, setting aside, once goldmark has
// trimmed it, a paragraph whose lines hold no inline markup: its inline pass
// would make one text node of each line, ending in a line break on all but
// the last (see writePlain). Two kinds of paragraph keep their lines, as
// goldmark reads those after the paragraph closes: one in a list item (a
// tight list turns it into a text block made of its lines) and one closed
// by a line that may underline it as a setext heading.
type plainParagraphs struct{ wrapped }

func (p plainParagraphs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	parent := node.Parent()
	if parent == nil || parent.Kind() == ast.KindListItem {
		return
	}
	if line, _ := reader.PeekLine(); mayUnderline(line) {
		return
	}
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		if !noneOf(lines.At(i), reader.Source(), &inlineStarts) {
			return
		}
	}
	setAside(node)
}

// mayUnderline reports whether line could be a setext heading's underline,
// generously: only '-' or '=' besides spaces and block-quote markers.
func mayUnderline(line []byte) bool {
	bar := false
	for _, c := range line {
		switch c {
		case '-', '=':
			bar = true
		case ' ', '\t', '\r', '\n', '>':
		default:
			return false
		}
	}
	return bar
}

// inlineLine returns the first line of a cell or heading, wherever it is.
func inlineLine(n ast.Node) (text.Segment, bool) {
	if p, ok := n.(*plainLines); ok {
		return p.line(0), true
	}
	if p, ok := n.FirstChild().(*plainLines); ok {
		return p.line(0), true
	}
	if lines := n.Lines(); lines.Len() > 0 {
		return lines.At(0), true
	}
	return text.Segment{}, false
}
