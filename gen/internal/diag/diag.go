// Package diag holds positions and diagnostics shared by every stage of gen.
//
// Positions are computed from the source bytes (goldmark gives byte
// offsets), never guessed; every diagnostic prints as file:line:col.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// Pos is a position in a source page: a path relative to the input root,
// 1-based line and column (column counted in characters), and the byte offset.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Col    int    `json:"column"`
	Offset int    `json:"-"`
}

// String formats p as file:line:col.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is a range of source text, from Pos up to (but excluding) End.
type Span struct {
	Pos
	End Pos `json:"-"`
}

// Source is one page's bytes and the offsets of its line starts, used to turn
// byte offsets into positions.
type Source struct {
	Path       string // relative to the input root, with forward slashes
	Bytes      []byte
	lineStarts []int
	lastLine   atomic.Int32 // the line of the last lookup: parsers ask in order
}

// NewSource indexes the lines of b.
func NewSource(path string, b []byte) *Source {
	starts := make([]int, 1, bytes.Count(b, []byte{'\n'})+1)
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Source{Path: path, Bytes: b, lineStarts: starts}
}

// Pos converts a byte offset into a position.
func (s *Source) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.Bytes) {
		off = len(s.Bytes)
	}
	line := s.line(off)
	start := s.lineStarts[line]
	col := utf8.RuneCount(s.Bytes[start:off]) + 1
	return Pos{File: s.Path, Line: line + 1, Col: col, Offset: off}
}

// line finds the 0-based line of off, trying the last line asked for and the
// one after it before a binary search.
func (s *Source) line(off int) int {
	ls := s.lineStarts
	h := int(s.lastLine.Load())
	for l := h; l < len(ls) && l <= h+1; l++ {
		if ls[l] <= off && (l+1 == len(ls) || off < ls[l+1]) {
			s.lastLine.Store(int32(l))
			return l
		}
	}
	l := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	s.lastLine.Store(int32(l))
	return l
}

// Span converts a byte range into a span.
func (s *Source) Span(start, end int) Span {
	return Span{Pos: s.Pos(start), End: s.Pos(end)}
}

// LineCount is the number of lines in the source.
func (s *Source) LineCount() int { return len(s.lineStarts) }

// Severity orders findings: errors stop generation, warnings and infos do not.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Info
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// Diagnostic is one finding about the input.
type Diagnostic struct {
	Span     Span
	Severity Severity
	Rule     string // lint rule id; empty for plain generator errors
	Message  string
}

func (d Diagnostic) String() string {
	if d.Rule != "" {
		return fmt.Sprintf("%s: %s %s: %s", d.Span.Pos, d.Severity, d.Rule, d.Message)
	}
	return fmt.Sprintf("%s: %s", d.Span.Pos, d.Message)
}

// List collects diagnostics.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(sp Span, sev Severity, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Span: sp, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Errorf appends an error without a rule id.
func (l *List) Errorf(sp Span, format string, args ...any) {
	l.Add(sp, Error, "", format, args...)
}

// Sort orders diagnostics by file, line, column, then rule and message, so
// output never depends on the order pages were read in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Span.File != b.Span.File {
			return a.Span.File < b.Span.File
		}
		if a.Span.Line != b.Span.Line {
			return a.Span.Line < b.Span.Line
		}
		if a.Span.Col != b.Span.Col {
			return a.Span.Col < b.Span.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// Errors returns only the error-severity diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// String prints one diagnostic per line.
func (l List) String() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
