// Package parse reads one Graph-style reference page with goldmark and returns
// a Page: the page's facts (front matter, headings, tables, code blocks and
// their annotations, links, HTTP request lines, examples, property rows) with
// byte spans. It knows nothing about other pages; the resolver builds the IR.
package parse

import (
	"strings"

	"gen/gen/internal/diag"
)

// Kind tells operation pages from resource pages.
type Kind int

// Page kinds.
const (
	Unknown Kind = iota
	Operation
	Resource
)

func (k Kind) String() string {
	return [...]string{"unknown", "operation", "resource"}[k]
}

// Page is one parsed markdown page.
type Page struct {
	Src         *diag.Source
	Kind        Kind
	FrontMatter []Field
	Title       Text
	Namespace   Text
	Headings    []Heading
	Blocks      []Block // prose, tables and headings (not code, not comments), in order
	Tables      []*Table
	Code        []*CodeBlock
	Comments    []*Comment
	Links       []Link
	Diags       diag.List // what the parser could not understand

	// Operation pages.
	Requests     []RequestLine // lines of the HTTP request sections
	RequestBody  []PropertyRow // rows of the request body table
	BodyLink     *Link         // the resource link in the Request body prose
	BodyOr       []*Link       // links the prose offers instead of BodyLink ("[a](a.md) or [b](b.md)")
	BodyMany     bool          // the Request body prose speaks of a collection ("an array of [x](x.md)")
	Response     Text          // the Response section's prose
	Status       int           // status code named in the Response prose, 0 if none
	StatusSpan   diag.Range
	ResponseLink *Link   // the resource link in the Response prose
	ResponseOr   []*Link // links the prose offers instead of ResponseLink
	ResponseMany bool    // the Response prose speaks of a collection
	Examples     []*Example

	// Resource pages.
	Properties     []PropertyRow // Properties and Relationships rows
	SectionTypes   []SectionType // types an H2 of their own declares ("## x resource type")
	Enums          []EnumTable   // "### x values" tables
	Annotation     *Annotation   // the blockType resource annotation
	PageAnnotation *Annotation   // the "#page.annotation" comment (suppressions)
	Description    Text          // first prose paragraph after the title
}

// Text is a piece of source text and where it is.
type Text struct {
	Text string
	Span diag.Range
}

// Field is one front-matter "key: value" line.
type Field struct {
	Key   string
	Value Text
	Span  diag.Range // the whole line
}

// Heading is an ATX or setext heading.
type Heading struct {
	Level     int
	Text      string
	Span      diag.Range
	TabMarker bool   // "# [HTTP](#tab/http)": a tab label, not a title
	Closes    string // the section the heading ends, as its block's; "" for a tab label
}

// BlockKind classifies prose blocks.
type BlockKind int

// Block kinds.
const (
	ProseBlock BlockKind = iota
	TableBlock
	HeadingBlock
)

// Block is a piece of prose outside code blocks and HTML comments.
type Block struct {
	Kind    BlockKind
	Span    diag.Range
	Section string // enclosing H2 heading, normalized
}

// Table is a GFM table.
type Table struct {
	Section    string // enclosing H2, normalized ("properties", "request body")
	Subsection string // enclosing H3 text as written ("failureStage values")
	Header     []Cell
	Rows       []Row
	Span       diag.Range
}

// Column finds a header column by (case-insensitive) name, -1 if absent.
func (t *Table) Column(names ...string) int {
	for i, c := range t.Header {
		for _, n := range names {
			if equalFold(c.Text, n) {
				return i
			}
		}
	}
	return -1
}

// Row is one table row.
type Row struct {
	Cells []Cell
	Span  diag.Range
}

// IsLabel reports whether the row is a label over the rows that follow, as
// Intune's pages write them: one bold cell and nothing else, |**Onboarding**|
// or |**On-boarding**||.
func (r *Row) IsLabel() bool {
	if len(r.Cells) == 0 {
		return false
	}
	first := strings.TrimSpace(r.Cells[0].Raw())
	if len(first) <= 4 || !strings.HasPrefix(first, "**") || !strings.HasSuffix(first, "**") {
		return false
	}
	for _, c := range r.Cells[1:] {
		if strings.TrimSpace(c.Raw()) != "" {
			return false
		}
	}
	return true
}

// RawCells counts the cells written in the source, which may differ from
// len(Cells) (goldmark pads and truncates to the header).
func (r *Row) RawCells() int {
	n, _ := CountCells(r.Span.Text(), -1)
	return n
}

// Cell is one table cell: its plain text (markdown stripped), where its
// source is, its links.
type Cell struct {
	Text  string
	Span  diag.Range
	Links []Link
}

// Raw is the cell's markdown as written.
func (c *Cell) Raw() string { return c.Span.Text() }

// Link is an inline or reference link.
type Link struct {
	Text     string
	Dest     string
	Span     diag.Range // the whole link
	DestSpan diag.Range // the destination; equal to Span for reference links
}

// CodeBlock is a fenced or indented code block.
type CodeBlock struct {
	Info         string // fence info string, trimmed
	Fenced       bool
	Closed       bool
	Content      string
	ContentStart int // byte offset of Content in the page
	Span         diag.Range
	Section      string
	Subsection   string
	Annotation   *Annotation
}

// Comment is an HTML comment block.
type Comment struct {
	Raw    string
	Span   diag.Range
	Closed bool
}

// Annotation is a JSON annotation comment (<!-- { "blockType": ... } -->).
type Annotation struct {
	Comment   *Comment
	JSON      string // the text between <!-- and -->
	Offset    int    // byte offset of JSON in the page
	Value     *Value // lenient parse; nil if not even that worked
	Problems  []Problem
	BlockType string
	Names     []string // "name" (a list on some pages)
}

// Key returns the member with the given key, or nil.
func (a *Annotation) Key(k string) *Value {
	if a == nil || a.Value == nil {
		return nil
	}
	return a.Value.Get(k)
}

// Bool reads a boolean key, accepting string-valued booleans ("true").
func (a *Annotation) Bool(k string) bool {
	v := a.Key(k)
	if v == nil {
		return false
	}
	switch v.Kind {
	case BoolValue:
		return v.Bool
	case StringValue:
		return equalFold(v.Str, "true")
	}
	return false
}

// String reads a string key; "" when absent or not a string.
func (a *Annotation) String(k string) string {
	v := a.Key(k)
	if v == nil || v.Kind != StringValue {
		return ""
	}
	return v.Str
}

// RequestLine is one line of an HTTP request section: "POST /path".
type RequestLine struct {
	Method string
	Path   string // leading slash, no host, no version, no query
	Raw    string
	Query  string
	Params []string // {name} placeholders in Path, in order
	Span   diag.Range
	// Invalid marks a path that cannot be served (unbalanced braces,
	// whitespace): an invalid-path error says why, and the resolver leaves
	// the line out of the operation. Ellipsis marks one invalid only for a
	// ... segment standing for segments left out (a warning): it is read
	// well enough to tell which requests it documents.
	Invalid, Ellipsis bool
}

// Header is an HTTP header line in an example.
type Header struct {
	Name  string
	Value string
	Span  diag.Range
}

// Example is an HTTP request or response code block of the Examples section.
type Example struct {
	Block *CodeBlock
	Role  string // "request" or "response"
	Name  string // annotation name, "" when unnamed
	// Names are all the names of a list-valued annotation name: a response
	// that answers several requests names them all. Name is the first.
	Names     []string
	Method    string
	URL       string
	Path      string // URL path without host, version prefix and query
	Status    int
	StartLine diag.Range // the request line or status line
	// BlankBeforeHeaders spans the blank lines between the start line and
	// the headers, which the parser reads as headers all the same (HTTP
	// would read them as the body); invalid when there are none.
	BlankBeforeHeaders diag.Range
	Headers            []Header
	Body               string
	BodyOffset         int // byte offset of Body in the page
	Truncated          bool
	ODataType          string
	Collection         bool
}

// PropertyRow is one row of a property table.
type PropertyRow struct {
	Name        Text
	Type        TypeCell
	Description Text
	DescRaw     string // the description cell's markdown, code spans included
	Navigation  bool   // from a Relationships table
	ReadOnly    bool
	Row         *Row
	Table       *Table
}

// SectionType is a type a resource page declares besides its own, under an
// H2 that names it: "## accessReviewSettings resource type", "## The
// programResource complex type".
type SectionType struct {
	Name       Text // the type name, spanning the heading
	Properties []PropertyRow
}

// TypeCell is a Type cell: the type as written and its link, if any.
type TypeCell struct {
	Name       string // type name with markup, link and "collection" removed
	Collection bool
	Link       *Link
	// Alternatives are the links of a cell that names one of several types,
	// "[appHostedMediaConfig](a.md) or [serviceHostedMediaConfig](s.md)";
	// Link is the first of them. Nil for a cell naming one type.
	Alternatives []Link
	Span         diag.Range
}

// EnumTable is a "### x values" member table.
type EnumTable struct {
	Name    Text
	Members []Text
	Descs   []string
	Values  []string // the Value column beside a Member or Name column; "" without one
	Table   *Table
}
