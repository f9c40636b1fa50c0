package parse

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tables turns paragraphs into GFM tables as goldmark's table extension
// does, for the page parser. Tables are a fifth of the pages' bytes, and
// most of their cells are plain words: a row of plain cells is one plainRow
// node, and a plain cell among others a plainLines node (one allocation per
// row holds them), where the extension would make a cell for the inline pass
// to read. The delimiter row is read by hand rather than by four regular
// expressions per column. A paragraph that has an escaped pipe or a line
// with indentation padding goes to the extension itself, which records
// escaped pipes in code spans for its AST transformer. TestLeanParserAgrees
// holds the result to the extension's.
type tables struct{}

// extensionTables is goldmark's own table paragraph transformer.
var extensionTables = extension.NewTableParagraphTransformer()

func (tables) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	src := reader.Source()
	delimiter := false
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || bytes.Contains(src[seg.Start:seg.Stop], []byte(`\|`)) {
			extensionTables.Transform(node, reader, pc)
			return
		}
		delimiter = delimiter || i > 0 && isTableDelimiter(src[seg.Start:seg.Stop])
	}
	if !delimiter {
		return // the common case: prose
	}
	ppos := node.Pos()
	for i := 1; i < lines.Len(); i++ {
		alignments := tableAlignments(lines.At(i), src)
		if alignments == nil {
			continue
		}
		header, cells := tableRow(lines.At(i-1), alignments, true, src)
		if len(alignments) != cells {
			return
		}
		table := east.NewTable()
		table.Alignments = alignments
		table.SetPos(ppos)
		if h, ok := header.(*plainRow); ok {
			h.header = true
			table.AppendChild(table, h)
		} else {
			table.AppendChild(table, east.NewTableHeader(header.(*east.TableRow)))
		}
		for j := i + 1; j < lines.Len(); j++ {
			row, _ := tableRow(lines.At(j), alignments, false, src)
			table.AppendChild(table, row)
		}
		node.Lines().SetSliced(0, i-1)
		node.Parent().InsertAfter(node.Parent(), node, table)
		if node.Lines().Len() == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
		} else {
			last := node.Lines().At(i - 2)
			last.Stop-- // the newline before the table
			node.Lines().Set(i-2, last)
		}
		return // the table took every line from i-1 on
	}
}

// isTableDelimiter is the extension's first test of a delimiter row: at most
// three columns of indentation, only spaces, dashes, pipes and colons, and
// not dashes alone.
func isTableDelimiter(line []byte) bool {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return false
	}
	dashesOnly := true
	for _, c := range line {
		if c != '-' {
			dashesOnly = false
		}
		if !(util.IsSpace(c) || c == '-' || c == '|' || c == ':') {
			return false
		}
	}
	return !dashesOnly
}

// tableAlignments reads a delimiter row ("| :--- | ---: | :-: | --- |"),
// nil when the line is not one.
func tableAlignments(seg text.Segment, src []byte) []east.Alignment {
	line := src[seg.Start:seg.Stop]
	if !isTableDelimiter(line) {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var alignments []east.Alignment
	for _, col := range cols {
		a, ok := delimiterAlignment(col)
		if !ok {
			return nil
		}
		alignments = append(alignments, a)
	}
	return alignments
}

// delimiterAlignment reads one column of a delimiter row: dashes, with a
// colon before them (left), after them (right) or both (center), amid
// spaces.
func delimiterAlignment(col []byte) (east.Alignment, bool) {
	col = bytes.TrimFunc(col, func(r rune) bool { return r < 256 && isRegexpSpace(byte(r)) })
	left := len(col) > 0 && col[0] == ':'
	if left {
		col = col[1:]
	}
	right := len(col) > 0 && col[len(col)-1] == ':'
	if right {
		col = col[:len(col)-1]
	}
	if len(col) == 0 {
		return 0, false
	}
	for _, c := range col {
		if c != '-' {
			return 0, false
		}
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

// isRegexpSpace is \s of Go's regular expressions, which the extension's
// delimiter expressions use.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// plainRow is a table row whose cells all hold no inline markup, as many
// as the delimiter row has columns: their lines, with no node per cell.
type plainRow struct {
	ast.BaseBlock
	header bool
	cells  []text.Segment
}

var kindPlainRow = ast.NewNodeKind("PlainRow")

func (n *plainRow) Kind() ast.NodeKind { return kindPlainRow }
func (n *plainRow) IsRaw() bool        { return true }
func (n *plainRow) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// tableRow reads one row as the extension does, with no escaped pipes: cells
// between pipes, trimmed, cut to the delimiter row's columns (the header
// keeps every cell), and padded with empty cells. cells is the number of
// cells the extension's row would have. A row of plain cells that fills
// the columns is a plainRow.
func tableRow(seg text.Segment, alignments []east.Alignment, isHeader bool, src []byte) (row ast.Node, cells int) {
	rowStart := seg.Start
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := src[seg.Start:seg.Stop]
	pos, limit := 0, len(line)
	if len(line) > 0 && line[pos] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	segs := make([]text.Segment, 0, len(alignments))
	var startsBuf [16]int
	starts := startsBuf[:0] // where each cell starts, for its node's position
	var plainBuf [16]bool
	plains := plainBuf[:0] // whether each cell is plain
	allPlain := true
	for i := 0; pos < limit; i++ {
		if i >= len(alignments) && !isHeader {
			break
		}
		closure := pos
		for closure < limit && line[closure] != '|' {
			closure++
		}
		cell := text.NewSegment(seg.Start+pos, seg.Start+closure)
		cell = cell.TrimLeftSpace(src)
		cell = cell.TrimRightSpace(src)
		plains = append(plains, isPlain(cell, src))
		allPlain = allPlain && plains[len(plains)-1]
		segs = append(segs, cell)
		starts = append(starts, rowStart+pos)
		pos = closure + 1
	}
	cells = max(len(segs), len(alignments))
	if allPlain && len(segs) == len(alignments) {
		r := &plainRow{cells: segs}
		r.SetPos(rowStart)
		return r, cells
	}
	r := east.NewTableRow(alignments)
	r.SetPos(rowStart)
	var plain []plainLines // this row's plain cells, one allocation
	for i, cell := range segs {
		if plains[i] {
			if plain == nil {
				plain = make([]plainLines, 0, len(segs))
			}
			plain = append(plain, plainLines{seg: cell})
			p := &plain[len(plain)-1]
			p.SetPos(starts[i])
			r.AppendChild(r, p)
			continue
		}
		c := east.NewTableCell()
		c.SetPos(starts[i])
		if i < len(alignments) {
			c.Alignment = alignments[i]
		}
		c.Lines().Append(cell)
		r.AppendChild(r, c)
	}
	for i := len(segs); i < len(alignments); i++ {
		r.AppendChild(r, east.NewTableCell())
	}
	return r, cells
}
