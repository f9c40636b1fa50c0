// Package diag holds positions and diagnostics shared by every stage of gen.
//
// Positions are computed from the source bytes (goldmark gives byte
// offsets), never guessed; every diagnostic prints as file:line:col.
package diag

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"
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
	file := FileName(p.File)
	if p.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// FileName is a file name as positions write it: quoted when it holds a
// line break, an escape sequence, a bidirectional override or bytes that
// are not UTF-8, which would forge lines of output (a CI's workflow
// commands), drive the terminal or read otherwise than it is.
func FileName(name string) string {
	if !utf8.ValidString(name) || hasUnsafeRune(name) {
		return strconv.Quote(name)
	}
	return name
}

// unsafeRune reports a character that printed as is could forge a line of
// output or drive a terminal: a control character, a line or paragraph
// separator, a bidi control.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}

// hasUnsafeRune is strings.ContainsFunc(s, unsafeRune), faster on the
// printable ASCII nearly every message is made of: every message passes
// through it.
func hasUnsafeRune(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return strings.ContainsFunc(s[i:], unsafeRune)
		}
	}
	return false
}

// Message formats a diagnostic's message. Text a message quotes from a page
// may hold the characters unsafeRune names; each is written escaped, as in
// a Go string ("\x1b", "\u2028"), and the rest as is.
func Message(format string, args ...any) string {
	m := fmt.Sprintf(format, args...)
	if !hasUnsafeRune(m) {
		return m
	}
	var b strings.Builder
	for _, r := range m {
		if unsafeRune(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
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
	text       string // Bytes as a string, so pieces of it are shared, not copied
	index      sync.Once
	lineStarts []int32      // built by the first lookup: most pages never need one
	lastLine   atomic.Int32 // the line of the last lookup: lookups come roughly in order
}

// NewSource wraps the bytes of one page. b must not change afterwards: the
// source's text shares its memory.
func NewSource(path string, b []byte) *Source {
	// Sharing instead of copying saves a copy of every page read; b is
	// owned by the source from here on.
	return &Source{Path: path, Bytes: b, text: unsafe.String(unsafe.SliceData(b), len(b))}
}

// lines returns the offsets of the line starts, indexing them once.
func (s *Source) lines() []int32 {
	s.index.Do(func() {
		b := s.Bytes
		starts := make([]int32, 1, bytes.Count(b, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, int32(i))
		}
		s.lineStarts = starts
	})
	return s.lineStarts
}

// Text returns the source between two byte offsets, clamped to the source,
// as a string that shares the source's memory.
func (s *Source) Text(start, end int) string {
	start, end = s.clamp(start), s.clamp(end)
	if end < start {
		return ""
	}
	return s.text[start:end]
}

func (s *Source) clamp(off int) int {
	return max(0, min(off, len(s.Bytes)))
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
	start := int(s.lines()[line])
	col := utf8.RuneCount(s.Bytes[start:off]) + 1
	return Pos{File: s.Path, Line: line + 1, Col: col, Offset: off}
}

// line finds the 0-based line of off, trying the last line asked for and the
// one after it before a binary search.
func (s *Source) line(off int) int {
	ls := s.lines()
	h := int(s.lastLine.Load())
	for l := h; l < len(ls) && l <= h+1; l++ {
		if int(ls[l]) <= off && (l+1 == len(ls) || off < int(ls[l+1])) {
			s.lastLine.Store(int32(l))
			return l
		}
	}
	l := sort.Search(len(ls), func(i int) bool { return int(ls[i]) > off }) - 1
	s.lastLine.Store(int32(l))
	return l
}

// Span converts a byte range into a span.
func (s *Source) Span(start, end int) Span {
	return Span{Pos: s.Pos(start), End: s.Pos(end)}
}

// Range records a byte range of the source. The parser records ranges for
// everything it reads; a range becomes a Span (lines and columns) only when a
// finding or the IR asks for it, which keeps parsing cheap.
func (s *Source) Range(start, end int) Range {
	start, end = s.clamp(start), s.clamp(end)
	return Range{src: s, start: int32(start), end: int32(max(start, end))}
}

// LineCount is the number of lines in the source.
func (s *Source) LineCount() int { return len(s.lines()) }

// Range is a byte range of one source: 16 bytes, positions worked out on
// demand. The zero Range is invalid: it names no source and no line.
type Range struct {
	src        *Source
	start, end int32
}

// IsValid reports whether r lies in a source.
func (r Range) IsValid() bool { return r.src != nil }

// Source is the source r lies in, nil for the zero Range.
func (r Range) Source() *Source { return r.src }

// Offset is the byte offset where r starts.
func (r Range) Offset() int { return int(r.start) }

// EndOffset is the byte offset just past r.
func (r Range) EndOffset() int { return int(r.end) }

// Len is the number of bytes in r.
func (r Range) Len() int { return int(r.end - r.start) }

// Text is the source text of r.
func (r Range) Text() string {
	if r.src == nil {
		return ""
	}
	return r.src.text[r.start:r.end]
}

// File is the path of r's source, "" for the zero Range.
func (r Range) File() string {
	if r.src == nil {
		return ""
	}
	return r.src.Path
}

// Pos is where r starts.
func (r Range) Pos() Pos {
	if r.src == nil {
		return Pos{}
	}
	return r.src.Pos(int(r.start))
}

// End is where r ends.
func (r Range) End() Pos {
	if r.src == nil {
		return Pos{}
	}
	return r.src.Pos(int(r.end))
}

// Line is the 1-based line where r starts, 0 for the zero Range.
func (r Range) Line() int {
	if r.src == nil {
		return 0
	}
	return r.src.line(int(r.start)) + 1
}

// Span works out r's positions.
func (r Range) Span() Span {
	if r.src == nil {
		return Span{}
	}
	return Span{Pos: r.Pos(), End: r.End()}
}

// Sub is the range of r's source from r's start plus from to r's start plus to.
func (r Range) Sub(from, to int) Range {
	if r.src == nil {
		return r
	}
	return r.src.Range(int(r.start)+from, int(r.start)+to)
}

// Contains reports whether off lies in r, both ends included.
func (r Range) Contains(off int) bool { return int(r.start) <= off && off <= int(r.end) }

// Locator is anything a finding can be placed at: a Span, or a Range.
type Locator interface{ Span() Span }

// Span returns s itself, so a Span is a Locator.
func (s Span) Span() Span { return s }

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
func (l *List) Add(at Locator, sev Severity, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Span: at.Span(), Severity: sev, Rule: rule, Message: Message(format, args...)})
}

// Errorf appends an error without a rule id.
func (l *List) Errorf(sp Locator, format string, args ...any) {
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

// String formats where r starts as file:line:col.
func (r Range) String() string { return r.Pos().String() }
