package parse

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
)

// only returns the findings of one rule, as "line:col message".
func only(l diag.List, rule string) []string {
	var out []string
	for _, d := range l {
		if d.Rule == rule {
			out = append(out, d.Span.Pos.String()+" "+d.Message)
		}
	}
	return out
}

const invalidResource = "---\ntitle: \"gadget resource type\"\n---\n\n# gadget resource type\n\nNamespace: microsoft.graph\n\n" +
	"## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|na\xffme|String|Caf\xe9 \x00.|\n|size|Int32|Size.|\n"

// TestInvalidUTF8: a page that is not UTF-8 gets one error at its first bad
// byte and is read on with U+FFFD for every bad byte, lines and columns
// those of the file.
func TestInvalidUTF8(t *testing.T) {
	p := Parse("resources/gadget.md", []byte(invalidResource))
	assert.Equal(t, []string{"resources/gadget.md:13:4 the page is not UTF-8 text: byte 0xff is not UTF-8; every such byte is read as U+FFFD"}, only(p.Diags, "invalid-utf8"))
	d := p.Diags[0]
	assert.Equal(t, 13, d.Span.End.Line)
	assert.Equal(t, 5, d.Span.End.Col, "the span is the one bad byte, one column")
	assert.True(t, utf8.Valid(p.Src.Bytes), "the page read on is UTF-8")
	require.Len(t, p.Properties, 2, "the rest of the page is usable")
	assert.Equal(t, "na\uFFFDme", p.Properties[0].Name.Text)
	assert.Equal(t, "Caf\uFFFD \uFFFD.", p.Properties[0].Description.Text)
	assert.Equal(t, "size", p.Properties[1].Name.Text)
	// Positions after a bad byte are the file's, where a bad byte is one
	// column: "String" is at 13:8, "Caf" at 13:15, "Int32" at 14:7.
	assert.Equal(t, "resources/gadget.md:13:8", p.Properties[0].Type.Span.Pos().String())
	assert.Equal(t, "resources/gadget.md:13:15", p.Properties[0].Description.Span.Pos().String())
	assert.Equal(t, "resources/gadget.md:14:7", p.Properties[1].Type.Span.Pos().String())

	nul := Parse("x.md", []byte("# Title\n\nText\x00 and more.\n"))
	assert.Equal(t, []string{"x.md:3:5 the page is not UTF-8 text: NUL byte; every such byte is read as U+FFFD"}, only(nul.Diags, "invalid-utf8"))

	clean := Parse("x.md", []byte("# Café ☕\n\nText.\n"))
	assert.Empty(t, clean.Diags)
}

// TestBinaryPage: 200 KB of random bytes named x.md is reported, at its
// first byte that is not UTF-8, and parsing it neither panics nor fails.
func TestBinaryPage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 200<<10)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	first := 0
	for first < len(b) {
		c, n := utf8.DecodeRune(b[first:])
		if c == utf8.RuneError && n == 1 || c == 0 {
			break
		}
		first += n
	}
	src := diag.NewSource("x.md", append([]byte(nil), b...))
	want := src.Pos(first).String()
	p := Parse("x.md", b)
	got := only(p.Diags, "invalid-utf8")
	require.Len(t, got, 1)
	assert.True(t, strings.HasPrefix(got[0], want+" the page is not UTF-8 text"), got[0])
	assert.Empty(t, only(p.Diags, "parse-error"))
}

const statusPage = "---\ntitle: \"Create gadget\"\n---\n\n# Create gadget\n\n## HTTP request\n\n```http\nPOST /gadgets\n```\n\n" +
	"## Response\n\nIf successful, this method returns a `999 Wat` response code. It returns up to 999 gadgets.\n\n" +
	"## Examples\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 42 Wat\n```\n\n" +
	"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 000\n```\n\n" +
	"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 Created\n```\n"

// TestInvalidStatus: a status outside 100-599 in the Response prose or an
// example's status line is an error at the status; a bare number is not.
func TestInvalidStatus(t *testing.T) {
	p := Parse("api/gadget-post.md", []byte(statusPage))
	assert.Equal(t, []string{
		"api/gadget-post.md:15:39 status 999 is not an HTTP status code: they run from 100 to 599",
		"api/gadget-post.md:21:10 status 42 is not an HTTP status code: they run from 100 to 599",
		"api/gadget-post.md:26:10 status 000 is not an HTTP status code: they run from 100 to 599",
	}, only(p.Diags, "invalid-status"))
	assert.Equal(t, 0, p.Status, "999 is no success status")
	require.Len(t, p.Examples, 3)
	assert.False(t, ValidStatus(p.Examples[0].Status))
	assert.True(t, ValidStatus(p.Examples[2].Status))
	assert.True(t, ValidStatus(100))
	assert.True(t, ValidStatus(599))
	assert.False(t, ValidStatus(600))
	assert.False(t, ValidStatus(99))
}

// TestInvalidPath: request paths with unbalanced braces, an empty {} or
// whitespace are errors at the path and marked Invalid; spaces in braces,
// a function's parameter list, the query or before HTTP/1.1 are not.
func TestInvalidPath(t *testing.T) {
	lines := []string{
		"POST /ub/{id", "POST /ep/{}", "POST /sp/a b", "POST /nest/{a{b}}", "POST /close/a}",
		"POST /users/{id | userPrincipalName}/x", "POST /r/resizedRange(deltaRows={n}, deltaColumns={n})",
		"GET /items?$filter=name eq 'a b'", "POST /x/{id}/y HTTP/1.1", "POST https://graph.microsoft.com/beta/z",
	}
	page := "---\ntitle: \"Create gadget\"\n---\n\n# Create gadget\n\n## HTTP request\n\n```http\n" + strings.Join(lines, "\n") + "\n```\n"
	p := Parse("api/gadget-post.md", []byte(page))
	assert.Equal(t, []string{
		"api/gadget-post.md:10:6 request path /ub/{id has a { that is never closed with }",
		"api/gadget-post.md:11:6 request path /ep/{} has an empty {}: name the parameter",
		"api/gadget-post.md:12:6 request path /sp/a b has whitespace in it: a path cannot hold a space; write %20 or end the line after the path",
		"api/gadget-post.md:13:6 request path /nest/{a{b}} has a { that is not closed before the next { opens",
		"api/gadget-post.md:14:6 request path /close/a} has a } with no { before it",
	}, only(p.Diags, "invalid-path"))
	require.Len(t, p.Requests, len(lines))
	for i, rl := range p.Requests {
		assert.Equal(t, i < 5, rl.Invalid, lines[i])
	}
	assert.Equal(t, "/x/{id}/y", p.Requests[8].Path)
}

// TestServiceRootPath: "~/x", the service root as a web application writes
// it, is read as /x with a warning at the ~; "~x" is a segment of its own.
func TestServiceRootPath(t *testing.T) {
	page := "---\ntitle: \"Get gadget\"\n---\n\n# Get gadget\n\n## HTTP request\n\n```http\nGET ~/gadgets/{id}\nGET /~x/{id}\n```\n"
	p := Parse("api/gadget-get.md", []byte(page))
	require.Len(t, p.Requests, 2)
	assert.Equal(t, "/gadgets/{id}", p.Requests[0].Path)
	assert.False(t, p.Requests[0].Invalid)
	assert.Equal(t, "/~x/{id}", p.Requests[1].Path)
	var got []string
	for _, d := range p.Diags {
		if d.Rule == "invalid-path" {
			got = append(got, fmt.Sprintf("%s %s %s", d.Span.Pos, d.Severity, d.Message))
		}
	}
	assert.Equal(t, []string{"api/gadget-get.md:10:5 warning request path ~/gadgets/{id} starts with ~/, the service root as a web application writes it: it is read as /gadgets/{id}; write that"}, got)
}

// TestInvalidPathSegments: an empty segment or a dot segment, which a
// server cleans away before routing, or an ellipsis standing for segments
// left out, makes a path invalid, in a path or a URL; a trailing slash, the root, a URL's "//" and slashes or dots in a
// function's arguments or the query do not.
func TestInvalidPathSegments(t *testing.T) {
	invalid := []string{
		"GET /things/..", "GET /things/.", "GET //things", "GET /things//x", "GET /things//",
		"GET /a/./b HTTP/1.1", "GET https://graph.microsoft.com/beta/things/../x", "GET ../x", "GET /x/..?$top=1",
		"GET /a/%2e/b", "GET /a/%2E%2E/b", "GET /x/{id}/.../y",
	}
	valid := []string{
		"GET /things/", "GET /", "GET https://graph.microsoft.com/beta/things", "GET https://graph.microsoft.com",
		"GET /drive/root:/a/b.txt:/content", "GET /x/getByPath(path='a//b/../c')", "GET /x?$filter=a eq '//..'",
		"GET /x/.hidden", "GET /x/a...b", "GET /users/{id}/x/",
	}
	lines := append(append([]string(nil), invalid...), valid...)
	page := "---\ntitle: \"Get things\"\n---\n\n# Get things\n\n## HTTP request\n\n```http\n" + strings.Join(lines, "\n") + "\n```\n"
	p := Parse("api/thing-get.md", []byte(page))
	assert.Equal(t, []string{
		"api/thing-get.md:10:5 request path /things/.. has a .. segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:11:5 request path /things/. has a . segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:12:5 request path //things has an empty segment (//): a server cleans it away before routing, so no request reaches this path; write one slash",
		"api/thing-get.md:13:5 request path /things//x has an empty segment (//): a server cleans it away before routing, so no request reaches this path; write one slash",
		"api/thing-get.md:14:5 request path /things// has an empty segment (//): a server cleans it away before routing, so no request reaches this path; write one slash",
		"api/thing-get.md:15:5 request path /a/./b has a . segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:16:5 request path https://graph.microsoft.com/beta/things/../x has a .. segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:17:5 request path ../x has a .. segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:18:5 request path /x/.. has a .. segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:19:5 request path /a/%2e/b has a %2e segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:20:5 request path /a/%2E%2E/b has a %2E%2E segment: a server resolves it before routing, so no request reaches this path; write the path it means",
		"api/thing-get.md:21:5 request path /x/{id}/.../y has a ... segment, which stands for segments left out (any number of them): no route matches that, so the line is left out and the paths other lines write in full are served",
	}, only(p.Diags, "invalid-path"))
	require.Len(t, p.Requests, len(lines))
	for i, rl := range p.Requests {
		assert.Equal(t, i < len(invalid), rl.Invalid, lines[i])
	}
	d := p.Diags[0]
	assert.Equal(t, 10, d.Span.End.Line)
	assert.Equal(t, 15, d.Span.End.Col, "the error spans the path, /things/..")
}

const brokenRowsPage = "---\ntitle: \"widget resource type\"\n---\n\n# widget resource type\n\n## Properties\n\n" +
	"| Property | Type | Description |\n|:---|:---|:---|\n" +
	"| id | String | The identifier. |\n" +
	"| name | String | The first part\nof the description\nand more. |\n" +
	"|**Appearance**|\n" +
	"| size | Int32 | Size | with a pipe. |\n" +
	"| color |\n" +
	"| shade | String |\n" +
	"| | |\n"

// TestBrokenPropertyRows: the rows of a property table that lose text from
// the generated code are reported where the text is lost: a line a line
// break split off a row (each such line), the cells past the header's, and a
// row with no Type cell, whose property is left out (an error). A bold
// label row, a row without a description and an empty row are not.
func TestBrokenPropertyRows(t *testing.T) {
	p := Parse("resources/widget.md", []byte(brokenRowsPage))
	assert.Equal(t, []string{
		`resources/widget.md:13:1 a line break splits the row of property "name": this line is left out of its description (keep each row on one line, using <br/> for breaks)`,
		`resources/widget.md:14:1 a line break splits the row of property "name": this line is left out of its description (keep each row on one line, using <br/> for breaks)`,
		`resources/widget.md:16:24 the row of property "size" has 4 cells but the header has 3: the text from here on is left out (escape a | inside a cell as \|)`,
		`resources/widget.md:17:1 the row of property "color" has 1 cell(s) but the header has 3, and no Type: the property is left out`,
	}, only(p.Diags, "table-malformed"))
	var names []string
	for _, r := range p.Properties {
		names = append(names, r.Name.Text)
	}
	assert.Equal(t, []string{"id", "name", "size", "shade"}, names)
	for _, d := range p.Diags {
		if d.Rule == "table-malformed" {
			want := diag.Warning
			if strings.Contains(d.Message, "no Type") {
				want = diag.Error
			}
			assert.Equal(t, want, d.Severity, d.Message)
		}
	}
}

const escapesPage = "---\ntitle: \"gadget resource type\"\n---\n\n# gadget resource type\n\n## Properties\n\n" +
	"|Property|Type|Description|\n|:---|:---|:---|\n" +
	"|p\\|q|String|Either \\[a\\] or \\*b\\*, HKEY\\\\x and C:\\dir.|\n" +
	"|code|String|`a\\|b` and `c\\*d`.|\n" +
	"\n### color values\n\n|Member|Description|\n|:---|:---|\n" +
	"|x\\|y|A pipe.|\n|back\\`tick|A backquote.|\n"

// TestCellEscapes: a cell's text is what GFM renders: "\|" is a pipe and a
// backslash before other ASCII punctuation escapes it, so "x\|y" is the
// member x|y and "p\|q" the property p|q, while a backslash before anything
// else and one in a code span stay ("\|" there too is a pipe). Spans still
// cover the source bytes.
func TestCellEscapes(t *testing.T) {
	p := Parse("resources/gadget.md", []byte(escapesPage))
	require.Len(t, p.Properties, 2)
	pq := p.Properties[0]
	assert.Equal(t, "p|q", pq.Name.Text)
	assert.Equal(t, `p\|q`, pq.Name.Span.Text(), "the span is the source's")
	assert.Equal(t, "resources/gadget.md:11:2", pq.Name.Span.Pos().String())
	assert.Equal(t, `Either [a] or *b*, HKEY\x and C:\dir.`, pq.Description.Text)
	assert.Equal(t, `Either \[a\] or \*b\*, HKEY\\x and C:\dir.`, pq.DescRaw, "the markdown as written")
	assert.Equal(t, `a|b and c\*d.`, p.Properties[1].Description.Text)
	require.Len(t, p.Enums, 1)
	e := p.Enums[0]
	require.Len(t, e.Members, 2)
	assert.Equal(t, "x|y", e.Members[0].Text)
	assert.Equal(t, "back`tick", e.Members[1].Text)
	assert.Equal(t, "resources/gadget.md:18:2", e.Members[0].Span.Pos().String())
	assert.Equal(t, "resources/gadget.md:19:2", e.Members[1].Span.Pos().String())
	assert.Equal(t, "back\\`tick", e.Members[1].Span.Text())
}

// TestBrokenExampleAnnotationKeepsTheExample: an annotation that does not
// say what its block is (JSON too broken to read, a misspelt request or
// response) is read as no annotation: the example is kept, its role
// sniffed. One that says ignored, with a trailing comma, or misspells it,
// is still ignored.
func TestBrokenExampleAnnotationKeepsTheExample(t *testing.T) {
	page := "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Examples\n\n" +
		"<!-- {\n  \"blockType\": \"request\n  \"name\": \"a\"\n} -->\n```http\nGET /things/1\n```\n\n" +
		"<!-- { \"blockType\": \"reponse\" } -->\n```http\nHTTP/1.1 200 OK\n```\n\n" +
		"<!-- { \"blockType\": \"ignored\", } -->\n```http\nGET /things/2\n```\n\n" +
		"<!-- { \"blockType\": \"ignore\" } -->\n```http\nHTTP/1.1 202 Accepted\n```\n"
	p := Parse("api/thing-get.md", []byte(page))
	require.Len(t, p.Examples, 2)
	assert.Equal(t, "request", p.Examples[0].Role)
	assert.Equal(t, "/things/1", p.Examples[0].Path)
	assert.Equal(t, "response", p.Examples[1].Role)
	assert.Equal(t, 200, p.Examples[1].Status)
}

// TestNestingTooDeep: a page nested deeper than the parser reads (goldmark
// takes cubic time in list nesting) is a parse-error at the first such line
// and is left out; deeply indented code that starts with no list marker is
// fine.
func TestNestingTooDeep(t *testing.T) {
	var list strings.Builder
	list.WriteString("# widget resource type\n\n## Properties\n\n")
	for i := range 2000 {
		list.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	p := Parse("resources/widget.md", []byte(list.String()))
	require.Len(t, p.Diags, 1)
	assert.Equal(t, "resources/widget.md:134:1: error parse-error: a list item indented 258 columns, nested deeper than the 256 the parser reads; the page is left out", p.Diags[0].String())
	assert.Empty(t, p.Blocks)

	quotes := "# Get widget\n\n" + strings.Repeat(">", 65) + " deep\n"
	p = Parse("api/widget-get.md", []byte(quotes))
	require.Len(t, p.Diags, 1)
	assert.Contains(t, p.Diags[0].Message, "nested in 65 blockquotes")

	code := "# widget resource type\n\n## JSON representation\n\n```json\n" + strings.Repeat(" ", 400) + "{}\n" + strings.Repeat(" ", 400) + "-1\n```\n\n" + strings.Repeat(">", 64) + " quoted\n"
	p = Parse("resources/widget.md", []byte(code))
	assert.Empty(t, p.Diags)

	// Lists opened one after another on a line nest as deep, and link
	// brackets cost the square of their number in a paragraph.
	var stairs strings.Builder
	stairs.WriteString("# widget resource type\n\n")
	for i := range 100 {
		stairs.WriteString(strings.Repeat("- ", i) + "x\n")
	}
	p = Parse("resources/widget.md", []byte(stairs.String()))
	require.Len(t, p.Diags, 1)
	assert.Contains(t, p.Diags[0].Message, "a line opening 65 lists and blockquotes")
	p = Parse("resources/widget.md", []byte("# widget resource type\n\n"+strings.Repeat("> - ", 40)+"x\n"))
	require.Len(t, p.Diags, 1)
	assert.Contains(t, p.Diags[0].Message, "a line opening 80 lists and blockquotes")
	p = Parse("resources/widget.md", []byte("# widget resource type\n\nText\n"+strings.Repeat("[a](", 3000)+"\n"))
	require.Len(t, p.Diags, 1)
	assert.Equal(t, 3, p.Diags[0].Span.Line, "the paragraph's first line")
	assert.Contains(t, p.Diags[0].Message, "more than 2000 [ brackets")
	p = Parse("resources/widget.md", []byte("# widget resource type\n\nText.\n\n"+strings.Repeat("- ", 80)+"\n\nMore text.\n"))
	assert.Empty(t, only(p.Diags, "parse-error"), "a thematic break, however long, opens no list")
	p = Parse("resources/widget.md", []byte("# widget resource type\n\n"+strings.Repeat("[a](b.md) [c][]\n\n", 1500)))
	assert.Empty(t, p.Diags, "as many brackets in many paragraphs are fine")
	for what, page := range map[string]string{
		"list items":  strings.Repeat("- [a](b.md)\n", 5000),
		"table rows":  "|a|b|\n|:---|:---|\n" + strings.Repeat("|[a](b.md)|[c](d.md)|\n", 3000),
		"fenced code": "```json\n" + strings.Repeat("[", 2100) + strings.Repeat("]", 2100) + "\n```\n",
	} {
		p = Parse("resources/widget.md", []byte("# widget resource type\n\n"+page))
		assert.Empty(t, only(p.Diags, "parse-error"), "brackets in %s are each parsed apart", what)
	}

	// A fence the guard might take as open or closed decides nothing: the
	// list items after it are measured all the same.
	for _, prefix := range []string{"> ```\n\nx\n", "```\n```json\n```\n", "````\n```\n````\n"} {
		var b strings.Builder
		b.WriteString("# widget resource type\n\n" + prefix)
		for i := range 200 {
			b.WriteString(strings.Repeat("  ", i) + "1. item\n")
		}
		p = Parse("resources/widget.md", []byte(b.String()))
		require.Len(t, p.Diags, 1, "%q", prefix)
		assert.Contains(t, p.Diags[0].Message, "a list item indented 258 columns", "%q", prefix)
	}
}

// TestFileNameNotUTF8: a page whose file name is not UTF-8 cannot name a
// generated file or sit in its header: an invalid-utf8 error, and the page
// is left out.
func TestFileNameNotUTF8(t *testing.T) {
	p := Parse("resources/x\xffy.md", []byte("# widget resource type\n\n## Properties\n"))
	require.Len(t, p.Diags, 1)
	assert.Equal(t, "invalid-utf8", p.Diags[0].Rule)
	assert.Contains(t, p.Diags[0].Message, `file name is not UTF-8 ("resources/x\xffy.md")`)
	assert.Empty(t, p.Blocks)

	p = Parse("resources/x\ny.md", []byte("# widget resource type\n\n## Properties\n"))
	require.Len(t, p.Diags, 1)
	assert.Contains(t, p.Diags[0].Message, `file name has a control character ("resources/x\ny.md")`)
}

// TestIndentedFenceInAListCloses: a fence indented inside a list item, with
// several lines, is closed by its indented closing fence (goldmark strips the
// indentation from the content, which is then shorter than the page's text).
func TestIndentedFenceInAListCloses(t *testing.T) {
	page := "# widget resource type\n\n## Properties\n\n1. First step:\n\n    ```json\n    {\n      \"a\": 1,\n      \"b\": 2\n    }\n    ```\n\n2. Second step.\n"
	p := Parse("resources/widget.md", []byte(page))
	assert.Empty(t, only(p.Diags, "unclosed-block"))
	require.Len(t, p.Code, 1)
	assert.True(t, p.Code[0].Closed)

	// Content lines indented with a tab, which goldmark pads to spaces.
	page = "# widget resource type\n\n## Properties\n\n- Step:\n  ```\n\tone\n\ttwo\n\tthree\n\tfour\n  ```\n- Next.\n"
	p = Parse("resources/widget.md", []byte(page))
	assert.Empty(t, only(p.Diags, "unclosed-block"))
	require.Len(t, p.Code, 1)
	assert.True(t, p.Code[0].Closed)
}

// TestFencesCloseAsMarkdownSays: a fence inside a blockquote closes behind
// its markers; a line with an info string opens a block and closes none.
func TestFencesCloseAsMarkdownSays(t *testing.T) {
	p := Parse("resources/widget.md", []byte("# widget resource type\n\n## Properties\n\n> ```http\n> GET /widgets\n> ```\n"))
	assert.Empty(t, only(p.Diags, "unclosed-block"))

	p = Parse("resources/widget.md", []byte("# widget resource type\n\n## Properties\n\n- Item:\n\n  ```json\n  {\"a\": 1}\n```json\n{\"b\": 2}\n```\n"))
	assert.NotEmpty(t, only(p.Diags, "unclosed-block"), "the item's block ends unclosed with the item")
}
